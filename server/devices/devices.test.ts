// Real devices against the console server: the Azure IoT Node SDKs provision over DPS's HTTPS and MQTT
// endpoints and connect to the IoT hub, with SAS keys and with openssl-made X.509 certificates whose
// chain leads to a CA verified by proof of possession, all over TLS with the server's own local CA.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest, type AgentOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iotCommon from 'azure-iot-common';
import mqtt from 'mqtt';
import deviceSdk from 'azure-iot-device';
import deviceMqtt from 'azure-iot-device-mqtt';
import httpBase from 'azure-iot-http-base';
import mqttBase from 'azure-iot-mqtt-base';
import provisioning from 'azure-iot-provisioning-device';
import provisioningHttp from 'azure-iot-provisioning-device-http';
import provisioningMqtt from 'azure-iot-provisioning-device-mqtt';
import symmetricKey from 'azure-iot-security-symmetric-key';
import x509Security from 'azure-iot-security-x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureApi } from '../../src/api/config';
import { dpsRelayFetch } from '../../src/api/dps-relay';
import type { DeviceEndpoints } from '../../src/api/extensions';
import { CA_FILE_NAME, deviceSnippet } from '../../src/features/connect/device-snippets';
import { registerDevice, type DpsStep } from '../../src/lib/dps-client';
import { importPrivateKey } from '../../src/lib/private-key';
import { deriveDeviceKey } from '../../src/lib/sas-keys';
import { createVirtualTpm } from '../../src/lib/virtual-tpm';
import { createRegistrationSasToken } from '../../src/lib/sas-token';
import { dpsControls } from '../../src/mocks/dps/registrations';
import { DEFAULT_SAS_GROUP_ID } from '../../src/mocks/store/seed';
import type { ConsoleServer } from '../app';
import { call, startTestServer, tempDataFile, tokenFor } from '../testing';

type Transport = 'https' | 'mqtt';

let data: ReturnType<typeof tempDataFile>;
let server: ConsoleServer;
let certs: string;
let ca: string;
let endpoints: { idScope: string; dps: { https: string; mqtts: string }; hub: { mqtts: string }; assignedHub: string };

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
const read = (name: string) => readFileSync(join(certs, name), 'utf8');

/** A CA key and self-signed certificate, as certGen.sh makes them (EC for speed). */
function makeCa(name: string): void {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-new', '-x509', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '30', '-sha256',
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', `${name}.pem`);
}

