import { createHmac } from 'node:crypto';
import { compareText } from '../../lib/text-order';
import { getResponse, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { exportDevices, importDevices } from '../../api/device-operations';
import { createDeviceAttestation, getDevice } from '../../api/devices';
import type { DeviceImportRequest } from '../../api/extensions';
import { DEVICE_OPERATION_BATCH_MAX as BATCH_MAX } from '../../lib/device-operation-limits';
import { deriveDeviceKey } from '../../lib/sas-keys';
import { readCertFixture } from '../../testing/fixtures/certs';
import { server, store } from '../node';
import { DEFAULT_SAS_GROUP_ID, SEED_TEMPLATES } from '../store/seed';

const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, displayName: `${prefix} ${i}` }));

function groupKeys() {
  const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
  if (group?.attestation.type !== 'symmetricKey') throw new Error('seed has no SAS group');
  return group.attestation;
}

/** The DPS derivation, recomputed with node:crypto: base64(HMAC-SHA256(base64decode(groupKey), id)). */
const nodeDerive = (groupKey: string, id: string) =>
  createHmac('sha256', Buffer.from(groupKey, 'base64')).update(id, 'utf8').digest('base64');

describe('POST /api/extensions/deviceImports', () => {
  it('creates new devices with the chosen template and records them as imported', async () => {
    const result = await importDevices({
      devices: rows('pump', 3),
      template: SEED_TEMPLATES.thermostat,
      existing: 'skip',
    });
    expect(result).toEqual({ created: ['pump-0', 'pump-1', 'pump-2'], updated: [], skipped: [], failed: [] });
    const device = await getDevice('pump-1');
    expect(device).toMatchObject({
      displayName: 'pump 1',
      template: SEED_TEMPLATES.thermostat,
      enabled: true,
      provisioned: false,
    });
    expect(store.devices.get('pump-1')?.history.map((h) => h.action)).toEqual(['imported']);
  });

  it('creates Unassociated devices without a template, and names them by id when the name is empty', async () => {
    await importDevices({
      devices: [{ id: 'meter-1' }, { id: 'meter-2', displayName: ' ' }],
      existing: 'skip',
    });
    expect(store.devices.get('meter-1')).toMatchObject({ displayName: 'meter-1', template: undefined });
    expect(store.devices.get('meter-2')?.displayName).toBe('meter-2');
  });

  it('dry run: reports new and existing ids and writes nothing', async () => {
    const before = store.devices.size;
    const result = await importDevices({
      devices: [{ id: 'thermostat-0001' }, { id: 'brand-new' }],
      existing: 'skip',
      dryRun: true,
    });
    expect(result).toEqual({ created: ['brand-new'], updated: [], skipped: ['thermostat-0001'], failed: [] });
    expect(store.devices.size).toBe(before);
    expect(store.devices.has('brand-new')).toBe(false);
  });

  it('is idempotent by device id: the same batch again creates nothing', async () => {
    const batch: DeviceImportRequest = { devices: rows('valve', 10), existing: 'skip' };
    expect((await importDevices(batch)).created).toHaveLength(10);
    const size = store.devices.size;
    const again = await importDevices(batch);
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(10);
    expect(store.devices.size).toBe(size);
  });

  it('update: renames and migrates existing devices, and skips the ones already as the file says', async () => {
    const seed = store.devices.get('thermostat-0001')!;
    const result = await importDevices({
      devices: [
        { id: 'thermostat-0001', displayName: 'Renamed by import' },
        { id: 'env-sensor-0002', displayName: store.devices.get('env-sensor-0002')!.displayName },
      ],
      existing: 'update',
    });
    expect(result.updated).toEqual(['thermostat-0001']);
    expect(result.skipped).toEqual(['env-sensor-0002']);
    expect(seed.displayName).toBe('Renamed by import');
    expect(seed.history.at(-1)).toMatchObject({ action: 'renamed', detail: 'Renamed by import' });

    const migrated = await importDevices({
      devices: [{ id: 'thermostat-0001', displayName: 'Renamed by import' }],
      template: SEED_TEMPLATES.fillingMachine,
      existing: 'update',
    });
    expect(migrated.updated).toEqual(['thermostat-0001']);
    expect(seed.template).toBe(SEED_TEMPLATES.fillingMachine);
  });

  it('fails bad rows one by one with the reason, and applies the rest', async () => {
    const result = await importDevices({
      devices: [
        { id: 'Upper-Case' },
        { id: 'ok-1' },
        { id: 'x'.repeat(129) },
        { id: 'ok-2', displayName: 'n'.repeat(149) },
        { id: 'ok-1' },
      ],
      existing: 'skip',
    });
    expect(result.created).toEqual(['ok-1']);
    expect(result.failed).toEqual([
      { id: 'Upper-Case', reason: 'Device IDs are lower case: use "upper-case".' },
      { id: 'x'.repeat(129), reason: 'Device ID is 129 characters long; the limit is 128.' },
      { id: 'ok-2', reason: 'Device name is 149 characters long; the limit is 148.' },
      { id: 'ok-1', reason: 'Device ID "ok-1" appears more than once in this request.' },
    ]);
  });

  it('refuses an unknown template, a batch that is too big and a malformed body', async () => {
    await expect(
      importDevices({ devices: rows('a', 1), template: 'dtmi:nope;1', existing: 'skip' }),
    ).rejects.toMatchObject({
      status: 400,
      message:
        'Device template "dtmi:nope;1" does not exist in this application. Publish it first, or pick another.',
    });
    await expect(
      importDevices({ devices: rows('b', BATCH_MAX + 1), existing: 'skip' }),
    ).rejects.toMatchObject({
      status: 400,
      message: `A request carries at most ${BATCH_MAX} devices; this one has ${BATCH_MAX + 1}. Send the rest in further requests.`,
    });
    await expect(importDevices({ devices: [], existing: 'skip' })).rejects.toBeInstanceOf(ApiError);
    await expect(
      importDevices({ devices: rows('c', 1), existing: 'merge' as unknown as 'skip' }),
    ).rejects.toMatchObject({ message: '"existing" must be "skip" or "update".' });
    expect(store.devices.has('a-0')).toBe(false);
  });

  it('replays a retried batch whose answer was lost: reported as created, not created twice', async () => {
    const original = server.listHandlers() as Parameters<typeof getResponse>[0];
    let isLosing = false;
    server.use(
      http.post('*/api/extensions/deviceImports', async ({ request }) => {
        if (!isLosing) return undefined; // fall through to the demo backend
        // The backend applies the batch, then the answer is lost on the way back (every time it is sent).
        await getResponse(original, request.clone());
        return HttpResponse.error();
      }),
    );
    const operationId = 'op-replay-1';
    const first = await importDevices({ devices: rows('cam', 3), existing: 'skip', operationId });
    expect(first.created).toHaveLength(3);
    const lost = { devices: rows('gw', 3), existing: 'skip' as const, operationId };
    isLosing = true;
    await expect(importDevices(lost)).rejects.toMatchObject({ code: 'NetworkError' });
    expect(store.devices.has('gw-0')).toBe(true); // applied, but the client could not know

    isLosing = false;
    const retried = await importDevices(lost);
    expect(retried).toEqual({ created: ['gw-0', 'gw-1', 'gw-2'], updated: [], skipped: [], failed: [] });
    expect(store.devices.get('gw-0')?.history).toHaveLength(1);

    // Without the operation id, the same rows are simply found to exist.
    expect((await importDevices({ ...lost, operationId: undefined })).skipped).toHaveLength(3);
  });

  it('stops creating devices at the application limit', async () => {
    store.reset({ deviceCount: 199_999 });
    const result = await importDevices({ devices: rows('last', 2), existing: 'skip' });
    expect(result.created).toEqual(['last-0']);
    expect(result.failed).toEqual([
      {
        id: 'last-1',
        reason: 'The application already holds 200,000 devices, the most it can. Delete devices first.',
      },
    ]);
  });
});

