// Many devices of one SAS group registering at once: bounded concurrency, progress, a tally of the
// outcomes, and Cancel.
import { useCallback, useRef, useState } from 'react';
import { runBulk, type BulkReport } from '../../lib/bulk';
import { registerDevice } from '../../lib/dps-client';
import { deriveDeviceKeys } from '../../lib/sas-keys';
import { useRefreshAfterRegistration } from './mutations';
import { transportOptions, type DpsTransport } from './transport';

/** Registrations in flight at once. Each waits about a second for DPS's Retry-After. */
export const BATCH_CONCURRENCY = 100;

export interface BatchTally {
  assigned: number;
  notApproved: number;
  refused: number;
}

export interface BatchState {
  total: number;
  finished: number;
  elapsedMs: number;
  tally: BatchTally;
  /** Set once the batch has finished (or was cancelled). */
  report?: BulkReport;
}

export interface BatchRequest {
  idScope: string;
  groupKey: string;
  registrationIds: string[];
  payload?: Record<string, unknown>;
  transport: DpsTransport;
}

export function useBatchRegistration() {
  const [batch, setBatch] = useState<BatchState>();
  const controller = useRef<AbortController | null>(null);
  const refresh = useRefreshAfterRegistration();

  const start = useCallback(
    async ({ idScope, groupKey, registrationIds, payload, transport }: BatchRequest) => {
      const abort = new AbortController();
      controller.current = abort;
      const tally: BatchTally = { assigned: 0, notApproved: 0, refused: 0 };
      const startedAt = performance.now();
      const elapsedMs = () => performance.now() - startedAt;
      setBatch({ total: registrationIds.length, finished: 0, elapsedMs: 0, tally: { ...tally } });
      // Every device key in one batch (the group key is imported once), before the first registration.
      const keys = await deriveDeviceKeys(groupKey, registrationIds);
      const report = await runBulk(
        registrationIds.map((id, i) => ({ id, key: keys[i] ?? '' })),
        async ({ id, key }, signal) => {
          const result = await registerDevice({
            ...transportOptions(transport),
            idScope,
            registrationId: id,
            credential: { type: 'symmetricKey', key },
            ...(payload ? { payload } : {}),
            ...(signal ? { signal } : {}),
          });
          if (result.status === 'assigned') {
            tally.assigned += 1;
            return { kind: 'done' };
          }
          if (result.status === 'failed') tally.notApproved += 1;
          else tally.refused += 1;
          return {
            kind: 'skipped',
            reason: result.registrationState.errorMessage ?? `Registration ${result.status}.`,
          };
        },
        {
          concurrency: BATCH_CONCURRENCY,
          signal: abort.signal,
          onProgress: ({ total, finished }) =>
            setBatch({ total, finished, elapsedMs: elapsedMs(), tally: { ...tally } }),
        },
      );
      const finished = registrationIds.length - report.cancelled.length;
      setBatch({ total: registrationIds.length, finished, elapsedMs: elapsedMs(), tally, report });
      controller.current = null;
      await refresh();
    },
    [refresh],
  );

  const cancel = useCallback(
    () => controller.current?.abort(new DOMException('Cancelled by the operator', 'AbortError')),
    [],
  );
  return { batch, start, cancel, isRunning: Boolean(batch && !batch.report) };
}