/** A certificate for `cn` signed by `issuer`; an expired one is signed by `openssl ca`, which takes dates. */
function certificate(name: string, cn: string, issuer: string, options: { expired?: boolean; isCa?: boolean } = {}): void {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
  writeFileSync(join(certs, `${name}.ext`), `basicConstraints=critical,CA:${options.isCa ? 'true' : 'false'}\n`);
  if (!options.expired) {
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial',
      '-days', '30', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
    return;
  }
  writeFileSync(join(certs, 'index.txt'), '');
  writeFileSync(join(certs, 'serial'), '1000\n');
  writeFileSync(
    join(certs, 'ca.cnf'),
    '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n',
  );
  openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', `${issuer}.pem`, '-keyfile', `${issuer}.key`, '-in', `${name}.csr`,
    '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-notext', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

const derBase64 = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** Uploads `caName` as the primary CA of an X.509 group and, unless told otherwise, proves possession. */
async function x509Group(groupId: string, caName: string, options: { verify: boolean }): Promise<void> {
  const put = await call(server.url, 'PUT', `/enrollmentGroups/${groupId}`, {
    body: { displayName: groupId, type: 'iot', enabled: true, attestation: { type: 'x509', x509: {} } },
  });
  expect(put.status).toBe(200);
  const upload = await call(server.url, 'PUT', `/enrollmentGroups/${groupId}/certificates/primary`, {
    body: { certificate: derBase64(read(`${caName}.pem`)) },
  });
  expect(upload.status).toBe(200);
  if (!options.verify) return;
  const code = await call<{ verificationCode: string }>(server.url, 'POST', `/enrollmentGroups/${groupId}/certificates/primary/generateVerificationCode`);
  certificate(`${caName}-verification`, code.body.verificationCode, caName);
  const verify = await call(server.url, 'POST', `/enrollmentGroups/${groupId}/certificates/primary/verify`, {
    body: { certificate: derBase64(read(`${caName}-verification.pem`)) },
  });
  expect(verify.status).toBe(204);
}

function transportFor(kind: Transport) {
  if (kind === 'https') {
    // The Node HTTP transport dials port 443: an agent whose default port is the server's gives it 8443.
    const base = new httpBase.Http();
    const port = Number(endpoints.dps.https.split(':')[1]);
    const agent = new Agent({ defaultPort: port, ca, keepAlive: false } as AgentOptions);
    base.setOptions({ ca, http: { agent } });
    // (The transport's own copy of azure-iot-http-base may be another patch version: same class.)
    return { host: endpoints.dps.https.split(':')[0] as string, transport: new provisioningHttp.Http(base as never) };
  }
  const base = new mqttBase.MqttBase();
  base.setOptions({ ca });
  // The MQTT transport dials `mqtts://` + host, so host:port works.
  return { host: endpoints.dps.mqtts, transport: new provisioningMqtt.Mqtt(base as never) };
}

/** What DPS said: the SDK keeps the answer's body (or the registration state) as `result`. */
async function refusal(attempt: Promise<unknown>): Promise<{ name: string; reason: string }> {
  const error = (await attempt.then(
    () => new Error('the registration succeeded'),
    (e: unknown) => e,
  )) as Error & { result?: unknown };
  return { name: error.name, reason: JSON.stringify(error.result ?? error.message) };
}

type Security = InstanceType<typeof symmetricKey.SymmetricKeySecurityClient> | InstanceType<typeof x509Security.X509Security>;

async function register(kind: Transport, security: Security, payload?: Record<string, unknown>) {
  const { host, transport } = transportFor(kind);
  const client = provisioning.ProvisioningDeviceClient.create(host, endpoints.idScope, transport as never, security as never);
  if (payload) client.setProvisioningPayload(payload);
  return (await client.register()) as provisioning.RegistrationResult;
}

async function sasSecurity(id: string) {
  const group = await call<{ attestation: { symmetricKey: { primaryKey: string } } }>(server.url, 'GET', `/enrollmentGroups/${DEFAULT_SAS_GROUP_ID}`);
  const key = await deriveDeviceKey(group.body.attestation.symmetricKey.primaryKey, id);
  return { key, security: new symmetricKey.SymmetricKeySecurityClient(id, key) };
}

const x509For = (name: string, id: string, chain: string[] = []) =>
  new x509Security.X509Security(id, { cert: [read(`${name}.pem`), ...chain.map((c) => read(`${c}.pem`))].join('\n'), key: read(`${name}.key`) });

beforeAll(async () => {
  dpsControls.assignmentDelayMs = 0;
  certs = mkdtempSync(join(tmpdir(), 'iotc-certs-'));
  data = tempDataFile();
  server = await startTestServer(data.file, { devices: { host: 'localhost', dpsPort: 0, mqttPort: 0 } });
  ca = server.ca?.caPem ?? '';
  endpoints = (await call<typeof endpoints>(server.url, 'GET', '/extensions/endpoints')).body;
  makeCa('root');
  certificate('intermediate', 'intermediate', 'root', { isCa: true });
  makeCa('unverified-root');
  await x509Group('x509-verified', 'root', { verify: true });
  await x509Group('x509-unverified', 'unverified-root', { verify: false });
});

afterAll(async () => {
  dpsControls.assignmentDelayMs = 1000;
  await server?.close();
  data?.dispose();
  rmSync(certs, { recursive: true, force: true });
});

describe('the device endpoints', () => {
  it('describes them at /api/extensions/endpoints, with the CA devices trust', async () => {
    expect(endpoints.dps.https).toMatch(/^localhost:\d+$/);
    expect(endpoints.assignedHub).toBe(endpoints.hub.mqtts);
    expect((await call<{ caCertificate: string }>(server.url, 'GET', '/extensions/endpoints')).body.caCertificate).toContain('BEGIN CERTIFICATE');
  });

  it('sends its certificate alone in the TLS handshake, which a device checks with the CA it holds', async () => {
    writeFileSync(join(certs, 'server-ca.pem'), ca);
    for (const address of [endpoints.dps.https, endpoints.dps.mqtts]) {
      const shown = await new Promise<string>((resolve, reject) => {
        const child = execFile('openssl', ['s_client', '-connect', address, '-showcerts', '-CAfile', 'server-ca.pem', '-verify_return_error'], { cwd: certs }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        );
        child.stdin?.end();
      });
      expect(shown.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
      expect(shown).toMatch(/Verify return code: 0 \(ok\)/);
    }
  });

  it("answers only DPS's operations on the DPS port: the console's API is not there, even with an administrator's token", async () => {
    const [host, port] = endpoints.dps.https.split(':');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        { host, port: Number(port), path: '/api/devices?api-version=2021-10-01', ca, headers: { Authorization: tokenFor('administrator') } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer, answer.body).toMatchObject({ status: 404 });
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 404001 });
  });
});

