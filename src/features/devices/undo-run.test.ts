// Undo through real HTTP (the API client and the demo backend in MSW): a device goes back to the state it had,
// one changed since is left alone, and a deleted one comes back with its name, template and SAS enrollment.
import { describe, expect, it } from 'vitest';
import {
  createDeviceAttestation,
  deleteDevice,
  getDevice,
  getDeviceAttestation,
  updateDevice,
} from '../../api/devices';
import { deriveDeviceStatus } from '../../lib/device-status';
import { undoOne } from './undo-run';
import type { UndoRecord } from './undo';

describe('undoOne', () => {
  it('returns a blocked device to the status it had, with the etag it has now', async () => {
    const before = await getDevice('thermostat-0004');
    expect(deriveDeviceStatus(before)).toBe('waitingForApproval');
    const after = await updateDevice('thermostat-0004', { enabled: false, etag: before.etag });
    const record: UndoRecord = {
      action: 'block',
      before: [before],
      afterEtags: new Map([['thermostat-0004', after.etag ?? '']]),
    };
    expect(await undoOne(record, before, undefined)).toEqual({ kind: 'done' });
    expect(deriveDeviceStatus(await getDevice('thermostat-0004'))).toBe('waitingForApproval');
  });

  it('leaves a device changed since alone, and says so', async () => {
    const before = await getDevice('filler-0003');
    const after = await updateDevice('filler-0003', { template: '', etag: before.etag });
    await updateDevice('filler-0003', { displayName: 'Renamed', etag: after.etag });
    const record: UndoRecord = {
      action: 'migrate',
      before: [before],
      afterEtags: new Map([['filler-0003', after.etag ?? '']]),
    };
    expect(await undoOne(record, before, undefined)).toEqual({
      kind: 'skipped',
      reason: 'changed by someone since',
    });
    expect((await getDevice('filler-0003')).template).toBeUndefined();
  });

  it('creates a deleted device again with its SAS enrollment, once; not over a device that came back', async () => {
    const before = await getDevice('env-sensor-0002');
    const symmetricKey = { primaryKey: btoa('p'.repeat(32)), secondaryKey: btoa('s'.repeat(32)) };
    await createDeviceAttestation('env-sensor-0002', { type: 'symmetricKey', symmetricKey });
    const attestation = await getDeviceAttestation('env-sensor-0002');
    await deleteDevice('env-sensor-0002');
    const record: UndoRecord = {
      action: 'delete',
      before: [before],
      afterEtags: new Map(),
      attestations: new Map([['env-sensor-0002', attestation]]),
    };
    expect(await undoOne(record, before, undefined)).toEqual({ kind: 'done' });
    expect(await getDevice('env-sensor-0002')).toMatchObject({
      displayName: before.displayName,
      template: before.template,
    });
    expect(await getDeviceAttestation('env-sensor-0002')).toEqual({ type: 'symmetricKey', symmetricKey });
    expect(await undoOne(record, before, undefined)).toMatchObject({ kind: 'skipped' });
  });
});
