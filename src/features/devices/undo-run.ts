// Running an undo (undo.ts says what one is): loaded the first time an operator asks for one.
import { ApiError } from '../../api/client';
import {
  createDeviceAttestation,
  createOrReplaceDevice,
  getDevice,
  listDevices,
  updateDevice,
} from '../../api/devices';
import type { ExtendedDevice } from '../../api/extensions';
import type { BulkOutcome } from '../../lib/bulk';
import { DEVICE_STATUS_LABELS, deriveDeviceStatus } from '../../lib/device-status';
import { quote } from '../../lib/odata-text';
import type { UndoRecord } from './undo';

const hasNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** Whether a device with this ID exists, asked by a list (no 404 to log when it does not). */
async function exists(id: string, signal: AbortSignal | undefined): Promise<boolean> {
  const page = await listDevices({ filter: `id eq ${quote(id)}`, top: 1 }, signal);
  return page.value.length > 0;
}

/** Returns one device to its state before the action, or says why it was left alone. */
export async function undoOne(
  record: UndoRecord,
  before: ExtendedDevice,
  signal: AbortSignal | undefined,
): Promise<BulkOutcome> {
  const id = before.id ?? '';
  if (record.action === 'delete') {
    if (await exists(id, signal))
      return {
        kind: 'skipped',
        reason: 'a device with its ID exists again (it registered again or was created)',
      };
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
    const attestation = record.attestations?.get(id);
    if (attestation?.type === 'x509')
      throw new Error(
        'created again, but not its X.509 individual enrollment (the API keeps only thumbprints): upload its certificate in Connect.',
      );
    if (attestation) await createDeviceAttestation(id, attestation, signal);
    return { kind: 'done' };
  }
  const now = await getDevice(id, signal).catch((error: unknown) => {
    if (hasNotFound(error)) return null;
    throw error;
  });
  if (!now) return { kind: 'skipped', reason: 'deleted since' };
  const after = record.afterEtags.get(id);
  if (after !== undefined && now.etag !== after)
    return { kind: 'skipped', reason: 'changed by someone since' };
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
    throw new Error(
      `could not be restored exactly: it is ${DEVICE_STATUS_LABELS[is]}, it was ${DEVICE_STATUS_LABELS[was]}.`,
    );
  }
  return { kind: 'done' };
}
