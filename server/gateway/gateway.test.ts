// The gateway over real HTTP, against Prism serving the official spec as the application and a local
// OpenID provider: what it forwards, what it refuses before the application sees it, and its links.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRISM_DEVICE_KEYS } from '../../scripts/prism-spec.mjs';
import { GATEWAY_ROUTES, ROUTES_NOT_IN_SPEC } from './allow-list';
import { startGateway, type GatewayServer } from './app';
import {
  ADA,
  browserFor,
  freePort,
  OTTO,
  signIn,
  startApplicationAndProvider,
  tempDist,
  testGatewayConfig,
  type Browser,
  type TestApplication,
  type TestProvider,
} from './testing';

const V = 'api-version=2022-07-31';

interface ErrorBody {
  error: { code: string; message: string };
}

let prism: TestApplication;
let provider: TestProvider;
let gateway: GatewayServer;
let dist: ReturnType<typeof tempDist>;
let admin: Browser;
let operator: Browser;
// A second gateway in front of an application that misbehaves (Prism only answers as the spec says).
let hostile: Server;
let hostileGateway: GatewayServer;
let hostileAnswer: { status: number; headers: Record<string, string>; body: unknown };

beforeAll(async () => {
  const [gatewayPort, hostileGatewayPort] = [await freePort(), await freePort()];
  ({ prism, provider } = await startApplicationAndProvider([gatewayPort, hostileGatewayPort]));
  dist = tempDist();
  gateway = await startGateway({
    config: testGatewayConfig(prism.origin, provider),
    distDir: dist.dir,
    port: gatewayPort,
  });
  admin = await signIn(gateway.url, provider, ADA);
  operator = await signIn(gateway.url, provider, OTTO);

  hostile = createServer((_req, res) => {
    res.writeHead(hostileAnswer.status, { 'Content-Type': 'application/json', ...hostileAnswer.headers });
    res.end(JSON.stringify(hostileAnswer.body));
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  const hostileOrigin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  hostileGateway = await startGateway({
    config: testGatewayConfig(hostileOrigin, provider),
    distDir: dist.dir,
    port: hostileGatewayPort,
  });
}, 90_000);

afterAll(async () => {
  await Promise.all([gateway?.close(), hostileGateway?.close(), provider?.close(), prism?.close()]);
  hostile?.closeAllConnections();
  hostile?.close();
  dist?.dispose();
});

describe('the allow-list', () => {
  it('is every public operation of the route table, and each is in the spec', () => {
    expect(ROUTES_NOT_IN_SPEC).toEqual([]);
    expect(GATEWAY_ROUTES.length).toBeGreaterThan(20);
    expect(GATEWAY_ROUTES.some((r) => r.path.startsWith('/extensions/'))).toBe(false);
  });

  it('refuses a path outside it with 404 in the envelope, and the application never sees it', async () => {
    for (const path of [
      '/api/apiTokens',
      '/api/users',
      '/api/devices/x/commands/reboot',
      '/api/devices/',
      '/api/extensions/deviceImports',
    ]) {
      const response = await admin.api('GET', `${path}?${V}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as ErrorBody).error.code).toBe('NotFound');
    }
    const post = await admin.api('POST', `/api/devices/x/commands/reboot?${V}`, { body: {} });
    expect(post.status).toBe(404);
    expect(prism.received().filter((r) => /apiTokens|users|commands|extensions/.test(r))).toEqual([]);
  });

  it('refuses a query option the API does not document, and another api-version', async () => {
    expect((await admin.api('GET', `/api/devices?${V}&$count=true`)).status).toBe(400);
    expect((await admin.api('GET', '/api/devices?api-version=2099-01-01')).status).toBe(400);
  });
});

describe('forwarding', () => {
  it('adds the token, rewrites the nextLink to /api with its query verbatim, and reaches page 3', async () => {
    const first = await admin.api('GET', `/api/devices?${V}&$top=3`);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { value: { id: string }[]; nextLink: string };
    expect(page1.value).toHaveLength(3);
    expect(page1.nextLink).toBe('/api/devices?api-version=2022-07-31&$top=3&$skiptoken=page-2');
    const second = await admin.api('GET', page1.nextLink);
    expect(second.status).toBe(200);
    const page2 = (await second.json()) as { nextLink: string };
    const third = await admin.api('GET', page2.nextLink);
    expect(third.status).toBe(200);
    expect(prism.received().filter((r) => r === 'GET /api/devices').length).toBeGreaterThanOrEqual(3);
    // The application's token stays on the server.
    expect(JSON.stringify(page1)).not.toContain('not-a-real-signature');
  });

  it('forwards a write from the console page, which Prism checks against the spec', async () => {
    const response = await admin.api('PATCH', `/api/devices/thermostat-1?${V}`, {
      body: { enabled: false },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(response.status).toBe(200);
  });
});

describe('Import and Export, run by the gateway against the spec', () => {
  it("imports with GET then PUT per device, which Prism accepts as the spec says, and exports the attestation's keys", async () => {
    const before = prism.received().length;
    const devices = [1, 2, 3].map((i) => ({ id: `spec-${i}`, displayName: `Spec ${i}`, line: i + 1 }));
    const start = await operator.api('PUT', '/api/extensions/deviceOperations/spec-import', {
      body: { kind: 'import', title: 'Import of spec.csv', total: 3 },
    });
    expect(start.status).toBe(201);
    // Prism answers every GET /devices/{id} with its example: each device exists, so Update writes it.
    const imported = await admin.api('POST', '/api/extensions/deviceImports', {
      body: { devices, existing: 'update', operationId: 'spec-import', batch: 0 },
    });
    expect(imported.status).toBe(200);
    const result = (await imported.json()) as { updated: string[]; operation: { updated: number } };
    expect(result.updated).toEqual(['spec-1', 'spec-2', 'spec-3']);
    expect(result.operation.updated).toBe(3);
    const exported = await operator.api('POST', '/api/extensions/deviceExports', { body: { ids: ['spec-1'] } });
    expect(exported.status).toBe(200);
    const page = (await exported.json()) as { value: { id: string; symmetricKey?: unknown }[] };
    // Prism's example attestation is an individual enrollment with its own keys: those are the device's.
    expect(page.value).toEqual([expect.objectContaining({ id: 'spec-1', symmetricKey: PRISM_DEVICE_KEYS })]);
    const sent = prism.received().slice(before);
    expect(sent.filter((r) => r === 'PUT /api/devices/spec-2')).toHaveLength(1);
    expect(sent.filter((r) => r.includes('/extensions/'))).toEqual([]);
    expect(sent).toContain('GET /api/devices/spec-1/attestation');
  });
});

describe('who may call', () => {
  it('refuses a request without a session, a read or a write, before the application sees it', async () => {
    const response = await browserFor(gateway.url).api('GET', `/api/devices?${V}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error.code).toBe('Unauthorized');
    const before = prism.received().filter((r) => r === 'DELETE /api/devices/no-session').length;
    // From the console's own page (same origin, its header), but nobody signed in.
    const write = await browserFor(gateway.url).api('DELETE', `/api/devices/no-session?${V}`);
    expect(write.status).toBe(401);
    expect(prism.received().filter((r) => r === 'DELETE /api/devices/no-session').length).toBe(before);
  });

  it("refuses an Operator an administrator's operation, and allows an Operator's", async () => {
    const groups = await operator.api('GET', `/api/enrollmentGroups?${V}`);
    expect(groups.status).toBe(403);
    expect(((await groups.json()) as ErrorBody).error.message).toMatch(/Operator role/);
    const verify = await operator.api(
      'POST',
      `/api/enrollmentGroups/g1/certificates/primary/generateVerificationCode?${V}`,
    );
    expect(verify.status).toBe(403);
    expect((await operator.api('GET', `/api/devices?${V}`)).status).toBe(200);
    expect((await admin.api('GET', `/api/enrollmentGroups?${V}`)).status).toBe(200);
  });

  it('says who is signed in through the capabilities, and sends the console page only to a session', async () => {
    const capabilities = (await (await operator.api('GET', '/api/extensions/capabilities')).json()) as {
      backend: string;
      extensions: string[];
      session: { role: string; name: string };
    };
    expect(capabilities).toMatchObject({
      backend: 'real',
      extensions: ['deviceImports', 'deviceExports'],
      deviceOperationBatchSize: 50,
      session: { role: 'operator', name: OTTO.name },
    });
    const nobody = (await (await browserFor(gateway.url).api('GET', '/api/extensions/capabilities')).json()) as object;
    expect(nobody).toEqual({
      backend: 'real',
      extensions: ['deviceImports', 'deviceExports'],
      deviceOperationBatchSize: 50,
      session: null,
    });
    const anonymous = await fetch(`${gateway.url}/devices`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/auth/sign-in?returnTo=%2Fdevices');
    const page = await fetch(`${gateway.url}/devices`, {
      headers: { cookie: admin.jar.header(gateway.url) },
    });
    expect(page.status).toBe(200);
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie', async () => {
    provider.signInNext(ADA);
    const start = await fetch(`${gateway.url}/auth/sign-in`, { redirect: 'manual' });
    expect(start.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/`));
    expect(start.headers.getSetCookie().join()).toMatch(/HttpOnly; SameSite=Lax/);
    // The session cookie was set at the callback; the jar kept its name.
    expect(admin.jar.header(gateway.url)).toMatch(/console-session=/);
  });

  it('signs out from the console only, and the old cookie then opens nothing', async () => {
    const browser = await signIn(gateway.url, provider, ADA);
    expect((await browser.api('GET', `/api/devices?${V}`)).status).toBe(200);
    const crossSite = await browser.api('POST', '/auth/sign-out', { headers: { Origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await browser.api('POST', '/auth/sign-out')).status).toBe(204);
    expect((await browser.api('GET', `/api/devices?${V}`)).status).toBe(401);
  });

  it('refuses a user whose claims map to no role', async () => {
    await expect(
      signIn(gateway.url, provider, { sub: 'eve', name: 'Eve', roles: ['Reader'] }),
    ).rejects.toThrow(/no role/);
  });
});

describe('cross-site requests', () => {
  const formPost = (headers: Record<string, string>) =>
    fetch(`${gateway.url}/api/enrollmentGroups/g1/certificates/primary/generateVerificationCode?${V}`, {
      method: 'POST',
      headers: { cookie: admin.jar.header(gateway.url), 'Content-Type': 'text/plain', ...headers },
      body: 'x',
    });

  it('refuses a cross-site form post, even with the session cookie', async () => {
    const before = prism.received().filter((r) => r.includes('generateVerificationCode')).length;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'same-site' },
      // Same origin, but not the console's client: no X-Console-Request header.
      { Origin: gateway.url, 'Sec-Fetch-Site': 'same-origin' },
    ]) {
      const response = await formPost(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe('CrossSiteRequest');
    }
    expect(prism.received().filter((r) => r.includes('generateVerificationCode')).length).toBe(before);
    const fromConsole = await admin.api(
      'POST',
      `/api/enrollmentGroups/g1/certificates/primary/generateVerificationCode?${V}`,
    );
    expect(fromConsole.status).toBe(200);
  });
});

describe('an application that answers oddly', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await signIn(hostileGateway.url, provider, ADA);
  });

  it('refuses a nextLink to another host', async () => {
    hostileAnswer = {
      status: 200,
      headers: {},
      body: { value: [], nextLink: `https://evil.example/api/devices?${V}&$skiptoken=x` },
    };
    const response = await browser.api('GET', `/api/devices?${V}`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorBody).error.code).toBe('ForeignNextLink');
  });

  it('passes 429 and 503 on with their Retry-After', async () => {
    for (const status of [429, 503]) {
      hostileAnswer = {
        status,
        headers: { 'Retry-After': '7' },
        body: { error: { code: 'TooManyRequests', message: 'Slow down' } },
      };
      const response = await browser.api('GET', `/api/devices?${V}`);
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe('7');
    }
  });

  it('never follows a redirect', async () => {
    hostileAnswer = { status: 302, headers: { Location: 'https://evil.example/steal' }, body: {} };
    const response = await browser.api('GET', `/api/devices?${V}`);
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
  });
});
