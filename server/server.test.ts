// The console server over real HTTP: the API on SQLite, its routes and refusals, two clients, restarts,
// a full disk. (The crash test, with a real process killed, is in crash.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleServer } from './app';
import { call, startTestServer, tempDataFile, type ApiDevice } from './testing';

type Page = { value: ApiDevice[]; nextLink?: string; '@odata.count'?: number };

let data: ReturnType<typeof tempDataFile>;
let server: ConsoleServer;

beforeAll(async () => {
  data = tempDataFile();
  server = await startTestServer(data.file);
});

afterAll(async () => {
  await server.close();
  data.dispose();
});

async function restart(): Promise<void> {
  await server.close();
  server = await startTestServer(data.file);
}

describe('the API on SQLite', () => {
  it('lists the seed with a count, pages by nextLink on its own host, filters, sorts and searches', async () => {
    await call(server.url, 'POST', '/extensions/reset');
    const first = await call<Page>(server.url, 'GET', '/devices?$top=25&$count=true');
    expect(first.status).toBe(200);
    expect(first.body['@odata.count']).toBe(60);
    expect(first.body.value).toHaveLength(25);
    expect(first.body.nextLink?.startsWith(`${server.url}/api/devices?`)).toBe(true);
    const second = await fetch(first.body.nextLink as string, { headers: { Authorization: 'SharedAccessSignature sr=demo&sig=demo&skn=operator&se=4102444800' } });
    const secondPage = (await second.json()) as Page;
    expect(secondPage.value[0]?.id).not.toBe(first.body.value[0]?.id);

    const blocked = await call<Page>(server.url, 'GET', `/devices?$filter=${encodeURIComponent('blocked eq true')}&$count=true`);
    expect(blocked.body.value.every((d) => d.extensions?.blocked)).toBe(true);
    expect(blocked.body['@odata.count']).toBe(blocked.body.value.length);

    const sorted = await call<Page>(server.url, 'GET', '/devices?$orderby=displayName%20desc&$top=100');
    const names = sorted.body.value.map((d) => d.displayName);
    expect(names).toEqual([...names].sort().reverse());

    const search = await call<Page>(server.url, 'GET', `/devices?$filter=${encodeURIComponent("contains(displayName, 'LOBBY')")}`);
    expect(search.body.value.length).toBeGreaterThan(0);
    expect(search.body.value.every((d) => d.displayName.toLowerCase().includes('lobby'))).toBe(true);
  });

  it('orders text lexicographically, as OData does: "machine 36" before "machine 6"', async () => {
    for (const [id, name] of [['m-6', 'machine 6'], ['m-36', 'machine 36']]) {
      expect((await call(server.url, 'PUT', `/devices/${id}`, { body: { displayName: name } })).status).toBe(200);
    }
    const page = await call<Page>(server.url, 'GET', `/devices?$filter=${encodeURIComponent("contains(displayName, 'machine ')")}&$orderby=displayName%20desc`);
    const names = page.body.value.map((d) => d.displayName).filter((n) => /^machine \d+$/.test(n));
    expect(names).toEqual(['machine 6', 'machine 36']);
  });

  it('answers 404 in the error envelope for paths no route names, however they are spelled', async () => {
    for (const path of ['/api/nothing', '/api/devices/', '/api//devices', '/api/enrollmentGroups/', '/api/devices/a/b/c']) {
      const answer = await call<{ error: { code: string; message: string } }>(server.url, 'GET', path, { raw: true });
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code).toBe('NotFound');
    }
    // An encoded slash stays inside its segment: a device ID, not another route.
    const encoded = await call<{ error: { code: string } }>(server.url, 'GET', '/devices/enrollmentGroups%2Fx');
    expect(encoded.status).toBe(404);
  });

  it('answers 400 for a malformed path and keeps running; 405 with Allow for a wrong method', async () => {
    const malformed = await call<{ error: { code: string } }>(server.url, 'GET', '/api/devices/%ZZ', { raw: true });
    expect(malformed.status).toBe(400);
    expect((await fetch(`${server.url}/%ZZ`)).status).toBe(400);
    const wrong = await call(server.url, 'POST', '/devices');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('Allow')).toBe('GET');
    expect((await call(server.url, 'GET', '/devices?$top=1')).status).toBe(200);
  });

  it('keeps administrators-only routes from an Operator: device connection and Reset demo data', async () => {
    expect((await call(server.url, 'GET', '/enrollmentGroups', { role: 'operator' })).status).toBe(403);
    expect((await call(server.url, 'POST', '/extensions/reset', { role: 'operator' })).status).toBe(403);
    expect((await call(server.url, 'GET', '/enrollmentGroups')).status).toBe(200);
  });
});

