// Property tests for the demo backend given garbage: arbitrary JSON, near-valid bodies with one field
// wrong, text that is not JSON, odd IDs and query strings, sent with fetch through the MSW server of
// the test setup. Every answer is a 2xx or a 4xx in the API's error envelope, never a 500; and a
// refused request changes nothing in the store.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DPS_GLOBAL_ENDPOINT } from '../lib/dps-protocol';
import { store } from './node';
import { DEFAULT_SAS_GROUP_ID } from './store/seed';

const ORIGIN = 'http://localhost';
const AUTH = 'SharedAccessSignature sr=test&sig=test&skn=administrator&se=4102444800';
const API_VERSION = 'api-version=2022-07-31';

interface Answer {
  status: number;
  body: unknown;
}

async function send(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = path.startsWith('https://')
    ? path
    : `${ORIGIN}${path}${path.includes('?') ? '&' : '?'}${API_VERSION}`;
  const response = await fetch(url, {
    method,
    headers: { Authorization: AUTH, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // kept as text: the assertions below say whether text was acceptable
  }
  return { status: response.status, body: parsed };
}

/** Everything the handlers can write, as JSON: a refused request must leave it as it was. */
function storeState(): string {
  return JSON.stringify({
    settings: store.settings,
    devices: [...store.devices.values()],
    templates: [...store.templates.keys()],
    groups: [...store.groups.values()],
  });
}

/** IoT Central's envelope: { error: { code, message, requestId, time } }, with a message that is a sentence. */
function expectIotcAnswer(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  if (answer.status < 400) return;
  const error = (answer.body as { error?: Record<string, unknown> } | undefined)?.error;
  expect(error, `${what}: error envelope`).toBeDefined();
  expect(typeof error?.code).toBe('string');
  expect(String(error?.code)).toMatch(/^[A-Za-z]+$/);
  expect(String(error?.message)).toMatch(/^\S.{10,}[.)!]$/s);
  expect(typeof error?.requestId).toBe('string');
  expect(Number.isNaN(Date.parse(String(error?.time)))).toBe(false);
}

/** DPS's envelope: { errorCode, trackingId, message, timestampUtc }. */
function expectDpsAnswer(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  if (answer.status < 400) return;
  const body = answer.body as Record<string, unknown>;
  expect(body.errorCode, what).toBeGreaterThanOrEqual(400000);
  expect(body.errorCode).toBeLessThan(500000);
  expect(String(body.message)).toMatch(/^\S.{10,}[.)]$/s);
}

/** Any JSON value, including the shapes that trip handlers up: null, arrays, prototype keys. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    { __proto__: { enabled: true } },
    { constructor: { prototype: {} } },
    JSON.parse('{"__proto__": {"x": 1}}'),
  ),
);

/** A near-valid body: each field either valid or any JSON. */
function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.fromEntries(
    Object.entries(fields).map(([key, valid]) => [key, fc.oneof(valid, anyJson)]),
  );
  return fc.record(entries, { requiredKeys: [] });
}

