// Import and Export run by the gateway through the public API, over real HTTP with a signed-in client, in
// front of a small fake application (node:http) that keeps devices and can answer 429 with a Retry-After
// on demand, which Prism cannot: what each device costs, skip and update, replayed batches, export rows,
// pacing, and the reports kept in SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceExportPage, DeviceImportResult, DeviceOperationRecord } from '../../src/api/extensions';
import { startGateway, type GatewayServer } from './app';
import { openOperationReports } from './operation-reports';
import {
  ADA,
  browserFor,
  freePort,
  OTTO,
  signIn,
  startTestProvider,
  tempDist,
  testGatewayConfig,
  type Browser,
  type TestProvider,
} from './testing';

interface FakeDevice {
  id: string;
  etag: string;
  displayName: string;
  template?: string;
  enabled: boolean;
}

/** The application: devices, attestations and templates, every request it got, and 429s when asked. */
const app = {
  devices: new Map<string, FakeDevice>(),
  attestations: new Map<string, unknown>(),
  templates: new Set(['dtmi:contoso:thermostat;1']),
  received: [] as string[],
  puts: [] as { id: string; body: Record<string, unknown>; ifMatch: string | undefined }[],
  /** The next this many requests answer 429 with `retryAfter`. */
  busy: 0,
  retryAfter: '1',
  etags: 0,
  /** Each answer waits this long, so that requests overlap; and the most that were in flight at once. */
  delayMs: 0,
  inFlight: 0,
  maxInFlight: 0,
};

function reset() {
  app.devices.clear();
  app.attestations.clear();
  app.received.length = 0;
  app.puts.length = 0;
  app.busy = 0;
  app.delayMs = 0;
  app.maxInFlight = 0;
}

const device = (id: string, displayName: string, template?: string): FakeDevice => ({
  id,
  etag: `"e${++app.etags}"`,
  displayName,
  enabled: true,
  ...(template ? { template } : {}),
});

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function startFakeApplication(): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://app.invalid');
      app.inFlight += 1;
      app.maxInFlight = Math.max(app.maxInFlight, app.inFlight);
      if (app.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, app.delayMs));
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        app.inFlight -= 1;
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const missing = () => send(404, { error: { code: 'NotFound', message: 'Not found.' } });
      const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
      app.received.push(`${req.method} /${parts.map((p, i) => (i % 2 === 1 ? '{}' : p)).join('/')}`);
      if (url.searchParams.get('api-version') !== '2022-07-31' || !req.headers.authorization?.startsWith('SharedAccessSignature'))
        return send(400, { error: { code: 'BadRequest', message: 'No api-version or token.' } });
      if (app.busy > 0) {
        app.busy -= 1;
        return send(429, { error: { code: 'TooManyRequests', message: 'Slow down.' } }, { 'Retry-After': app.retryAfter });
      }
      const [resource, id, sub] = parts;
      if (resource === 'deviceTemplates') return app.templates.has(id ?? '') ? send(200, { '@id': id }) : missing();
      if (resource !== 'devices') return missing();
      if (id === undefined) {
        const all = [...app.devices.values()].sort((a, b) => a.id.localeCompare(b.id));
        const top = Number(url.searchParams.get('$top') ?? 100);
        const from = Number(url.searchParams.get('$skiptoken') ?? 0);
        const value = all.slice(from, from + top);
        const next = from + top < all.length ? { nextLink: `http://${req.headers.host}/api/devices?api-version=2022-07-31&$top=${top}&$skiptoken=${from + top}` } : {};
        return send(200, { value, ...next });
      }
      const found = app.devices.get(id);
      if (sub === 'attestation') return found && app.attestations.has(id) ? send(200, app.attestations.get(id)) : missing();
      if (sub === 'credentials')
        return found ? send(200, { idScope: '0ne0001', symmetricKey: { primaryKey: `p-${id}`, secondaryKey: `s-${id}` } }) : missing();
      if (req.method === 'GET') return found ? send(200, found) : missing();
      if (req.method === 'PUT') {
        const body = await readJson(req);
        const ifMatch = req.headers['if-match'];
        app.puts.push({ id, body, ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined });
        if (found && ifMatch !== undefined && ifMatch !== found.etag)
          return send(412, { error: { code: 'PreconditionFailed', message: 'The etag does not match.' } });
        const next = device(id, String(body.displayName), typeof body.template === 'string' ? body.template : undefined);
        app.devices.set(id, next);
        return send(200, next);
      }
      return send(405, { error: { code: 'MethodNotAllowed', message: 'No.' } });
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let fake: Server;
let provider: TestProvider;
let gateway: GatewayServer;
let dist: ReturnType<typeof tempDist>;
let dataDir: string;
let operator: Browser;
const forwarded: string[] = [];

