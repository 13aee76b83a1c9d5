// Every operator change of a device (PUT, PATCH, an import row) leaves the same trace: a history entry
// per changed field and a new etag (applyDeviceChange in device-records.ts).
import { describe, expect, it } from 'vitest';
import { importDevices } from '../../api/device-operations';
import { createOrReplaceDevice, getDevice, getDeviceHistory, updateDevice } from '../../api/devices';
import { SEED_TEMPLATES } from '../store/seed';

const THERMOSTAT = SEED_TEMPLATES.thermostat;

async function changesOf(id: string) {
  const history = (await getDeviceHistory(id)).value;
  return history.filter((h) => h.action !== 'created' && h.action !== 'imported').map((h) => [h.action, h.detail]);
}

describe('a device changed by an operator', () => {
  it('PATCH records a rename and a migration, and gives the device a new etag', async () => {
    const created = await createOrReplaceDevice('change-patch', { displayName: 'Before' });
    const patched = await updateDevice('change-patch', { displayName: 'After', template: THERMOSTAT, etag: created.etag });
    expect(patched.etag).not.toBe(created.etag);
    expect(await changesOf('change-patch')).toEqual([
      ['renamed', 'After'],
      ['migrated', THERMOSTAT],
    ]);
  });

  it('PUT records the same as PATCH, and back to no template reads as Unassociated', async () => {
    const created = await createOrReplaceDevice('change-put', { displayName: 'Before', template: THERMOSTAT });
    const replaced = await createOrReplaceDevice('change-put', { displayName: 'After', etag: created.etag });
    expect(replaced.etag).not.toBe(created.etag);
    expect(replaced.template).toBeUndefined();
    expect(await changesOf('change-put')).toEqual([
      ['renamed', 'After'],
      ['migrated', 'Unassociated'],
    ]);
  });

  it('an import that updates existing devices records the same', async () => {
    const created = await createOrReplaceDevice('change-import', { displayName: 'Before' });
    await importDevices({ devices: [{ id: 'change-import', displayName: 'After' }], template: THERMOSTAT, existing: 'update' });
    expect((await getDevice('change-import')).etag).not.toBe(created.etag);
    expect(await changesOf('change-import')).toEqual([
      ['renamed', 'After'],
      ['migrated', THERMOSTAT],
    ]);
  });

  it('a change that changes nothing adds no history, and Block and Unblock are recorded', async () => {
    const created = await createOrReplaceDevice('change-none', { displayName: 'Same' });
    const same = await updateDevice('change-none', { displayName: 'Same', etag: created.etag });
    const blocked = await updateDevice('change-none', { enabled: false, etag: same.etag });
    await updateDevice('change-none', { enabled: true, etag: blocked.etag });
    expect(await changesOf('change-none')).toEqual([
      ['blocked', undefined],
      ['unblocked', undefined],
    ]);
  });
});