describe.each<Transport>(['https', 'mqtt'])('DPS over %s with the Azure IoT Node SDK', (kind) => {
  it('registers a device with a key derived from the SAS group, and a model ID picks its template', async () => {
    const id = `sdk-sas-${kind}`;
    const { security } = await sasSecurity(id);
    const result = await register(kind, security, { modelId: 'dtmi:contoso:EnvironmentSensor;1' });
    expect(result).toMatchObject({ deviceId: id, assignedHub: endpoints.assignedHub });
    const device = await call<{ provisioned: boolean; template?: string }>(server.url, 'GET', `/devices/${id}`);
    expect(device.body).toMatchObject({ provisioned: true, template: 'dtmi:contoso:EnvironmentSensor;1' });
  });

  it("refuses a wrong key with DPS's 401", async () => {
    const security = new symmetricKey.SymmetricKeySecurityClient(`sdk-wrong-${kind}`, Buffer.alloc(32, 7).toString('base64'));
    await expect(register(kind, security)).rejects.toMatchObject({ name: 'UnauthorizedError' });
    expect((await call(server.url, 'GET', `/devices/sdk-wrong-${kind}`)).status).toBe(404);
  });

  it('registers with an individual SAS enrollment, which overrides the group', async () => {
    const id = `sdk-individual-${kind}`;
    const primaryKey = Buffer.alloc(32, 3).toString('base64');
    await call(server.url, 'PUT', `/devices/${id}`, { body: { displayName: id, enabled: true } });
    const put = await call(server.url, 'PUT', `/devices/${id}/attestation`, {
      body: { type: 'symmetricKey', symmetricKey: { primaryKey, secondaryKey: Buffer.alloc(32, 4).toString('base64') } },
    });
    expect(put.status).toBe(200);
    await expect(register(kind, (await sasSecurity(id)).security)).rejects.toMatchObject({ name: 'UnauthorizedError' });
    const result = await register(kind, new symmetricKey.SymmetricKeySecurityClient(id, primaryKey));
    expect(result.deviceId).toBe(id);
  });

  it('registers an X.509 device whose chain leads to a verified CA, with the certificate of the TLS handshake', async () => {
    const id = `sdk-x509-${kind}`;
    certificate(id, id, 'intermediate');
    const result = await register(kind, x509For(id, id, ['intermediate']));
    expect(result).toMatchObject({ deviceId: id, x509: { enrollmentGroupId: 'x509-verified' } });
  });

  it('refuses X.509: an unverified CA, an expired leaf, a CN that is not the registration ID', async () => {
    certificate(`unverified-${kind}`, `unverified-${kind}`, 'unverified-root');
    expect(await refusal(register(kind, x509For(`unverified-${kind}`, `unverified-${kind}`)))).toMatchObject({
      name: 'UnauthorizedError',
      reason: expect.stringMatching(/not verified.*Administration > Certificates/),
    });
    certificate(`expired-${kind}`, `expired-${kind}`, 'intermediate', { expired: true });
    expect(await refusal(register(kind, x509For(`expired-${kind}`, `expired-${kind}`, ['intermediate'])))).toMatchObject({
      name: 'UnauthorizedError',
      reason: expect.stringMatching(/expired/i),
    });
    certificate(`cn-${kind}`, 'someone-else', 'intermediate');
    expect(await refusal(register(kind, x509For(`cn-${kind}`, `cn-${kind}`, ['intermediate'])))).toMatchObject({
      name: 'UnauthorizedError',
      reason: expect.stringMatching(/someone-else/),
    });
    for (const id of [`unverified-${kind}`, `expired-${kind}`, `cn-${kind}`])
      expect((await call(server.url, 'GET', `/devices/${id}`)).status).toBe(404);
  });

  it('leaves a new device Waiting for approval when Auto approve is off; after Approve it registers', async () => {
    const id = `sdk-approval-${kind}`;
    await call(server.url, 'PATCH', '/extensions/settings', { body: { autoApprove: false } });
    try {
      const { security } = await sasSecurity(id);
      expect(await refusal(register(kind, security))).toMatchObject({
        name: 'ProvisioningRegistrationFailedError',
        reason: expect.stringMatching(/waiting for approval/),
      });
      const waiting = await call<{ extensions: { approvalPending: boolean } }>(server.url, 'GET', `/devices/${id}`);
      expect(waiting.body.extensions.approvalPending).toBe(true);
      const approve = await call<{ etag: string }>(server.url, 'GET', `/devices/${id}`);
      expect((await call(server.url, 'PATCH', `/devices/${id}`, { body: { enabled: true, etag: approve.body.etag } })).status).toBe(200);
      expect((await register(kind, security)).deviceId).toBe(id);
      expect((await call<{ provisioned: boolean }>(server.url, 'GET', `/devices/${id}`)).body.provisioned).toBe(true);
    } finally {
      await call(server.url, 'PATCH', '/extensions/settings', { body: { autoApprove: true } });
    }
  });
});

