// What the operator is asked before Delete, and before Approve, Block or Unblock of several devices. Loaded
// when first asked (use-device-commands.tsx): the first load draws the grid and needs none of it.
import type { ExtendedDevice } from '../../api/extensions';
import type { ConfirmOptions } from '../../components/confirm-dialog';
import { DEVICE_ACTIONS, deviceLabel, devicesText } from './actions';

const BULK_MESSAGES: Record<'approve' | 'block' | 'unblock', (count: number) => string> = {
  approve: (n) =>
    `This approves ${devicesText(n)} that are waiting for approval: they can connect. Devices that are not waiting are skipped.`,
  block: (n) =>
    `This blocks ${devicesText(n)}: they cannot connect until someone unblocks them. Devices already blocked are skipped.`,
  unblock: (n) =>
    `This unblocks ${devicesText(n)}: each returns to the status it had before it was blocked. Devices that are not blocked are skipped.`,
};

/** Deleting `count` devices (`single` when it is one known device). */
export function deleteConfirmation(count: number, single: ExtendedDevice | undefined): ConfirmOptions {
  return {
    title: single ? `Delete ${deviceLabel(single)}?` : `Delete ${devicesText(count)}?`,
    message: single
      ? `This deletes the device "${single.id}" and its individual enrollment, if it has one. If it connects again through an enrollment group (SAS or X.509), it registers again and comes back as a new device, waiting for approval when Auto approve is off; its history is not restored.`
      : `This deletes ${devicesText(count)} and their individual enrollments. Those that connect again through an enrollment group (SAS or X.509) register again and come back as new devices, waiting for approval when Auto approve is off; their history is not restored.`,
    confirmLabel: single ? 'Delete' : `Delete ${devicesText(count)}`,
    isDestructive: true,
  };
}

/** Approve, Block or Unblock of several devices, naming the count. */
export function bulkConfirmation(name: 'approve' | 'block' | 'unblock', count: number): ConfirmOptions {
  const action = DEVICE_ACTIONS[name];
  return {
    title: `${action.label} ${devicesText(count)}?`,
    message: BULK_MESSAGES[name](count),
    confirmLabel: `${action.label} ${devicesText(count)}`,
    isDestructive: name === 'block',
  };
}