beforeAll(async () => {
  fake = await startFakeApplication();
  const port = await freePort();
  provider = await startTestProvider([`http://127.0.0.1:${port}/auth/callback`]);
  dist = tempDist();
  dataDir = mkdtempSync(join(tmpdir(), 'iotc-gateway-reports-'));
  gateway = await startGateway({
    config: testGatewayConfig(`http://127.0.0.1:${(fake.address() as AddressInfo).port}`, provider),
    distDir: dist.dir,
    port,
    reportsFile: join(dataDir, 'gateway.sqlite'),
    // Quick pacing for the tests: two in flight, three tries, Retry-After honoured up to 1.5 s.
    pacing: { concurrency: 2, attempts: 3, maxWaitMs: 1500, defaultWaitMs: 100 },
    log: (line) => forwarded.push(line),
  });
  operator = await signIn(gateway.url, provider, OTTO);
}, 60_000);

afterAll(async () => {
  await Promise.all([gateway?.close(), provider?.close()]);
  fake?.closeAllConnections();
  fake?.close();
  dist?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(reset);

const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, displayName: `${prefix} ${i}`, line: i + 2 }));

async function start(id: string, kind: 'import' | 'export', total: number): Promise<void> {
  const response = await operator.api('PUT', `/api/extensions/deviceOperations/${id}`, {
    body: { kind, title: `${kind} ${id}`, total },
  });
  expect(response.status).toBe(201);
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await operator.api('POST', `/api/extensions/${path}`, { body });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const countOf = (request: string) => app.received.filter((r) => r === request).length;

describe('import through the public API', () => {
  it('creates a new device with GET then PUT (with the template), and skips one that exists', async () => {
    app.devices.set('pump-1', device('pump-1', 'Old name'));
    await start('imp-create', 'import', 3);
    const result = await post<DeviceImportResult>('deviceImports', {
      devices: rows('pump', 3),
      template: 'dtmi:contoso:thermostat;1',
      existing: 'skip',
      operationId: 'imp-create',
      batch: 0,
    });
    expect(result).toMatchObject({ created: ['pump-0', 'pump-2'], updated: [], skipped: ['pump-1'], failed: [] });
    expect(result.operation).toMatchObject({ processed: 3, created: 2, skipped: 1, failedCount: 0, status: 'running' });
    expect(countOf('GET /devices/{}')).toBe(3);
    expect(app.puts.map((p) => [p.id, p.body])).toEqual([
      ['pump-0', { displayName: 'pump 0', enabled: true, template: 'dtmi:contoso:thermostat;1' }],
      ['pump-2', { displayName: 'pump 2', enabled: true, template: 'dtmi:contoso:thermostat;1' }],
    ]);
    expect(app.devices.get('pump-1')?.displayName).toBe('Old name');
    // Each request was logged as a forwarded one is: method, spec template, status.
    expect(forwarded).toContain('PUT /devices/{deviceId} 200');
    expect(forwarded).toContain('GET /deviceTemplates/{templateId} 200');
  });

  it('updates an existing device only when the operator chose Update, with its etag', async () => {
    const existing = device('fan-0', 'Old name');
    app.devices.set('fan-0', existing);
    app.devices.set('fan-1', device('fan-1', 'fan 1'));
    const result = await post<DeviceImportResult>('deviceImports', { devices: rows('fan', 2), existing: 'update' });
    // fan-1 already is as the file says: nothing to write.
    expect(result).toMatchObject({ created: [], updated: ['fan-0'], skipped: ['fan-1'] });
    expect(app.puts).toEqual([
      { id: 'fan-0', body: { displayName: 'fan 0', enabled: true, etag: existing.etag }, ifMatch: existing.etag },
    ]);
  });

  it('writes nothing on a dry run, and says which ids exist', async () => {
    app.devices.set('dry-1', device('dry-1', 'x'));
    const result = await post<DeviceImportResult>('deviceImports', { devices: rows('dry', 2), existing: 'skip', dryRun: true });
    expect(result).toEqual({ created: ['dry-0'], updated: [], skipped: ['dry-1'], failed: [] });
    expect(app.puts).toEqual([]);
  });

  it('counts a batch sent twice once, and replays it without writing again', async () => {
    await start('imp-replay', 'import', 2);
    const batch = { devices: rows('again', 2), existing: 'skip', operationId: 'imp-replay', batch: 0 };
    const first = await post<DeviceImportResult>('deviceImports', batch);
    const second = await post<DeviceImportResult>('deviceImports', batch);
    expect(second.created).toEqual(first.created);
    expect(second.operation).toMatchObject({ processed: 2, created: 2, skipped: 0 });
    expect(app.puts).toHaveLength(2);
    expect(countOf('GET /devices/{}')).toBe(2);
  });

  it('resumes after a stop: the same file again creates only what is missing, and the report says so', async () => {
    const file = rows('res', 4);
    await start('imp-stopped', 'import', 4);
    await post<DeviceImportResult>('deviceImports', {
      devices: file.slice(0, 2),
      existing: 'skip',
      operationId: 'imp-stopped',
      batch: 0,
    });
    // The page stopped there; the operator imports the same file again.
    await start('imp-resumed', 'import', 4);
    const result = await post<DeviceImportResult>('deviceImports', {
      devices: file,
      existing: 'skip',
      operationId: 'imp-resumed',
      batch: 0,
    });
    expect(result.operation).toMatchObject({ processed: 4, created: 2, skipped: 2 });
    expect(app.puts.map((p) => p.id)).toEqual(['res-0', 'res-1', 'res-2', 'res-3']);
  });

  it('refuses a batch larger than the gateway takes, and a template the application does not have', async () => {
    const big = await operator.api('POST', '/api/extensions/deviceImports', {
      body: { devices: rows('big', 51), existing: 'skip' },
    });
    expect(big.status).toBe(400);
    const template = await operator.api('POST', '/api/extensions/deviceImports', {
      body: { devices: rows('t', 1), existing: 'skip', template: 'dtmi:contoso:nothing;1' },
    });
    expect(template.status).toBe(400);
    expect(((await template.json()) as { error: { message: string } }).error.message).toMatch(/does not exist/);
    expect(app.puts).toEqual([]);
  });
});

describe('export through the public API', () => {
  it('exports by ids: group keys from the credentials, the attestation of its own, and missing devices', async () => {
    app.devices.set('exp-0', device('exp-0', 'Group device'));
    app.devices.set('exp-1', device('exp-1', 'Own keys'));
    app.attestations.set('exp-1', { type: 'symmetricKey', symmetricKey: { primaryKey: 'own-p', secondaryKey: 'own-s' } });
    app.devices.set('exp-2', device('exp-2', 'Certificate'));
    app.attestations.set('exp-2', {
      type: 'x509',
      x509: { clientCertificates: { primary: { info: { sha1Thumbprint: 'AB12' } } } },
    });
    await start('exp-ids', 'export', 4);
    const page = await post<DeviceExportPage>('deviceExports', {
      ids: ['exp-0', 'exp-1', 'exp-2', 'gone'],
      operationId: 'exp-ids',
      batch: 0,
    });
    expect(page.value).toEqual([
      { id: 'exp-0', displayName: 'Group device', symmetricKey: { primaryKey: 'p-exp-0', secondaryKey: 's-exp-0' } },
      { id: 'exp-1', displayName: 'Own keys', symmetricKey: { primaryKey: 'own-p', secondaryKey: 'own-s' } },
      { id: 'exp-2', displayName: 'Certificate', x509Thumbprints: { primary: 'AB12' } },
    ]);
    expect(page.notFound).toEqual(['gone']);
    expect(page.operation).toMatchObject({ processed: 4, missing: 1, failedCount: 0 });
    // Credentials only for the device without an attestation of its own.
    expect(countOf('GET /devices/{}/credentials')).toBe(1);
  });

  it('exports a filter a page at a time through the application nextLinks', async () => {
    for (let i = 0; i < 5; i++) app.devices.set(`page-${i}`, device(`page-${i}`, `Page ${i}`));
    const seen: string[] = [];
    let skipToken: string | undefined;
    do {
      const page: DeviceExportPage = await post<DeviceExportPage>('deviceExports', {
        filter: 'enabled eq true',
        top: 2,
        excludedIds: ['page-3'],
        ...(skipToken ? { skipToken } : {}),
      });
      seen.push(...page.value.map((row) => row.id));
      skipToken = page.skipToken;
    } while (skipToken);
    expect(seen).toEqual(['page-0', 'page-1', 'page-2', 'page-4']);
    expect(countOf('GET /devices')).toBe(3);
    const forged = await operator.api('POST', '/api/extensions/deviceExports', {
      body: { filter: '', skipToken: Buffer.from('$top=2&$count=true').toString('base64url') },
    });
    expect(forged.status).toBe(400);
  });
});

describe('pacing', () => {
  it('keeps a few requests in flight toward the application, no more', async () => {
    app.delayMs = 30;
    const result = await post<DeviceImportResult>('deviceImports', { devices: rows('flow', 10), existing: 'skip' });
    expect(result.created).toHaveLength(10);
    // The tests' gateway allows two at a time.
    expect(app.maxInFlight).toBe(2);
  });

  it('waits the Retry-After of a 429, sends the same request again and finishes', async () => {
    await start('imp-paced', 'import', 4);
    app.busy = 3;
    const startedAt = Date.now();
    const result = await post<DeviceImportResult>('deviceImports', {
      devices: rows('paced', 4),
      existing: 'skip',
      operationId: 'imp-paced',
      batch: 0,
    });
    expect(result.created).toEqual(['paced-0', 'paced-1', 'paced-2', 'paced-3']);
    expect(result.operation).toMatchObject({ processed: 4, created: 4, failedCount: 0 });
    // Every request waited out the application's Retry-After (1 s) before trying again.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    // 4 GETs and 4 PUTs, plus the 3 refused and sent again.
    expect(app.received).toHaveLength(4 + 4 + 3);
    expect(countOf('PUT /devices/{}')).toBe(4);
  });

  it('makes a device that stays refused a failed row with the reason, never a lost one', async () => {
    await start('imp-busy', 'import', 2);
    app.busy = 1000;
    app.retryAfter = '0';
    const result = await post<DeviceImportResult>('deviceImports', {
      devices: rows('busy', 2),
      existing: 'skip',
      operationId: 'imp-busy',
      batch: 0,
    });
    app.retryAfter = '1';
    expect(result.failed.map((f) => f.id)).toEqual(['busy-0', 'busy-1']);
    expect(result.failed[0]?.reason).toMatch(/still busy \(429\) after 3 tries/);
    expect(result.operation).toMatchObject({ processed: 2, failedCount: 2 });
    expect(result.operation?.failed[0]).toMatchObject({ line: 2, id: 'busy-0' });
    // Each row's GET was tried three times, no more.
    expect(app.received).toHaveLength(6);
  });
});

describe('the reports', () => {
  it('are read the same by every operator, and kept in the SQLite file across a restart', async () => {
    await start('kept', 'export', 1);
    const admin = await signIn(gateway.url, provider, ADA);
    const list = (await (await admin.api('GET', '/api/extensions/deviceOperations')).json()) as { value: DeviceOperationRecord[] };
    expect(list.value.map((op) => op.id)).toContain('kept');
    const done = await operator.api('PATCH', '/api/extensions/deviceOperations/kept', { body: { status: 'completed' } });
    expect(((await done.json()) as DeviceOperationRecord).status).toBe('completed');
    const reopened = openOperationReports(join(dataDir, 'gateway.sqlite'));
    expect(reopened.operations.find((op) => op.id === 'kept')?.status).toBe('completed');
    reopened.close();
  });

  it('are for signed-in operators, from the console only', async () => {
    expect((await browserFor(gateway.url).api('GET', '/api/extensions/deviceOperations')).status).toBe(401);
    const crossSite = await operator.api('POST', '/api/extensions/deviceImports', {
      body: { devices: rows('x', 1), existing: 'skip' },
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const noHeader = await operator.api('PUT', '/api/extensions/deviceOperations/x', {
      body: { kind: 'import', title: 'x', total: 1 },
      headers: { 'X-Console-Request': '0' },
    });
    expect(noHeader.status).toBe(403);
    expect(app.received).toEqual([]);
  });
});
