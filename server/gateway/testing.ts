// Helpers for the gateway's tests: the IoT Central application played by Prism serving the official spec
// (a test copy made by scripts/prism-spec.mjs), a local OpenID provider (oidc-provider) that signs in
// whichever test user is asked for without a login page, and a client that signs in through the gateway
// over real HTTP, carrying cookies as a browser would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { prismSpec } from '../../scripts/prism-spec.mjs';
import type { GatewayConfig } from './config';

export const CLIENT_ID = 'device-console';
export const CLIENT_SECRET = 'test-client-secret-not-a-real-one';
/** The application's API token as the tests' gateways send it (Prism checks that one is there, not what it is). */
const TEST_TOKEN = 'SharedAccessSignature sr=gateway-test&sig=not-a-real-signature&skn=console&se=4102444800';

/** The test users, as the local provider signs them in. */
export const ADA: TestUser = { sub: 'ada', name: 'Ada Administrator', roles: ['Administrator'] };
export const OTTO: TestUser = { sub: 'otto', name: 'Otto Operator', roles: ['Operator'] };

/** A gateway's settings for the test application at `appOrigin`, signing in through the test provider. */
export function testGatewayConfig(appOrigin: string, provider: TestProvider): GatewayConfig {
  return {
    appOrigin,
    authorization: () => TEST_TOKEN,
    oidc: {
      issuer: new URL(provider.issuer),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scope: 'openid profile',
      roles: { claim: 'roles', administrator: ['Administrator'], operator: ['Operator'] },
    },
    publicOrigin: undefined,
    sessionHours: 1,
  };
}

/**
 * Prism and the test provider, started together; the provider accepts the sign-in callbacks of gateways at
 * `gatewayPorts` on 127.0.0.1.
 */
export async function startApplicationAndProvider(
  gatewayPorts: number[],
  prismOptions: PrismOptions = {},
): Promise<{ prism: TestApplication; provider: TestProvider }> {
  const callbacks = gatewayPorts.map((port) => `http://127.0.0.1:${port}/auth/callback`);
  const [prism, provider] = await Promise.all([startPrism(prismOptions), startTestProvider(callbacks)]);
  return { prism, provider };
}

/** A port that was free a moment ago (the gateway must know its redirect URI before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestUser {
  sub: string;
  name: string;
  roles: string[];
}

export interface TestProvider {
  issuer: string;
  /** Who the next sign-in is. */
  signInNext(user: TestUser): void;
  close(): Promise<void>;
}

/** A local OpenID provider for consoles whose callbacks are `redirectUris`. */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const users = new Map<string, TestUser>();
  let next: TestUser | undefined;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'roles'] },
    // The role claim goes in the ID token, as Entra ID puts app roles there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const user = users.get(id);
      return user
        ? { accountId: id, claims: () => ({ sub: id, name: user.name, roles: user.roles }) }
        : undefined;
    },
    cookies: { keys: ['test-cookie-key-not-a-real-one'] },
    ttl: {
      Grant: 3600,
      Session: 3600,
      AccessToken: 3600,
      IdToken: 3600,
      Interaction: 600,
      AuthorizationCode: 60,
    },
  });
  // Its warnings about development keys and http are expected here.
  provider.on('server_error', () => undefined);
  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const user = next;
      if (!user) throw new Error('The test did not say who signs in (signInNext).');
      users.set(user.sub, user);
      const grant = new provider.Grant({ accountId: user.sub, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      grant.addOIDCClaims(['name', 'roles']);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    signInNext: (user) => {
      next = user;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestApplication {
  origin: string;
  /** Every request that reached it, as `METHOD /path` (from Prism's log). */
  received(): string[];
  /** Every request that reached it in full (method, path and query as sent) with Prism's status. */
  requests(): ApplicationRequest[];
  close(): Promise<void>;
}

export interface PrismOptions {
  /** Devices in the devices list's one example page (3 by default; the import/export e2e needs 50 to select). */
  devicesPerPage?: number;
}

export interface ApplicationRequest {
  method: string;
  url: URL;
  status: number;
}

/** Prism serving the spec's test copy at a free port: the IoT Central application as the spec describes it. */
export async function startPrism(options: PrismOptions = {}): Promise<TestApplication> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Prism logs paths without their query: a recorder at `origin` sees each request whole and passes it on.
  // It also does the one filter a console's check relies on, which a static mock cannot: a devices list
  // by `id eq '…'` (New asks it before PUT) keeps only that device of Prism's example page.
  const prismPort = await freePort();
  const recorded: ApplicationRequest[] = [];
  const recorder = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const byId = url.pathname === '/api/devices' && /^id eq '(.*)'$/.exec(url.searchParams.get('$filter') ?? '');
    const upstream = httpRequest(
      { host: '127.0.0.1', port: prismPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        recorded.push({ method: req.method ?? 'GET', url, status });
        if (!byId || status !== 200) {
          res.writeHead(status, answer.headers);
          return void answer.pipe(res);
        }
        let text = '';
        answer.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        answer.on('end', () => {
          const page = JSON.parse(text) as { value: { id: string }[] };
          const value = page.value.filter((device) => device.id === byId[1]);
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ value }));
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => recorder.listen(port, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'iotc-prism-'));
  const specFile = join(dir, 'iotcentral.prism.json');
  writeFileSync(specFile, JSON.stringify(prismSpec(origin, options)));
  const bin = join(process.cwd(), 'node_modules', '.bin', 'prism');
  const child: ChildProcess = spawn(
    bin,
    ['mock', specFile, '-p', String(prismPort), '-h', '127.0.0.1', '--errors'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}):\n${output}`));
    });
  });
  return {
    origin,
    received: () =>
      [...output.matchAll(/\[HTTP SERVER\] (\w+) (\S+) .*Request received/g)].map(
        (m) => `${(m[1] as string).toUpperCase()} ${m[2]}`,
      ),
    requests: () => [...recorded],
    close: async () => {
      recorder.closeAllConnections();
      recorder.close();
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A one-page build for the gateway to serve. */
export function tempDist(): { dir: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'iotc-gateway-'));
  const dir = join(root, 'dist-real');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Device console</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** Cookies by name, as one browser keeps them for the gateway and for the provider (no attributes kept). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  store(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/Max-Age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }
  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
}

export interface Browser {
  jar: CookieJar;
  /** A same-origin request from the console's page (the headers its client sends). */
  api(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Signs in through the gateway and the provider as `user`, following every redirect as a browser would. */
export async function signIn(gatewayUrl: string, provider: TestProvider, user: TestUser): Promise<Browser> {
  const jar = new CookieJar();
  provider.signInNext(user);
  let url = `${gatewayUrl}/auth/sign-in?returnTo=%2Fdevices`;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const text = await response.text();
    if (response.status !== 200 || !url.startsWith(`${gatewayUrl}/auth/callback`)) {
      throw new Error(`Sign-in stopped at ${url} with ${response.status}: ${text.slice(0, 300)}`);
    }
    return browserFor(gatewayUrl, jar);
  }
  throw new Error('Sign-in redirected more than 10 times.');
}

export function browserFor(gatewayUrl: string, jar = new CookieJar()): Browser {
  return {
    jar,
    api: (method, path, init = {}) =>
      fetch(`${gatewayUrl}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          cookie: jar.header(gatewayUrl),
          Accept: 'application/json',
          Origin: gatewayUrl,
          'Sec-Fetch-Site': 'same-origin',
          'X-Console-Request': '1',
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
  };
}
