// The operator's device actions, defined once for the row menu, the device page and the toolbar: their
// words, how to run one and how to tell it is done. When one applies is lib/device-actions.ts.
import { deleteDevice, updateDevice } from '../../api/devices';
import { ApiError } from '../../api/client';
import type { ExtendedDevice } from '../../api/extensions';
import type { DeviceActionName } from '../../lib/device-actions';
import { isBlocked, isWaitingForApproval } from '../../lib/device-status';
import { isolateText } from '../../lib/visible-text';
import { hasExtension } from '../../api/capabilities';

export interface DeviceAction {
  name: DeviceActionName;
  /** IoT Central's word for it, as on the button. */
  label: string;
  /** "Blocking", for progress. */
  progressLabel: string;
  /** "blocked", for reports. */
  pastLabel: string;
  /** Whether the device already shows the action's effect (to tell, after a lost answer, if it applied). */
  isDone: (device: ExtendedDevice, options: { template?: string }) => boolean;
  /** Runs it; answers the device as it is after (Delete answers nothing). */
  run: (device: ExtendedDevice, signal: AbortSignal | undefined, options: { template?: string }) => Promise<ExtendedDevice | undefined>;
}

/** The device's name for messages: invisible characters shown, right-to-left text isolated. */
const name = (d: ExtendedDevice) => isolateText(d.displayName || d.id || '');

export const DEVICE_ACTIONS: Record<DeviceActionName, DeviceAction> = {
  approve: {
    name: 'approve',
    label: 'Approve',
    progressLabel: 'Approving',
    pastLabel: 'approved',
    isDone: (d) => !isWaitingForApproval(d),
    run: (d, signal) => updateDevice(d.id ?? '', { enabled: true, etag: d.etag }, signal),
  },
  block: {
    name: 'block',
    label: 'Block',
    progressLabel: 'Blocking',
    pastLabel: 'blocked',
    isDone: isBlocked,
    run: (d, signal) => updateDevice(d.id ?? '', { enabled: false, etag: d.etag }, signal),
  },
  unblock: {
    name: 'unblock',
    label: 'Unblock',
    progressLabel: 'Unblocking',
    pastLabel: 'unblocked',
    isDone: (d) => !isBlocked(d),
    run: (d, signal) => updateDevice(d.id ?? '', { enabled: true, etag: d.etag }, signal),
  },
  migrate: {
    name: 'migrate',
    label: 'Migrate',
    progressLabel: 'Migrating',
    pastLabel: 'migrated',
    isDone: (d, { template }) => (d.template ?? '') === (template ?? ''),
    run: (d, signal, { template }) => updateDevice(d.id ?? '', { template: template ?? '', etag: d.etag }, signal),
  },
  delete: {
    name: 'delete',
    label: 'Delete',
    progressLabel: 'Deleting',
    pastLabel: 'deleted',
    isDone: () => false,
    run: (d, signal) => deleteDevice(d.id ?? '', signal),
  },
};

/**
 * Against a backend without the demo's status extension (a real application): why Unblock is what enables a
 * disabled device, and why Approve never applies. Shown as the action's tooltip.
 */
export function actionHint(name: DeviceActionName): string | undefined {
  if (hasExtension('deviceStatus')) return undefined;
  if (name === 'unblock') {
    return "Enables the device. IoT Central's public API cannot tell a blocked device from one waiting for approval: enabling unblocks the one and approves the other.";
  }
  if (name === 'approve') {
    return "IoT Central's public API cannot tell a device waiting for approval from a blocked one: use Unblock, which enables it either way.";
  }
  return undefined;
}

export function describeDeviceError(error: unknown, id: string): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return `Device "${id}" was deleted meanwhile.`;
    if (error.status === 412) return `Device "${id}" was changed by someone else meanwhile; refresh and try again.`;
    return `Device "${id}": ${error.message}`;
  }
  return `Device "${id}": ${error instanceof Error ? error.message : String(error)}`;
}

export const deviceLabel = name;

/** "1 device", "1,200 devices". */
export const devicesText = (n: number) => (n === 1 ? '1 device' : `${n.toLocaleString()} devices`);
