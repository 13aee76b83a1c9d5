// What each device status means for the operator, and the action that moves a device on from it: the
// device page's overview and its header read them.
import type { DeviceActionName } from '../../lib/device-actions';
import type { DeviceStatus } from '../../lib/device-status';

export const STATUS_MEANINGS: Record<DeviceStatus, string> = {
  registered: 'Created in the application (New, Import or Approve); it has not connected through DPS yet.',
  provisioned: 'It connected through DPS with valid credentials and was assigned to the application.',
  waitingForApproval: 'It registered itself while Auto approve was off: it cannot connect until an operator approves it.',
  blocked: 'An operator blocked it: it cannot connect. Unblock returns it to the status it had before.',
  disabled:
    "It cannot connect: an operator blocked it, or it registered itself while Auto approve was off and waits for approval. IoT Central's public API does not say which. Unblock enables it either way (it approves a waiting device).",
  unassociated: 'It has no device template, so the application cannot interpret its data: migrate it to a template.',
};
export const NEXT_ACTIONS: Partial<Record<DeviceStatus, DeviceActionName>> = {
  waitingForApproval: 'approve',
  blocked: 'unblock',
  disabled: 'unblock',
  unassociated: 'migrate',
};
export const NEXT_REASONS: Partial<Record<DeviceStatus, string>> = {
  waitingForApproval: 'so that it can connect',
  blocked: 'to let it connect again',
  disabled: 'to let it connect',
  unassociated: 'to a device template, so that its data is understood',
};