describe('DPS over MQTT sessions', () => {
  it('keeps none: a device that connects again with clean session off is told no session is present', async () => {
    // The SDKs connect with clean session off; a kept session per registration ID would outlive it.
    const [host, port] = endpoints.dps.mqtts.split(':');
    const id = 'sdk-session';
    const connect = async () => {
      const client = mqtt.connect(`mqtts://${host}:${port}`, {
        clientId: id,
        username: `${endpoints.idScope}/registrations/${id}/api-version=2019-03-31`,
        clean: false,
        ca,
        reconnectPeriod: 0,
        protocolVersion: 4,
      });
      const connack = await new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('error', reject);
      });
      return { client, connack };
    };
    const first = await connect();
    await new Promise((resolve, reject) =>
      first.client.subscribe('$dps/registrations/res/#', { qos: 1 }, (error) => (error ? reject(error) : resolve(undefined))),
    );
    await new Promise((resolve) => first.client.end(false, {}, resolve));
    const second = await connect();
    expect(second.connack.sessionPresent).toBe(false);
    await new Promise((resolve) => second.client.end(false, {}, resolve));
  });
});

describe("the Simulator's relay to DPS over HTTPS (POST /api/extensions/dpsRelay)", () => {
  // The page's own code: lib/dps-client.ts over api/dps-relay.ts's fetch, as an Operator.
  beforeAll(() => configureApi({ baseUrl: `${server.url}/api`, getAuthHeader: () => tokenFor('operator') }));
  afterAll(() => configureApi({ baseUrl: '/api', getAuthHeader: undefined }));

  const viaRelay = (steps: DpsStep[], clientCertificate?: { chain: string[]; privateKey: string }) => ({
    endpoint: `https://${endpoints.dps.https}`,
    fetch: dpsRelayFetch(clientCertificate),
    isCertificateInHandshake: clientCertificate !== undefined,
    idScope: endpoints.idScope,
    onStep: (step: DpsStep) => steps.push(step),
  });

  it('registers a SAS device over TLS and returns each exchange: PUT 202, the wait, GET 200', async () => {
    const id = 'relay-sas-1';
    const steps: DpsStep[] = [];
    const { key } = await sasSecurity(id);
    const result = await registerDevice({ ...viaRelay(steps), registrationId: id, credential: { type: 'symmetricKey', key } });
    expect(result.registrationState).toMatchObject({ deviceId: id, assignedHub: endpoints.assignedHub, status: 'assigned' });
    expect(steps.map((s) => (s.kind === 'request' ? `${s.method} ${s.url.split('?')[0]}` : s.kind === 'response' ? s.status : s.kind))).toEqual([
      `PUT https://${endpoints.dps.https}/${endpoints.idScope}/registrations/${id}/register`,
      202,
      'wait',
      expect.stringMatching(new RegExp(`^GET https://${endpoints.dps.https}/${endpoints.idScope}/registrations/${id}/operations/5\\.`)),
      200,
    ]);
    // Location names this endpoint, not DPS's global one.
    expect(steps[1]).toMatchObject({
      kind: 'response',
      headers: { 'retry-after': expect.any(String), location: expect.stringMatching(new RegExp(`^https://${endpoints.dps.https}/`)) },
    });
    expect((await call<{ provisioned: boolean }>(server.url, 'GET', `/devices/${id}`)).body.provisioned).toBe(true);
  });

  it('registers an X.509 device with the certificate in the TLS handshake, and DPS refuses a CN that is not the ID', async () => {
    const id = 'relay-x509-1';
    certificate(id, id, 'intermediate');
    const key = await importPrivateKey(read(`${id}.key`));
    if (!key.ok) throw new Error(key.message);
    const chain = [derBase64(read(`${id}.pem`)), derBase64(read('intermediate.pem'))];
    const steps: DpsStep[] = [];
    const credential = { type: 'x509' as const, certificate: chain[0] as string, chain: chain.slice(1), privateKey: key.key };
    const result = await registerDevice({ ...viaRelay(steps, { chain, privateKey: key.pkcs8 }), registrationId: id, credential });
    expect(result.registrationState).toMatchObject({ deviceId: id, x509: { enrollmentGroupId: 'x509-verified' } });
    // The handshake proved the key: no certificate or proof travelled in headers.
    const put = steps[0];
    expect(put?.kind === 'request' && Object.keys(put.headers).filter((h) => /^x-/i.test(h))).toEqual([]);

    certificate('relay-cn', 'someone-else', 'intermediate');
    const other = await importPrivateKey(read('relay-cn.key'));
    if (!other.ok) throw new Error(other.message);
    const otherChain = [derBase64(read('relay-cn.pem')), derBase64(read('intermediate.pem'))];
    await expect(
      registerDevice({
        ...viaRelay([], { chain: otherChain, privateKey: other.pkcs8 }),
        registrationId: 'relay-cn',
        credential: { ...credential, certificate: otherChain[0] as string, privateKey: other.key },
      }),
    ).rejects.toMatchObject({ name: 'DpsError', status: 401, message: expect.stringMatching(/someone-else/) });
  });

  it("registers a TPM device: DPS's challenge and the activation over TLS", async () => {
    const tpm = await createVirtualTpm();
    await call(server.url, 'PUT', `/devices/${tpm.registrationId}`, { body: { displayName: 'TPM over the relay' } });
    await call(server.url, 'PUT', `/devices/${tpm.registrationId}/attestation`, { body: { type: 'tpm', tpm: { endorsementKey: tpm.endorsementKey } } });
    const steps: DpsStep[] = [];
    const result = await registerDevice({ ...viaRelay(steps), registrationId: tpm.registrationId, credential: { type: 'tpm', tpm } });
    expect(result.status).toBe('assigned');
    expect(steps.filter((s) => s.kind === 'response').map((s) => s.kind === 'response' && s.status)).toEqual([401, 202, 200]);
  });

  it('relays DPS requests only, to its own DPS, and the in-page demo has no relay', async () => {
    const relay = (body: unknown) => call<{ error: { message: string } }>(server.url, 'POST', '/extensions/dpsRelay', { body, role: 'operator' });
    const outside = await relay({ method: 'PUT', path: '/api/devices/x?api-version=1' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/register\?api-version/);
    expect((await relay({ method: 'GET', path: `/${endpoints.idScope}/registrations/a/../../x/operations/1?api-version=2021-06-01` })).status).toBe(400);
    expect((await relay({ method: 'DELETE', path: `/${endpoints.idScope}/registrations/a/register?api-version=2021-06-01` })).status).toBe(400);
    // A wrong key is DPS's 401 inside the exchange: the relay itself answered.
    const refused = await call<{ status: number; body: string }>(server.url, 'POST', '/extensions/dpsRelay', {
      role: 'operator',
      body: {
        method: 'PUT',
        path: `/${endpoints.idScope}/registrations/relay-wrong/register?api-version=2021-06-01`,
        headers: { 'Content-Type': 'application/json', Authorization: 'SharedAccessSignature sr=x&sig=y&se=1&skn=registration' },
        body: JSON.stringify({ registrationId: 'relay-wrong' }),
      },
    });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe(401);
    expect(JSON.parse(refused.body.body)).toMatchObject({ errorCode: 401002 });
  });
});

describe('the IoT hub with the Azure IoT device SDK (MQTT)', () => {
  type DeviceClient = InstanceType<typeof deviceSdk.Client>;
  const clients: DeviceClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  });

  async function hubClient(connectionString: string, options: Record<string, unknown> = {}): Promise<DeviceClient> {
    const client = deviceSdk.Client.fromConnectionString(connectionString, deviceMqtt.Mqtt);
    await client.setOptions({ ca, ...options });
    // The SDK retries a refused connection for minutes by default; one try says what happened.
    client.setRetryPolicy(new iotCommon.NoRetry());
    clients.push(client);
    return client;
  }

  async function activity(id: string) {
    return (await call<{ connected: boolean; lastTelemetryAt?: string; lastMessage?: { body: string; properties: Record<string, string> } }>(
      server.url,
      'GET',
      `/devices/${id}/activity`.replace('/devices/', '/extensions/devices/'),
    )).body;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('takes a provisioned SAS device and its telemetry; Block disconnects it and refuses it; Unblock lets it in', async () => {
    const id = 'sdk-hub-sas';
    const { key, security } = await sasSecurity(id);
    const result = await register('mqtt', security);
    const connectionString = `HostName=${result.assignedHub};DeviceId=${id};SharedAccessKey=${key}`;
    const client = await hubClient(connectionString);
    await client.open();
    await client.sendEvent(
      Object.assign(new deviceSdk.Message(JSON.stringify({ temperature: 21.5 })), { contentType: 'application/json', contentEncoding: 'utf-8' }),
    );
    const seen = await until(() => activity(id), (a) => a.lastMessage !== undefined && a.connected);
    expect(seen.lastMessage?.body).toBe('{"temperature":21.5}');
    expect(seen.lastMessage?.properties).toMatchObject({ '$.ct': 'application/json' });
    const listed = await call<{ extensions: { connection?: { connected: boolean; lastActivity?: string } } }>(server.url, 'GET', `/devices/${id}`);
    expect(listed.body.extensions.connection).toMatchObject({ connected: true, lastActivity: expect.any(String) });

    const disconnected = new Promise<void>((resolve) => client.once('disconnect', () => resolve()));
    const { body } = await call<{ etag: string }>(server.url, 'GET', `/devices/${id}`);
    expect((await call(server.url, 'PATCH', `/devices/${id}`, { body: { enabled: false, etag: body.etag } })).status).toBe(200);
    await disconnected;
    await until(() => activity(id), (a) => !a.connected);
    await expect((await hubClient(connectionString)).open()).rejects.toThrow(/Not authorized/);

    const blocked = await call<{ etag: string }>(server.url, 'GET', `/devices/${id}`);
    expect((await call(server.url, 'PATCH', `/devices/${id}`, { body: { enabled: true, etag: blocked.body.etag } })).status).toBe(200);
    const again = await hubClient(connectionString);
    await again.open();
    await again.sendEvent(new deviceSdk.Message('after unblock'));
    await until(() => activity(id), (a) => a.lastMessage?.body === 'after unblock');
  });

  it('refuses a device that is not provisioned, a wrong key, and another device ID', async () => {
    const hub = endpoints.assignedHub;
    await call(server.url, 'PUT', '/devices/sdk-hub-new', { body: { displayName: 'Not provisioned', enabled: true } });
    const { key } = await sasSecurity('sdk-hub-new');
    const open = async (connectionString: string) => (await hubClient(connectionString)).open();
    await expect(open(`HostName=${hub};DeviceId=sdk-hub-new;SharedAccessKey=${key}`)).rejects.toThrow(/Not authorized/);
    const other = await sasSecurity('sdk-hub-other');
    await register('https', other.security);
    await expect(open(`HostName=${hub};DeviceId=sdk-hub-other;SharedAccessKey=${Buffer.alloc(32, 9).toString('base64')}`)).rejects.toThrow(/Not authorized/);
    await expect(open(`HostName=${hub};DeviceId=sdk-hub-new;SharedAccessKey=${other.key}`)).rejects.toThrow(/Not authorized/);
    // The same key is welcome with its own device ID: the refusals above were the hub's, not the TLS layer's.
    await (await hubClient(`HostName=${hub};DeviceId=sdk-hub-other;SharedAccessKey=${other.key}`)).open();
  });

  it('takes an X.509 device by the certificate of its TLS handshake; Delete disconnects it', async () => {
    const id = 'sdk-hub-x509';
    certificate(id, id, 'intermediate');
    const result = await register('https', x509For(id, id, ['intermediate']));
    const client = await hubClient(`HostName=${result.assignedHub};DeviceId=${id};x509=true`, {
      cert: [read(`${id}.pem`), read('intermediate.pem')].join('\n'),
      key: read(`${id}.key`),
    });
    await client.open();
    await client.sendEvent(new deviceSdk.Message('{"pressure":1013}'));
    await until(() => activity(id), (a) => a.lastMessage?.body === '{"pressure":1013}');
    const disconnected = new Promise<void>((resolve) => client.once('disconnect', () => resolve()));
    expect((await call(server.url, 'DELETE', `/devices/${id}`)).status).toBe(204);
    await disconnected;
  });
});

