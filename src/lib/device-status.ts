// Device status, derived in one place from the API fields (enabled, provisioned, template) and the
// demo's extension fields. Precedence: Blocked > Waiting for approval > Unassociated > Provisioned > Registered.
// Without the extension fields (a real application) a disabled device is "Disabled: blocked or waiting for
// approval": the public API cannot tell the two apart.
import type { ExtendedDevice } from '../api/extensions';

export type DeviceStatus = 'blocked' | 'waitingForApproval' | 'disabled' | 'unassociated' | 'provisioned' | 'registered';

export const DEVICE_STATUSES: readonly DeviceStatus[] = [
  'registered',
  'provisioned',
  'waitingForApproval',
  'blocked',
  'unassociated',
];

/** The statuses the public API can filter on (enabled, provisioned): a real application's status filter. */
export const PUBLIC_API_STATUSES: readonly DeviceStatus[] = ['registered', 'provisioned', 'disabled'];

export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  registered: 'Registered',
  provisioned: 'Provisioned',
  waitingForApproval: 'Waiting for approval',
  blocked: 'Blocked',
  disabled: 'Disabled: blocked or waiting for approval',
  unassociated: 'Unassociated',
};

export function isBlocked(device: ExtendedDevice): boolean {
  // Without the extension (a real application) a disabled device reads as Blocked, as in the az CLI.
  return device.extensions ? device.extensions.blocked : device.enabled === false;
}

export function isWaitingForApproval(device: ExtendedDevice): boolean {
  return device.extensions?.approvalPending === true;
}

export function isUnassociated(device: ExtendedDevice): boolean {
  return !device.template;
}

export function deriveDeviceStatus(device: ExtendedDevice): DeviceStatus {
  if (!device.extensions && device.enabled === false) return 'disabled';
  if (isBlocked(device)) return 'blocked';
  if (isWaitingForApproval(device)) return 'waitingForApproval';
  if (isUnassociated(device)) return 'unassociated';
  if (device.provisioned) return 'provisioned';
  return 'registered';
}

/** The status a device shows once unblocked: the same rules without the block. */
export function statusAfterUnblock(device: ExtendedDevice): DeviceStatus {
  const extensions = device.extensions ?? { approvalPending: false, blocked: false };
  return deriveDeviceStatus({ ...device, enabled: !extensions.approvalPending, extensions: { ...extensions, blocked: false } });
}

/**
 * The `$filter` clause that selects devices showing `status` with what the public API can express,
 * `enabled`, `provisioned` and `template` (a real application): Blocked and Waiting for approval are both
 * "disabled" there.
 */
export function publicApiStatusFilter(status: DeviceStatus): string {
  switch (status) {
    case 'disabled':
    case 'blocked':
    case 'waitingForApproval':
      return 'enabled eq false';
    case 'unassociated':
      return 'enabled eq true and template eq null';
    case 'provisioned':
      return 'enabled eq true and provisioned eq true';
    case 'registered':
      return 'enabled eq true and provisioned eq false';
  }
}

/** The `$filter` clause that selects devices showing `status` (uses the demo's extension fields). */
export function statusFilter(status: DeviceStatus): string {
  if (status === 'disabled') return 'enabled eq false';
  const notBlocked = 'blocked eq false';
  const notWaiting = 'approvalPending eq false';
  switch (status) {
    case 'blocked':
      return 'blocked eq true';
    case 'waitingForApproval':
      return `${notBlocked} and approvalPending eq true`;
    case 'unassociated':
      return `${notBlocked} and ${notWaiting} and template eq null`;
    case 'provisioned':
      return `${notBlocked} and ${notWaiting} and template ne null and provisioned eq true`;
    case 'registered':
      return `${notBlocked} and ${notWaiting} and template ne null and provisioned eq false`;
  }
}