/** A body as sent: JSON of anything, a near-valid object, or text that is not JSON at all. */
const bodyText = (shaped: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    { arbitrary: shaped.map((b) => JSON.stringify(b)), weight: 4 },
    { arbitrary: anyJson.map((b) => JSON.stringify(b)), weight: 2 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    { arbitrary: fc.constantFrom('', '{', '{"displayName": }', 'null', '[]', '"text"', '1e999'), weight: 1 },
  );

const seedDeviceIds = () => [...store.devices.keys()].slice(0, 8);
const templateIds = () => [...store.templates.keys()];

/** A path segment as a client might send it: not empty, "." or ".." (the URL would name another path). */
const anySegment = (arbitrary: fc.Arbitrary<string>) =>
  arbitrary.filter((s) => s !== '' && s !== '.' && s !== '..');

/** IoT Central's path segments: any, "%" included (MSW decodes path parameters once). */
const segment = anySegment;

/** Device IDs as a client might put them in a path: valid, existing, upper case, odd characters. */
const deviceId = segment(
  fc.oneof(
    fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    fc.constant('SEED'),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('/', 'a/b', '?x=1', '#', 'a b', 'Dev-1', 'a'.repeat(129), '\u00e9', '😀', '<img src=x>'),
  ),
);

const pathId = (id: string) => (id === 'SEED' ? (seedDeviceIds()[0] ?? 'x') : id);

const deviceBody = () =>
  nearValid({
    displayName: fc.string({ maxLength: 160 }),
    template: fc.oneof(fc.constantFrom(...templateIds(), ''), fc.string({ maxLength: 10 })),
    simulated: fc.boolean(),
    enabled: fc.boolean(),
    etag: fc.string({ maxLength: 8 }),
  });

/** Runs one refused-or-accepted request and checks the answer, and that a refusal wrote nothing. */
async function checkRequest(
  method: string,
  path: string,
  body: string | undefined,
  expectAnswer = expectIotcAnswer,
) {
  const before = storeState();
  const answer = await send(method, path, body);
  const what = `${method} ${path} ${body ?? ''}`.slice(0, 300);
  expectAnswer(answer, what);
  if (answer.status >= 400) expect(storeState(), `${what} was refused but changed the store`).toBe(before);
  return answer;
}

const RUNS = { numRuns: 150 };

describe('the demo backend given garbage', () => {
  it('PUT /devices/{id}: a device, or a 4xx in the error envelope', async () => {
    await fc.assert(
      fc.asyncProperty(deviceId, bodyText(deviceBody()), async (id, body) => {
        const answer = await checkRequest('PUT', `/api/devices/${encodeURIComponent(pathId(id))}`, body);
        if (answer.status === 200) {
          const device = answer.body as { id: unknown; displayName: unknown; enabled: unknown };
          expect(device.id).toBe(pathId(id));
          expect(typeof device.displayName).toBe('string');
          expect(typeof device.enabled).toBe('boolean');
        }
      }),
      RUNS,
    );
  });

  it('PATCH /devices/{id}: applied whole or not at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), bodyText(deviceBody()), async (i, body) => {
        const ids = seedDeviceIds();
        await checkRequest('PATCH', `/api/devices/${ids[i % ids.length]}`, body);
      }),
      { numRuns: 300 },
    );
  });

  it('GET /devices with any $filter, $orderby, $top, $skiptoken and $count', async () => {
    const option = (name: string, value: fc.Arbitrary<string>) =>
      fc.option(
        value.map((v) => `${name}=${encodeURIComponent(v)}`),
        { nil: undefined },
      );
    await fc.assert(
      fc.asyncProperty(
        option(
          '$filter',
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom(
              'constructor eq null',
              "__proto__ eq 'x'",
              `${'('.repeat(3000)}id eq 'a'${')'.repeat(3000)}`,
              "contains(id, 'a'",
            ),
          ),
        ),
        option(
          '$orderby',
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom('id desc', 'displayName', 'constructor', 'id  asc'),
          ),
        ),
        option(
          '$top',
          fc.oneof(
            fc.string({ maxLength: 6 }),
            fc.integer({ min: -5, max: 200 }).map(String),
            fc.constantFrom('1e2', '0x10', '25.0'),
          ),
        ),
        option(
          '$skiptoken',
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.jsonValue().map((v) => btoa(JSON.stringify(v) ?? '')),
          ),
        ),
        option('$count', fc.constantFrom('true', 'false', 'yes')),
        async (...options) => {
          const query = options.filter((o) => o !== undefined).join('&');
          const answer = await checkRequest('GET', `/api/devices${query ? `?${query}` : ''}`, undefined);
          if (answer.status === 200)
            expect(Array.isArray((answer.body as { value: unknown }).value)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GET, DELETE and the device sub-resources for odd IDs', async () => {
    await fc.assert(
      fc.asyncProperty(
        deviceId,
        fc.constantFrom('', '/credentials', '/attestation'),
        fc.constantFrom('GET', 'DELETE'),
        async (id, sub, method) => {
          const path = `/api/devices/${encodeURIComponent(pathId(id))}${sub}`;
          await checkRequest(method === 'DELETE' && sub === '/credentials' ? 'GET' : method, path, undefined);
          await checkRequest(
            'GET',
            `/api/extensions/devices/${encodeURIComponent(pathId(id))}/history`,
            undefined,
          );
        },
      ),
      RUNS,
    );
  });

  it('PUT and PATCH /devices/{id}/attestation', async () => {
    const attestation = nearValid({
      type: fc.constantFrom('symmetricKey', 'x509', 'tpm', 'SymmetricKey'),
      symmetricKey: nearValid({
        primaryKey: fc.base64String({ minLength: 4, maxLength: 88 }),
        secondaryKey: fc.base64String({ maxLength: 88 }),
      }),
      tpm: nearValid({ endorsementKey: fc.base64String({ maxLength: 60 }) }),
      x509: nearValid({
        clientCertificates: nearValid({
          primary: nearValid({ certificate: fc.base64String({ maxLength: 60 }) }),
          secondary: fc.constant(null),
        }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom('PUT', 'PATCH'),
        bodyText(attestation),
        async (i, method, body) => {
          const ids = seedDeviceIds();
          await checkRequest(method, `/api/devices/${ids[i % ids.length]}/attestation`, body);
        },
      ),
      RUNS,
    );
  });

  it('PUT and PATCH /enrollmentGroups/{id}', async () => {
    const group = nearValid({
      displayName: fc.string({ maxLength: 20 }),
      type: fc.constantFrom('iot', 'iotEdge'),
      enabled: fc.boolean(),
      etag: fc.string({ maxLength: 4 }),
      attestation: nearValid({
        type: fc.constantFrom('symmetricKey', 'x509'),
        symmetricKey: nearValid({
          primaryKey: fc.base64String({ maxLength: 88 }),
          secondaryKey: fc.base64String({ maxLength: 88 }),
        }),
      }),
    });
    const groupId = segment(
      fc.oneof(
        fc.constant(DEFAULT_SAS_GROUP_ID),
        fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/),
        fc.string({ maxLength: 12 }),
      ),
    );
    const x509Group = JSON.stringify({
      displayName: 'Fuzz X.509',
      type: 'iot',
      attestation: { type: 'x509' },
    });
    await fc.assert(
      fc.asyncProperty(
        groupId,
        fc.constantFrom('PUT', 'PATCH', 'GET', 'DELETE'),
        bodyText(group),
        async (id, method, body) => {
          const hasBody = method === 'PUT' || method === 'PATCH';
          await checkRequest(
            method,
            `/api/enrollmentGroups/${encodeURIComponent(id)}`,
            hasBody ? body : undefined,
          );
        },
      ),
      RUNS,
    );
    // Mostly PATCH on groups that exist, a SAS one and an X.509 one, where a half-applied change would show.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(DEFAULT_SAS_GROUP_ID, 'fuzz-x509'),
        bodyText(group),
        async (id, body) => {
          await send('PUT', '/api/enrollmentGroups/fuzz-x509', x509Group);
          await checkRequest('PATCH', `/api/enrollmentGroups/${id}`, body);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the X.509 group certificate endpoints', async () => {
    const x509Group = 'fuzz-x509';
    const certificate = nearValid({
      certificate: fc.base64String({ maxLength: 80 }),
      verified: fc.boolean(),
      etag: fc.string({ maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('primary', 'secondary', 'tertiary', 'PRIMARY', '__proto__', 'constructor'),
        fc.constantFrom(x509Group, DEFAULT_SAS_GROUP_ID, 'missing'),
        fc.constantFrom('GET', 'PUT', 'DELETE', 'POST generateVerificationCode', 'POST verify'),
        bodyText(certificate),
        async (entry, groupId, action, body) => {
          await send(
            'PUT',
            `/api/enrollmentGroups/${x509Group}`,
            JSON.stringify({ displayName: 'Fuzz', type: 'iot', attestation: { type: 'x509' } }),
          );
          const [method = 'GET', operation] = action.split(' ');
          const path = `/api/enrollmentGroups/${groupId}/certificates/${entry}${operation ? `/${operation}` : ''}`;
          await checkRequest(method, path, method === 'PUT' || operation === 'verify' ? body : undefined);
        },
      ),
      RUNS,
    );
  });

  it('PUT /deviceTemplates/{id} and PATCH /extensions/settings', async () => {
    const template = nearValid({
      displayName: fc.string({ maxLength: 10 }),
      capabilityModel: fc.constant({ '@id': 'dtmi:x;1', '@type': 'Interface', contents: [] }),
    });
    const settings = nearValid({ autoApprove: fc.boolean(), idScope: fc.string({ maxLength: 11 }) });
    await fc.assert(
      fc.asyncProperty(
        segment(fc.string({ maxLength: 20 })),
        bodyText(template),
        bodyText(settings),
        async (id, templateBody, settingsBody) => {
          await checkRequest('PUT', `/api/deviceTemplates/${encodeURIComponent(id)}`, templateBody);
          await checkRequest('PATCH', '/api/extensions/settings', settingsBody);
        },
      ),
      RUNS,
    );
  });

  it('POST /extensions/deviceImports and deviceExports', async () => {
    const row = nearValid({
      id: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.string({ maxLength: 12 })),
      displayName: fc.string({ maxLength: 20 }),
    });
    const importBody = nearValid({
      devices: fc.array(fc.oneof(row, anyJson), { maxLength: 5 }),
      existing: fc.constantFrom('skip', 'update'),
      template: fc.constantFrom(...templateIds()),
      dryRun: fc.constant(true),
      operationId: fc.uuid(),
    });
    const exportBody = nearValid({
      ids: fc.array(fc.oneof(fc.constant('SEED'), fc.string({ maxLength: 10 })), { maxLength: 4 }),
      excludedIds: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      filter: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('enabled eq true')),
      top: fc.integer({ min: -1, max: 6000 }),
      skipToken: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.jsonValue().map((v) => btoa(JSON.stringify(v) ?? '')),
      ),
    });
    await fc.assert(
      fc.asyncProperty(bodyText(importBody), bodyText(exportBody), async (importText, exportText) => {
        const imported = await send('POST', '/api/extensions/deviceImports', importText);
        expectIotcAnswer(imported, `POST deviceImports ${importText}`);
        await checkRequest('POST', '/api/extensions/deviceExports', exportText);
      }),
      RUNS,
    );
  });

  it('the demo DPS takes a %-escape in the path literally: "a%2541" names a%41, not aA', async () => {
    const response = await fetch(
      `${DPS_GLOBAL_ENDPOINT}/${store.settings.idScope}/registrations/a%2541/register?api-version=2021-06-01`,
      {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          Authorization: 'SharedAccessSignature sr=x&sig=YWJj&se=1',
        },
        body: JSON.stringify({ registrationId: 'aA' }),
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^Registration ID "a%41" is not valid/,
    );
  });

  it('the demo DPS answers its two operations only, by method and path, in its error envelope otherwise', async () => {
    const base = `${DPS_GLOBAL_ENDPOINT}/${store.settings.idScope}/registrations/dev-1`;
    const send = async (method: string, path: string) => {
      const response = await fetch(`${base}${path}?api-version=2021-06-01`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'PUT' ? { body: JSON.stringify({ registrationId: 'dev-1' }) } : {}),
      });
      return { status: response.status, body: (await response.json()) as { errorCode: number; message: string } };
    };
    const notHere = { status: 404, body: { errorCode: 404001, message: expect.stringMatching(/^The demo DPS answers PUT/) } };
    expect(await send('GET', '/register')).toMatchObject(notHere);
    expect(await send('PUT', '/operations/5.1')).toMatchObject(notHere);
    expect(await send('PUT', '/enroll')).toMatchObject(notHere);
    // The operations themselves: no credentials is DPS's 401, an unknown operation its 404006, a trailing slash is the same path.
    expect(await send('PUT', '/register/')).toMatchObject({ status: 401, body: { errorCode: 401002 } });
    expect(await send('GET', '/operations/5.1')).toMatchObject({ status: 404, body: { errorCode: 404006 } });
    const broken = await fetch(`${DPS_GLOBAL_ENDPOINT}/${store.settings.idScope}/registrations/a%zz/register?api-version=2021-06-01`, {
      method: 'PUT',
      body: '{}',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ errorCode: 400004, message: 'The request path has a broken %-escape.' });
  });

  it('the demo DPS: PUT …/register and GET …/operations/{id} with garbage, in the DPS error envelope', async () => {
    const registration = nearValid({
      registrationId: fc.oneof(fc.constant('fuzz-device'), fc.string({ maxLength: 12 })),
      payload: fc.oneof(fc.constant({ modelId: 'dtmi:com:example:Thermostat;1' }), anyJson),
      tpm: nearValid({
        endorsementKey: fc.base64String({ maxLength: 60 }),
        storageRootKey: fc.base64String({ maxLength: 20 }),
      }),
      data: anyJson,
    });
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'SharedAccessSignature sr=x&sig=YWJj&se=1&skn=registration',
        'SharedAccessSignature sr=%ZZ&sig=YWJj&se=99999999999&skn=registration',
        'SharedAccessSignature ',
        'Bearer x',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        anySegment(fc.oneof(fc.constant(store.settings.idScope), fc.string({ maxLength: 12 }))),
        anySegment(
          fc.oneof(
            fc.constant('fuzz-device'),
            fc.constantFrom('%', 'a%41', '%E9'),
            fc.string({ maxLength: 12 }),
          ),
        ),
        bodyText(registration),
        authorization,
        async (idScope, registrationId, body, auth) => {
          const base = `${DPS_GLOBAL_ENDPOINT}/${encodeURIComponent(idScope)}/registrations/${encodeURIComponent(registrationId)}`;
          const headers: Record<string, string> = auth === undefined ? {} : { Authorization: auth };
          const before = storeState();
          const registered = await fetch(`${base}/register?api-version=2021-06-01`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', ...headers },
            body,
          });
          const answer = { status: registered.status, body: await registered.json().catch(() => undefined) };
          expectDpsAnswer(answer, `PUT ${base}/register ${body}`);
          if (answer.status >= 400) expect(storeState()).toBe(before);
          const polled = await fetch(
            `${base}/operations/${encodeURIComponent(registrationId)}?api-version=2021-06-01`,
            { headers },
          );
          expectDpsAnswer(
            { status: polled.status, body: await polled.json().catch(() => undefined) },
            'GET operation',
          );
        },
      ),
      RUNS,
    );
  });
});