describe("Connect's device code", () => {
  it('runs as shown: the Node.js snippet provisions the device and its telemetry reaches the hub', async () => {
    const id = 'snippet-device';
    const { key } = await sasSecurity(id);
    const dir = mkdtempSync(join(tmpdir(), 'iotc-snippet-'));
    try {
      writeFileSync(join(dir, CA_FILE_NAME), ca);
      const described = (await call<DeviceEndpoints>(server.url, 'GET', '/extensions/endpoints')).body;
      writeFileSync(
        join(dir, 'device.cjs'),
        deviceSnippet('node', { endpoints: described, deviceId: id, credentials: { kind: 'sas', key }, modelId: 'dtmi:contoso:EnvironmentSensor;1' }),
      );
      const output = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['device.cjs'], { cwd: dir, env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') } }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      expect(output).toMatch(/Telemetry sent/);
      const device = await call<{ provisioned: boolean; template?: string }>(server.url, 'GET', `/devices/${id}`);
      expect(device.body).toMatchObject({ provisioned: true, template: 'dtmi:contoso:EnvironmentSensor;1' });
      await expect
        .poll(async () => (await call<{ lastMessage?: { body: string } }>(server.url, 'GET', `/extensions/devices/${id}/activity`)).body.lastMessage?.body)
        .toBe('{"temperature":21.5}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('assignments are written in groups', () => {
  it('writes registrations that arrive together, each durable before it reports assigned', async () => {
    let commits = 0;
    const stop = server.store.subscribe(() => (commits += 1));
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `group-commit-${i}`);
      const groupKey = (await call<{ attestation: { symmetricKey: { primaryKey: string } } }>(server.url, 'GET', `/enrollmentGroups/${DEFAULT_SAS_GROUP_ID}`)).body
        .attestation.symmetricKey.primaryKey;
      const base = `${server.url}/dps/${endpoints.idScope}/registrations`;
      const tokens = await Promise.all(
        ids.map(async (id) =>
          createRegistrationSasToken({ idScope: endpoints.idScope, registrationId: id, key: await deriveDeviceKey(groupKey, id), expiresAt: Math.floor(Date.now() / 1000) + 600 }),
        ),
      );
      // The PUTs arrive together (as 200 devices do under load); each then polls its operation.
      const accepted = await Promise.all(
        ids.map((id, i) =>
          fetch(`${base}/${id}/register?api-version=2021-10-01`, {
            method: 'PUT',
            headers: { Authorization: tokens[i] as string, 'Content-Type': 'application/json' },
            body: JSON.stringify({ registrationId: id }),
          }).then((r) => r.json() as Promise<{ operationId: string }>),
        ),
      );
      const states = await Promise.all(
        ids.map((id, i) =>
          fetch(`${base}/${id}/operations/${accepted[i]?.operationId}?api-version=2021-10-01`, { headers: { Authorization: tokens[i] as string } }).then(
            (r) => r.json() as Promise<{ status: string }>,
          ),
        ),
      );
      expect(states.every((s) => s.status === 'assigned')).toBe(true);
      // How many share a transaction depends on how fast they arrive; assignments.test.ts pins the rule.
      expect(commits).toBeLessThanOrEqual(ids.length);
      const count = server.store.devices.database
        .prepare(`SELECT count(*) AS n FROM devices WHERE id LIKE 'group-commit-%' AND provisioned = 1`)
        .get() as { n: number };
      expect(count.n).toBe(ids.length);
    } finally {
      stop();
    }
  });

  it('with a full disk the registration fails with 503 and nothing is kept', async () => {
    const { database } = server.store.devices;
    const { page_count: pages } = database.prepare('PRAGMA page_count').get() as { page_count: number };
    database.exec(`PRAGMA max_page_count = ${pages}`);
    try {
      // Enough new devices at once that their batch does not fit in the pages left.
      const ids = Array.from({ length: 200 }, (_, i) => `disk-full-${i}-${'x'.repeat(100)}`);
      const outcomes = await Promise.all(ids.map(async (id) => refusal(register('https', (await sasSecurity(id)).security))));
      const failed = ids.filter((_, i) => /could not be saved/.test(outcomes[i]?.reason ?? ''));
      expect(failed.length).toBeGreaterThan(0);
      // Every registration that was not saved left nothing behind; the others were saved whole.
      for (const [i, id] of ids.entries()) {
        const isFailed = failed.includes(id);
        if (!isFailed) expect(outcomes[i]?.reason).toBe('"the registration succeeded"');
        expect((await call(server.url, 'GET', `/devices/${id}`)).status).toBe(isFailed ? 404 : 200);
      }
    } finally {
      database.exec('PRAGMA max_page_count = 1073741823');
    }
  });
});