describe('two clients', () => {
  it('refuses a write made with a stale etag (412), and keeps the first', async () => {
    const { body: device } = await call<ApiDevice>(server.url, 'GET', '/devices/thermostat-0001');
    const a = await call<ApiDevice>(server.url, 'PATCH', '/devices/thermostat-0001', { body: { enabled: false, etag: device.etag } });
    expect(a.status).toBe(200);
    const b = await call<{ error: { code: string } }>(server.url, 'PATCH', '/devices/thermostat-0001', {
      body: { displayName: 'Renamed by B', etag: device.etag },
    });
    expect(b.status).toBe(412);
    const after = await call<ApiDevice>(server.url, 'GET', '/devices/thermostat-0001');
    expect(after.body.extensions?.blocked).toBe(true);
    expect(after.body.displayName).not.toBe('Renamed by B');
  });

  it('loses no update among 20 concurrent writers on overlapping devices: every 200 is in the chain, every conflict a 412', async () => {
    const ids = ['env-sensor-0002', 'filler-0003', 'thermostat-0004'];
    type Write = { id: string; before: string; after: string; name: string };
    const written: Write[] = [];
    let conflicts = 0;
    const writer = async (w: number) => {
      for (let n = 0; n < 15; n++) {
        const id = ids[(w + n) % ids.length] as string;
        const { body: current } = await call<ApiDevice>(server.url, 'GET', `/devices/${id}`);
        const name = `writer ${w} write ${n}`;
        const answer = await call<ApiDevice>(server.url, 'PATCH', `/devices/${id}`, { body: { displayName: name, etag: current.etag } });
        if (answer.status === 200) written.push({ id, before: current.etag, after: answer.body.etag, name });
        else {
          expect(answer.status).toBe(412);
          conflicts += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
    expect(written.length + conflicts).toBe(300);
    for (const id of ids) {
      const mine = written.filter((w) => w.id === id);
      // Each write was made on the one before it: they form one chain, and the device is its end.
      const byBefore = new Map(mine.map((w) => [w.before, w]));
      expect(byBefore.size).toBe(mine.length);
      const { body: final } = await call<ApiDevice>(server.url, 'GET', `/devices/${id}`);
      const last = mine.find((w) => w.after === final.etag);
      expect(last?.name).toBe(final.displayName);
      let steps = 0;
      for (let w: Write | undefined = mine.find((x) => !mine.some((y) => y.after === x.before)); w; w = byBefore.get(w.after)) steps += 1;
      expect(steps).toBe(mine.length);
    }
  });

  it('keeps what was answered across a restart: deletes stay deleted, blocks stay blocked, keys stay rotated', async () => {
    await call(server.url, 'POST', '/extensions/reset');
    expect((await call(server.url, 'DELETE', '/devices/filler-0009')).status).toBe(204);
    expect((await call(server.url, 'PUT', '/devices/new-one', { body: { displayName: 'New one' } })).status).toBe(200);
    const { body: device } = await call<ApiDevice>(server.url, 'GET', '/devices/thermostat-0007');
    expect((await call(server.url, 'PATCH', '/devices/thermostat-0007', { body: { enabled: false, etag: device.etag } })).status).toBe(200);
    const { body: group } = await call<{ etag: string; attestation: { symmetricKey: { primaryKey: string } } }>(server.url, 'GET', '/enrollmentGroups/SAS-IoT-Devices');
    const rotated = 'q'.repeat(86) + '==';
    const patch = await call(server.url, 'PATCH', '/enrollmentGroups/SAS-IoT-Devices', {
      body: { etag: group.etag, attestation: { type: 'symmetricKey', symmetricKey: { primaryKey: rotated, secondaryKey: group.attestation.symmetricKey.primaryKey } } },
    });
    expect(patch.status).toBe(200);
    await restart();
    expect((await call(server.url, 'GET', '/devices/filler-0009')).status).toBe(404);
    expect((await call<ApiDevice>(server.url, 'GET', '/devices/new-one')).body.displayName).toBe('New one');
    expect((await call<ApiDevice>(server.url, 'GET', '/devices/thermostat-0007')).body.extensions?.blocked).toBe(true);
    const after = await call<{ attestation: { symmetricKey: { primaryKey: string } } }>(server.url, 'GET', '/enrollmentGroups/SAS-IoT-Devices');
    expect(after.body.attestation.symmetricKey.primaryKey).toBe(rotated);
    expect((await call<Page>(server.url, 'GET', '/devices?$count=true&$top=1')).body['@odata.count']).toBe(60);
  });
});

describe('a full disk', () => {
  it('answers 503 in the error envelope and changes nothing; writes work again once there is room', async () => {
    await call(server.url, 'POST', '/extensions/reset');
    const { database } = server.store.devices;
    const { page_count: pages } = database.prepare('PRAGMA page_count').get() as { page_count: number };
    database.exec(`PRAGMA max_page_count = ${pages}`);
    try {
      const devices = Array.from({ length: 2000 }, (_, i) => ({ id: `full-${i}`, displayName: `Device that does not fit ${'x'.repeat(100)} ${i}` }));
      const answer = await call<{ error: { code: string; message: string } }>(server.url, 'POST', '/extensions/deviceImports', {
        body: { devices, existing: 'skip' },
      });
      expect(answer.status).toBe(503);
      expect(answer.body.error.message).toMatch(/could not be saved .*Nothing was changed/);
      expect((await call(server.url, 'GET', '/devices/full-0')).status).toBe(404);
      expect((await call<Page>(server.url, 'GET', '/devices?$count=true&$top=1')).body['@odata.count']).toBe(60);
    } finally {
      database.exec('PRAGMA max_page_count = 1073741823');
    }
    expect((await call(server.url, 'PUT', '/devices/fits-now', { body: {} })).status).toBe(200);
  });
});
