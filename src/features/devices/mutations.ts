import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { createOrReplaceDevice, getDeviceAttestation, listDevices } from '../../api/devices';
import type { Attestation } from '../../api/types';
import { quote } from '../../lib/odata-text';
import type { ExtendedDevice } from '../../api/extensions';
import { deviceQueries, templateQueries } from '../../api/queries';
import type { BulkProgress, BulkReport } from '../../lib/bulk';
import type { DeviceSelection } from '../../lib/device-selection';
import { describeDeviceError, type DeviceAction } from './actions';
import { canUndo, type UndoRecord } from './undo';

export interface NewDeviceInput {
  id: string;
  displayName: string;
  template: string | undefined;
  simulated: boolean;
}

export class DuplicateDeviceError extends Error {}

export function useCreateDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { isErrorHandledLocally: true },
    mutationFn: async (input: NewDeviceInput) => {
      // PUT creates or replaces: check first, so New never overwrites an existing device. A list by ID
      // answers an empty page where GET would answer 404 (an expected answer the browser logs as an error).
      const existing = (await listDevices({ filter: `id eq ${quote(input.id)}`, top: 1 })).value[0];
      if (existing)
        throw new DuplicateDeviceError(`A device with ID "${input.id}" already exists. Choose another ID.`);
      return createOrReplaceDevice(input.id, {
        displayName: input.displayName || input.id,
        ...(input.template ? { template: input.template } : {}),
        simulated: input.simulated,
        enabled: true,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deviceQueries.all() }),
  });
}

export type BulkRunState =
  | { phase: 'idle' }
  | { phase: 'resolving'; action: DeviceAction; found: number }
  | { phase: 'running'; action: DeviceAction; progress: BulkProgress }
  | { phase: 'done'; action: DeviceAction; report: BulkReport; template?: string; undo?: UndoRecord };

export interface RunOptions {
  template?: string;
  /** Undo this earlier run instead of running `action` (which then only names it). */
  undo?: UndoRecord;
}

/** Whether a query key is one of these devices' own (deviceQueries.detail(id) and the keys under it). */
function isDetailOf(queryKey: readonly unknown[], ids: Set<string>): boolean {
  const [, kind, id] = queryKey;
  const detailKind = deviceQueries.details()[1];
  return kind === detailKind && typeof id === 'string' && ids.has(id);
}

/** Progress redraws at most this often: 10,000 devices need not redraw the page 10,000 times. */
const PROGRESS_INTERVAL_MS = 100;

/** Calls `fn` at most every `ms` (the first and the last call always get through); `cancel` drops a late one. */
function throttle(fn: (progress: BulkProgress) => void, ms: number) {
  let last = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    call: (progress: BulkProgress) => {
      clearTimeout(pending);
      const now = performance.now();
      if (progress.finished === progress.total || progress.finished === 0 || now - last >= ms) {
        last = now;
        fn(progress);
      } else pending = setTimeout(() => fn(progress), ms - (now - last));
    },
    cancel: () => clearTimeout(pending),
  };
}

/** Runs Approve, Block, Unblock, Migrate or Delete over a selection with progress, cancel and a report. */
export function useRunDeviceAction() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<BulkRunState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async (
      action: DeviceAction,
      selection: DeviceSelection,
      known: Map<string, ExtendedDevice>,
      options: RunOptions = {},
    ): Promise<{ report: BulkReport; undo?: UndoRecord }> => {
      const abort = new AbortController();
      controller.current = abort;
      setState({ phase: 'resolving', action, found: 0 });
      const progress = throttle(
        (p) => setState({ phase: 'running', action, progress: p }),
        PROGRESS_INTERVAL_MS,
      );
      let report: BulkReport;
      let devices: ExtendedDevice[] = [];
      const afterEtags = new Map<string, string>();
      const attestations = new Map<string, Attestation>();
      const { undo: undoing, template } = options;
      try {
        // Running an action is loaded when first needed: the first load only draws the grid.
        const [{ resolveSelection, runDeviceAction }, { runBulk }] = await Promise.all([
          import('./run-action'),
          import('../../lib/bulk'),
        ]);
        devices = undoing
          ? undoing.before
          : await resolveSelection(selection, known, abort.signal, (found) =>
              setState({ phase: 'resolving', action, found }),
            );
        const undoOne = undoing && (await import('./undo-run')).undoOne;
        const work =
          undoing && undoOne
            ? (d: ExtendedDevice, signal: AbortSignal | undefined) => undoOne(undoing, d, signal)
            : async (d: ExtendedDevice, signal: AbortSignal | undefined) => {
                // Delete keeps the individual enrollment for Undo (asked only where the demo says there is one).
                if (action.name === 'delete' && d.extensions?.attestationType) {
                  const attestation = await getDeviceAttestation(d.id ?? '', signal).catch(() => undefined);
                  if (attestation) attestations.set(d.id ?? '', attestation);
                }
                return runDeviceAction(action, d, signal, {
                  template,
                  onApplied: (after) => after?.etag && afterEtags.set(d.id ?? '', after.etag),
                });
              };
        report = await runBulk(devices as (ExtendedDevice & { id: string })[], work, {
          concurrency: 8,
          signal: abort.signal,
          onProgress: progress.call,
          describeError: describeDeviceError,
        });
      } catch (error) {
        report = {
          succeeded: [],
          skipped: [],
          cancelled: [],
          failed: [
            {
              id: '',
              message: abort.signal.aborted
                ? 'Cancelled before any device was changed.'
                : describeDeviceError(error, ''),
            },
          ],
        };
      }
      progress.cancel();
      // What Undo needs: the devices this run changed, as they were before, and their etags after.
      const changed = new Set(report.succeeded);
      const undo: UndoRecord | undefined =
        !undoing && changed.size > 0 && canUndo(action.name)
          ? {
              action: action.name,
              before: devices.filter((d) => changed.has(d.id ?? '')),
              afterEtags,
              attestations,
            }
          : undefined;
      const deleted = action.name === 'delete' && !undoing ? changed : new Set<string>();
      setState({ phase: 'done', action, report, template, ...(undo ? { undo } : {}) });
      controller.current = null;
      await Promise.all([
        // A deleted device's own queries (its page, history, credentials) are not refreshed: they would only
        // answer 404 ("Could not refresh: … was not found") while its page goes back to the grid.
        queryClient.invalidateQueries({
          queryKey: deviceQueries.all(),
          predicate: (query) => !isDetailOf(query.queryKey, deleted),
        }),
        queryClient.invalidateQueries({ queryKey: templateQueries.all() }),
      ]);
      return { report, ...(undo ? { undo } : {}) };
    },
    [queryClient],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, cancel, dismiss };
}
