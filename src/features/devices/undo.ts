// Undo of a finished device action: each device goes back to the state it had before (status, template),
// through the API with the etag it has now. A device changed by anyone since the action is left alone and
// reported, as is one that cannot go back (Approve has no inverse in IoT Central's API).
// Running an undo is undo-run.ts, loaded when an operator first asks for one.
import type { ExtendedDevice } from '../../api/extensions';
import type { Attestation } from '../../api/types';
import type { DeviceActionName } from '../../lib/device-actions';
import { DEVICE_ACTIONS, type DeviceAction } from './actions';

/** What Undo needs of a finished action: each changed device as it was before, and its etag right after. */
export interface UndoRecord {
  action: DeviceActionName;
  /** The devices the action changed, as they were before it. */
  before: ExtendedDevice[];
  /** The etag each device had right after the action (absent when the answer did not carry one). */
  afterEtags: Map<string, string>;
  /** Delete: each deleted device's individual enrollment, read just before (where the demo says it had one). */
  attestations?: Map<string, Attestation>;
}

/** Whether the action can be undone: Approve cannot (no API call puts a device back to waiting for approval). */
export function canUndo(action: DeviceActionName): boolean {
  return action !== 'approve';
}

/** What Undo can bring back, in the words of its confirmation and report. */
export function undoLimits(action: DeviceActionName): string | undefined {
  if (action === 'delete')
    return 'Devices are created again with their name, template, blocked state and individual SAS or TPM enrollment. Their history and registration are not restored, nor an X.509 individual enrollment (the API keeps no certificate to restore): each device must register again.';
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