describe('POST /api/extensions/deviceExports', () => {
  it('derives the keys of group devices with real HMAC, as DPS does', async () => {
    const { primaryKey, secondaryKey } = groupKeys();
    const page = await exportDevices({ ids: ['thermostat-0001', 'filler-0003', 'gone'] });
    expect(page.notFound).toEqual(['gone']);
    expect(page.value.map((r) => r.id)).toEqual(['thermostat-0001', 'filler-0003']);
    for (const row of page.value) {
      expect(row.symmetricKey).toEqual({
        primaryKey: nodeDerive(primaryKey, row.id),
        secondaryKey: nodeDerive(secondaryKey, row.id),
      });
      expect(row.symmetricKey?.primaryKey).toBe(await deriveDeviceKey(primaryKey, row.id));
    }
    expect(page.value[0]?.displayName).toBe(store.devices.get('thermostat-0001')?.displayName);
  });

  it('takes individual enrollments: their own SAS keys, X.509 thumbprints, nothing for TPM', async () => {
    await importDevices({ devices: [{ id: 'device-001' }, { id: 'own-keys' }], existing: 'skip' });
    const primaryKey = Buffer.alloc(32, 1).toString('base64');
    const secondaryKey = Buffer.alloc(32, 2).toString('base64');
    await createDeviceAttestation('own-keys', {
      type: 'symmetricKey',
      symmetricKey: { primaryKey, secondaryKey },
    });
    const pem = new TextDecoder().decode(readCertFixture('rsa-device-001.pem'));
    const secondPem = new TextDecoder().decode(readCertFixture('ec-device-001.pem'));
    await createDeviceAttestation('device-001', {
      type: 'x509',
      x509: { clientCertificates: { primary: { certificate: pem }, secondary: { certificate: secondPem } } },
    });
    const page = await exportDevices({ ids: ['own-keys', 'device-001'] });
    expect(page.value[0]).toEqual({
      id: 'own-keys',
      displayName: 'own-keys',
      symmetricKey: { primaryKey, secondaryKey },
    });
    expect(page.value[1]).toEqual({
      id: 'device-001',
      displayName: 'device-001',
      x509Thumbprints: {
        primary: '6F16D2F06E4038D09D824BEDD6F071BED3CA0E29',
        secondary: '4E19EF6D0A05693F4A531A441964B008A8C3A9B2',
      },
    });
  });

  it('pages a filter export with skipToken, leaving out excluded ids, and counts it on the first page', async () => {
    const filter = 'blocked eq true';
    const all: string[] = [];
    let page = await exportDevices({ filter, excludedIds: ['thermostat-0006'], top: 4 });
    const count = page.count;
    all.push(...page.value.map((r) => r.id));
    while (page.skipToken) {
      expect(page.value).toHaveLength(4);
      page = await exportDevices({
        filter,
        excludedIds: ['thermostat-0006'],
        top: 4,
        skipToken: page.skipToken,
      });
      expect(page.count).toBeUndefined();
      all.push(...page.value.map((r) => r.id));
    }
    const expected = [...store.devices.values()]
      .filter((d) => d.blocked && d.id !== 'thermostat-0006')
      .map((d) => d.id)
      .sort(compareText);
    expect(expected.length).toBeGreaterThan(4);
    expect(all).toEqual(expected);
    expect(count).toBe(expected.length);
  });

  it('goes on after the previous page when a device was deleted between pages', async () => {
    const first = await exportDevices({ top: 10 });
    const lastId = first.value.at(-1)!.id;
    store.devices.delete(lastId);
    store.changed();
    const second = await exportDevices({ top: 10, skipToken: first.skipToken });
    const ids = [...store.devices.keys()].sort(compareText);
    expect(second.value[0]?.id).toBe(ids[9]);
    expect(second.value.map((r) => r.id)).toEqual(ids.slice(9, 19));
  });

  it('refuses a bad filter, too many ids and a bad skipToken with a clear message', async () => {
    await expect(exportDevices({ filter: 'color eq 1' })).rejects.toMatchObject({
      status: 400,
      code: 'InvalidFilter',
    });
    await expect(
      exportDevices({ ids: Array.from({ length: BATCH_MAX + 1 }, (_, i) => `d-${i}`) }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await expect(exportDevices({ skipToken: 'nonsense' })).rejects.toMatchObject({
      message: 'The skipToken is not valid. Start the export again.',
    });
  });
});
