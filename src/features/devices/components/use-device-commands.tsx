// One place that turns an action on a selection into confirmation, dialogs, progress and a report.
// The Devices grid (row menu and toolbar) and the device page both use it.
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import type { ExtendedDevice } from '../../../api/extensions';
import { useConfirm } from '../../../components/confirm-dialog';
import { notify } from '../../../components/notifications';
import type { BulkReport } from '../../../lib/bulk';
import { selectionCount, type DeviceSelection } from '../../../lib/device-selection';
import type { DeviceActionName } from '../../../lib/device-actions';
import { DEVICE_ACTIONS, deviceLabel, devicesText } from '../actions';
import { useRunDeviceAction } from '../mutations';
import { undoAction, undoLimits, type UndoRecord } from '../undo';

// Loaded when first needed, and mounted from then on (their closing transitions): they stay out of the first load.
const BulkProgressDialog = lazy(async () => ({
  default: (await import('./bulk-progress-dialog')).BulkProgressDialog,
}));
const MigrateDialog = lazy(async () => ({ default: (await import('./migrate-dialog')).MigrateDialog }));
// The tab's list of finished actions (Device operations reads it): loaded with the first action.
const actionHistory = () => import('../action-history');

export function useDeviceCommands(
  options: { onDone?: (action: DeviceActionName, report: BulkReport) => void } = {},
) {
  const { onDone } = options;
  const confirm = useConfirm();
  const { state, run, cancel, dismiss } = useRunDeviceAction();
  const [migrating, setMigrating] = useState<{
    selection: DeviceSelection;
    known: Map<string, ExtendedDevice>;
  } | null>(null);
  const [isQuiet, setIsQuiet] = useState(false);
  const [hasMigrated, setHasMigrated] = useState(false);

  // Undo of a finished action: one device quietly, with its outcome as a notification; several with
  // progress and a report, like any bulk action.
  const undo = useCallback(
    async (record: UndoRecord) => {
      // Offered once: from the notification, the report or Device operations, whichever comes first.
      const { forgetUndo, recordFinishedAction, summarize } = await actionHistory();
      forgetUndo(record);
      const single = record.before.length === 1 ? record.before[0] : undefined;
      setIsQuiet(Boolean(single));
      const action = undoAction(record.action);
      const { report } = await run(action, { kind: 'ids', ids: [] }, new Map(), { undo: record });
      recordFinishedAction({
        title: single
          ? `${action.label} of ${deviceLabel(single)}`
          : `${action.label} of ${devicesText(record.before.length)}`,
        summary: summarize(report, action.pastLabel),
      });
      if (!single) return;
      dismiss();
      const failure = report.failed[0];
      const skipped = report.skipped[0];
      if (failure) notify(`${deviceLabel(single)} was not restored. ${failure.message}`, 'error');
      else if (skipped) notify(`${deviceLabel(single)} was not restored: ${skipped.reason}.`, 'warning');
      else
        notify(
          `${deviceLabel(single)} is back as it was.${record.action === 'delete' ? ` ${undoLimits('delete')}` : ''}`,
          'success',
        );
    },
    [run, dismiss],
  );

  /** The notification after an action, with Undo when the action can be undone. */
  const notifyDone = useCallback(
    (message: string, record: UndoRecord | undefined) =>
      notify(
        message,
        'success',
        record ? { action: { label: 'Undo', onClick: () => void undo(record) } } : {},
      ),
    [undo],
  );

  const start = useCallback(
    async (
      name: DeviceActionName,
      selection: DeviceSelection,
      known: Map<string, ExtendedDevice>,
      template?: string,
    ) => {
      const action = DEVICE_ACTIONS[name];
      const count = selectionCount(selection);
      const single = selection.kind === 'ids' && count === 1 ? known.get(selection.ids[0] ?? '') : undefined;
      // One device: no progress dialog, just the outcome as a notification.
      setIsQuiet(Boolean(single));
      const { report, undo: record } = await run(action, selection, known, { template });
      const { recordFinishedAction, summarize } = await actionHistory();
      recordFinishedAction({
        title: single ? `${action.label} ${deviceLabel(single)}` : `${action.label} of ${devicesText(count)}`,
        summary: summarize(report, action.pastLabel),
        ...(record ? { undo: record } : {}),
      });
      if (single) {
        dismiss();
        const failure = report.failed[0];
        const skipped = report.skipped[0];
        if (failure) notify(failure.message, 'error');
        else if (skipped) notify(`${deviceLabel(single)}: ${skipped.reason}.`, 'info');
        else notifyDone(`${deviceLabel(single)} ${action.pastLabel}.`, record);
      }
      onDone?.(name, report);
    },
    [run, dismiss, onDone, notifyDone],
  );

  const execute = useCallback(
    async (name: DeviceActionName, selection: DeviceSelection, known: Map<string, ExtendedDevice>) => {
      const count = selectionCount(selection);
      if (count === 0) return;
      if (name === 'migrate') {
        setHasMigrated(true);
        setMigrating({ selection, known });
        return;
      }
      // Delete, and Approve, Block or Unblock of several devices, ask first; one device runs at once.
      if (name === 'delete' || count > 1) {
        const confirmations = await import('../confirmations');
        const single =
          selection.kind === 'ids' && count === 1 ? known.get(selection.ids[0] ?? '') : undefined;
        const ok = await confirm(
          name === 'delete'
            ? confirmations.deleteConfirmation(count, single)
            : confirmations.bulkConfirmation(name, count),
        );
        if (!ok) return;
      }
      await start(name, selection, known);
    },
    [confirm, start],
  );

  const dialogs: ReactNode = (
    <Suspense fallback={null}>
      {hasMigrated && (
        <MigrateDialog
          open={migrating !== null}
          count={migrating ? selectionCount(migrating.selection) : 0}
          onClose={() => setMigrating(null)}
          onMigrate={(template) => {
            const target = migrating;
            setMigrating(null);
            if (target) void start('migrate', target.selection, target.known, template);
          }}
        />
      )}
      {!isQuiet && state.phase !== 'idle' && (
        <BulkProgressDialog
          state={state}
          onCancel={cancel}
          onUndo={(record) => {
            dismiss();
            void undo(record);
          }}
          onClose={() => {
            // Undo stays offered a while after the report closes.
            if (state.phase === 'done' && state.undo) {
              const n = state.undo.before.length;
              notifyDone(
                `${n.toLocaleString()} ${n === 1 ? 'device' : 'devices'} ${state.action.pastLabel}.`,
                state.undo,
              );
            }
            dismiss();
          }}
        />
      )}
    </Suspense>
  );

  return { execute, undo, dialogs, isBusy: state.phase === 'resolving' || state.phase === 'running' };
}
