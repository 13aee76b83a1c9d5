// Undo of a finished device action: each device goes back to the state it had before (status, template),
// through the API with the etag it has now. A device changed by anyone since the action is left alone and
// reported, as is one that cannot go back (Approve has no inverse in IoT Central's API).
import { ApiError } from '../../api/client';
import { createOrReplaceDevice, getDevice, listDevices, updateDevice } from '../../api/devices';
import type { ExtendedDevice } from '../../api/extensions';
import type { BulkOutcome } from '../../lib/bulk';
import type { DeviceActionName } from '../../lib/device-actions';
import { DEVICE_STATUS_LABELS, deriveDeviceStatus } from '../../lib/device-status';
import { quote } from '../../lib/odata';
import { DEVICE_ACTIONS, type DeviceAction } from './actions';

/** What Undo needs of a finished action: each changed device as it was before, and its etag right after. */
export interface UndoRecord {
  action: DeviceActionName;
  /** The devices the action changed, as they were before it. */
  before: ExtendedDevice[];
  /** The etag each device had right after the action (absent when the answer did not carry one). */
  afterEtags: Map<string, string>;
}

/** Whether the action can be undone: Approve cannot (no API call puts a device back to waiting for approval). */
export function canUndo(action: DeviceActionName): boolean {
  return action !== 'approve';
}

/** What Undo can bring back, in the words of its confirmation and report. */
export function undoLimits(action: DeviceActionName): string | undefined {
  if (action === 'delete')
    return 'Devices are created again with their name, template and blocked state. Their history, individual enrollments and registration are not restored: each must register again with new credentials.';
  return undefined;
}

/** The undo of `action`, for the progress dialog and report ("Undoing block", "restored"). */
export function undoAction(action: DeviceActionName): DeviceAction {
  const original = DEVICE_ACTIONS[action];
  return {
    ...original,
    label: `Undo ${original.label.toLowerCase()}`,
    progressLabel: `Undoing ${original.label.toLowerCase()} of`,
    pastLabel: 'restored',
  };
}

const hasNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** Whether a device with this ID exists, asked by a list (no 404 to log when it does not). */
async function exists(id: string, signal: AbortSignal | undefined): Promise<boolean> {
  const page = await listDevices({ filter: `id eq ${quote(id)}`, top: 1 }, signal);
  return page.value.length > 0;
}

/** Returns one device to its state before the action, or says why it was left alone. */
export async function undoOne(record: UndoRecord, before: ExtendedDevice, signal: AbortSignal | undefined): Promise<BulkOutcome> {
  const id = before.id ?? '';
  if (record.action === 'delete') {
    if (await exists(id, signal)) return { kind: 'skipped', reason: 'a device with its ID exists again (it registered again or was created)' };
    await createOrReplaceDevice(
      id,
      {
        displayName: before.displayName || id,
        ...(before.template ? { template: before.template } : {}),
        simulated: before.simulated ?? false,
        enabled: deriveDeviceStatus(before) !== 'blocked',
      },
      signal,
    );
    return { kind: 'done' };
  }
  const now = await getDevice(id, signal).catch((error: unknown) => {
    if (hasNotFound(error)) return null;
    throw error;
  });
  if (!now) return { kind: 'skipped', reason: 'deleted since' };
  const after = record.afterEtags.get(id);
  if (after !== undefined && now.etag !== after) return { kind: 'skipped', reason: 'changed by someone since' };
  const patch: Partial<ExtendedDevice> =
    record.action === 'block'
      ? { enabled: true }
      : record.action === 'unblock'
        ? { enabled: false }
        : { template: before.template ?? '' };
  const restored = await updateDevice(id, { ...patch, etag: now.etag }, signal);
  const was = deriveDeviceStatus(before);
  const is = deriveDeviceStatus(restored);
  if (was !== is || (restored.template ?? '') !== (before.template ?? '')) {
    throw new Error(`could not be restored exactly: it is ${DEVICE_STATUS_LABELS[is]}, it was ${DEVICE_STATUS_LABELS[was]}.`);
  }
  return { kind: 'done' };
}
