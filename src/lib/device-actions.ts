// When an operator's action applies to a device: the one rule behind the toolbar, the row menu, the
// device page and the bulk runner. It reads only the device's status (device-status.ts).
import type { ExtendedDevice } from '../api/extensions';
import { DEVICE_STATUSES, deriveDeviceStatus, type DeviceStatus } from './device-status';

export type DeviceActionName = 'approve' | 'block' | 'unblock' | 'delete' | 'migrate';

/** Every action, in the order the toolbar, the row menu and the device page show them. */
export const DEVICE_ACTION_NAMES: readonly DeviceActionName[] = ['approve', 'migrate', 'block', 'unblock', 'delete'];

/** Why the action leaves a device showing `status` alone, or null when it applies. */
export function skipReasonForStatus(action: DeviceActionName, status: DeviceStatus): string | null {
  switch (action) {
    case 'approve':
      return status === 'waitingForApproval' ? null : 'not waiting for approval';
    case 'block':
      return status === 'blocked' ? 'already blocked' : status === 'disabled' ? 'already disabled' : null;
    case 'unblock':
      // A disabled device of a real application may be blocked or waiting: enabling it is what both need.
      return status === 'blocked' || status === 'disabled' ? null : 'not blocked';
    case 'migrate':
    case 'delete':
      return null;
  }
}

/** Why the action leaves `device` alone, or null when it applies. */
export function skipReason(action: DeviceActionName, device: ExtendedDevice): string | null {
  return skipReasonForStatus(action, deriveDeviceStatus(device));
}

export function appliesTo(action: DeviceActionName, device: ExtendedDevice): boolean {
  return skipReason(action, device) === null;
}

/** The actions that apply to one device, in display order (its row menu, its page). */
export function actionsFor(device: ExtendedDevice): DeviceActionName[] {
  return DEVICE_ACTION_NAMES.filter((action) => appliesTo(action, device));
}

/**
 * Whether the action applies to some device of a selection: the devices themselves when known, else
 * (every device matching a filter) any device the filter's status allows (all statuses when none).
 */
export function appliesToAny(
  action: DeviceActionName,
  selection: { devices: readonly ExtendedDevice[] } | { status: DeviceStatus | undefined },
  /** The statuses devices can show (a real application's are fewer: PUBLIC_API_STATUSES). */
  possible: readonly DeviceStatus[] = DEVICE_STATUSES,
): boolean {
  if ('devices' in selection) return selection.devices.some((device) => appliesTo(action, device));
  const statuses = selection.status ? [selection.status] : possible;
  return statuses.some((status) => skipReasonForStatus(action, status) === null);
}
