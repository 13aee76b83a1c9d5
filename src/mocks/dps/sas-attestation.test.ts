// The demo DPS with SAS tokens, end to end over HTTP at the real DPS URL (MSW node answers it):
// the published vectors, a token made by the Azure IoT Node SDK, and the tokens it must refuse.
import { SymmetricKeySecurityClient } from 'azure-iot-security-symmetric-key';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DpsError } from '../../lib/dps-client';
import {
  DPS_API_VERSIONS,
  DPS_GLOBAL_ENDPOINT,
  operationPath,
  type RegistrationOperationStatus,
} from '../../lib/dps-protocol';
import { deriveDeviceKey } from '../../lib/sas-keys';
import { createRegistrationSasToken } from '../../lib/sas-token';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';
import { dpsControls } from './registrations';
import { API_VERSION, groupPrimaryKey, putRegistration, register, registerUrl } from './testing';

// dps-protocol.md §1 vector C (group key bytes 0x00..0x3f) and the §2 tokens for device-001, se 1700000000.
const VECTOR_GROUP_KEY =
  'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==';
const VECTOR_TOKENS = {
  raw: 'SharedAccessSignature sr=0ne00000000/registrations/device-001&sig=Ibf3N85B9pAle%2BlMG2OTAsPMd%2Fi8zMnnsdQZG2x5gKQ%3D&se=1700000000&skn=registration',
  '%2F':
    'SharedAccessSignature sr=0ne00000000%2Fregistrations%2Fdevice-001&sig=U2I1GebZELtn28VU%2BrEH%2FPh%2FzCKLQWihGMOXe2vFiEw%3D&se=1700000000&skn=registration',
  '%2f':
    'SharedAccessSignature sr=0ne00000000%2fregistrations%2fdevice-001&sig=QckYrSyObhrz3ejt7LwCb4rBj4dNVu69C3r%2Bu4zVpeI%3D&se=1700000000&skn=registration',
};

async function poll(registrationId: string, operationId: string, authorization: string): Promise<Response> {
  const url = `${DPS_GLOBAL_ENDPOINT}${operationPath(store.settings.idScope, registrationId, operationId)}?api-version=${API_VERSION}`;
  return fetch(url, { headers: { Authorization: authorization } });
}

async function errorBody(response: Response) {
  return (await response.json()) as {
    errorCode: number;
    message: string;
    trackingId: string;
    timestampUtc: string;
  };
}

beforeEach(() => {
  dpsControls.assignmentDelayMs = 0;
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
  store.now = () => new Date();
});

describe('DPS timing and shapes', () => {
  it("answers the first 202 with DPS's Retry-After (3 s) and an operation ID of DPS's shape", async () => {
    dpsControls.assignmentDelayMs = 1000;
    const token = await createRegistrationSasToken({
      idScope: store.settings.idScope,
      registrationId: 'timing-1',
      key: await deriveDeviceKey(groupPrimaryKey(), 'timing-1'),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const put = await putRegistration('timing-1', { Authorization: token });
    expect(put.status).toBe(202);
    expect(put.headers.get('Retry-After')).toBe('3');
    const { operationId } = (await put.json()) as RegistrationOperationStatus;
    // 16 hex digits in the middle part, zero-padded, never a minus sign.
    expect(operationId).toMatch(/^5\.[0-9a-f]{16}\.[0-9a-f-]{36}$/);
  });
});

describe('SAS attestation: the reference vectors', () => {
  beforeEach(() => {
    store.settings = { ...store.settings, idScope: '0ne00000000' };
    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    if (group?.attestation.type === 'symmetricKey') group.attestation.primaryKey = VECTOR_GROUP_KEY;
    store.now = () => new Date((1700000000 - 60) * 1000);
  });

  it.each(Object.entries(VECTOR_TOKENS))(
    'accepts the %s-sr token and provisions device-001',
    async (_, token) => {
      const put = await putRegistration('device-001', { Authorization: token });
      expect(put.status).toBe(202);
      expect(put.headers.get('Retry-After')).toBe('0');
      const accepted = (await put.json()) as RegistrationOperationStatus;
      expect(accepted.status).toBe('assigning');
      expect(accepted.operationId).toMatch(/^5\.[0-9a-f]{16}\.[0-9a-f-]{36}$/);

      const done = await poll('device-001', accepted.operationId, token);
      expect(done.status).toBe(200);
      const result = (await done.json()) as RegistrationOperationStatus;
      expect(result.registrationState).toMatchObject({
        registrationId: 'device-001',
        deviceId: 'device-001',
        status: 'assigned',
        substatus: 'initialAssignment',
        symmetricKey: { enrollmentGroupId: DEFAULT_SAS_GROUP_ID },
      });
      expect(result.registrationState?.assignedHub).toMatch(/^iotc-[0-9a-f-]{36}\.azure-devices\.net$/);
      expect(store.devices.get('device-001')).toMatchObject({
        provisioned: true,
        approvalPending: false,
        blocked: false,
      });
    },
  );

  it('refuses the same vector once it has expired (se + 5 minutes of skew)', async () => {
    store.now = () => new Date((1700000000 + 301) * 1000);
    const put = await putRegistration('device-001', { Authorization: VECTOR_TOKENS.raw });
    expect(put.status).toBe(401);
    const body = await errorBody(put);
    expect(body.errorCode).toBe(401002);
    expect(body.message).toMatch(/expired 5 minutes ago/);
    expect(store.devices.has('device-001')).toBe(false);
  });
});

describe('SAS attestation: real tokens', () => {
  it('accepts a token made by the Azure IoT Node SDK (azure-iot-security-symmetric-key)', async () => {
    const deviceKey = await deriveDeviceKey(groupPrimaryKey(), 'sdk-device-1');
    const client = new SymmetricKeySecurityClient('sdk-device-1', deviceKey);
    const sas = await client.createSharedAccessSignature(store.settings.idScope);
    const token = (sas as unknown as { toString(): string }).toString();
    expect(token).toMatch(
      new RegExp(`^SharedAccessSignature sr=${store.settings.idScope}/registrations/sdk-device-1&sig=`),
    );

    const put = await putRegistration(
      'sdk-device-1',
      { Authorization: token },
      {
        registrationId: 'sdk-device-1',
        payload: { modelId: 'dtmi:com:example:Thermostat;1' },
      },
    );
    expect(put.status).toBe(202);
    const { operationId } = (await put.json()) as RegistrationOperationStatus;
    const done = (await (
      await poll('sdk-device-1', operationId, token)
    ).json()) as RegistrationOperationStatus;
    expect(done.registrationState).toMatchObject({ status: 'assigned', deviceId: 'sdk-device-1' });
    expect(store.devices.get('sdk-device-1')).toMatchObject({
      provisioned: true,
      template: 'dtmi:com:example:Thermostat;1',
    });
  });

  it('accepts the secondary key and every sr encoding through the device client', async () => {
    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    if (group?.attestation.type !== 'symmetricKey') throw new Error('no SAS group');
    const key = await deriveDeviceKey(group.attestation.secondaryKey, 'secondary-1');
    for (const srEncoding of ['raw', 'upper', 'lower'] as const) {
      const result = await register('secondary-1', { type: 'symmetricKey', key, srEncoding });
      expect(result.status).toBe('assigned');
    }
  });

  it.each(DPS_API_VERSIONS)('accepts api-version %s', async (apiVersion) => {
    const key = await deriveDeviceKey(groupPrimaryKey(), 'versioned');
    await expect(register('versioned', { type: 'symmetricKey', key }, { apiVersion })).resolves.toMatchObject(
      { status: 'assigned' },
    );
  });

  it('refuses a missing or unknown api-version with 400', async () => {
    const key = await deriveDeviceKey(groupPrimaryKey(), 'versioned');
    const token = await createRegistrationSasToken({
      idScope: store.settings.idScope,
      registrationId: 'versioned',
      key,
      expiresAt: 4102444800,
    });
    const missing = await putRegistration(
      'versioned',
      { Authorization: token },
      undefined,
      registerUrl('versioned', undefined, null),
    );
    expect(missing.status).toBe(400);
    expect((await errorBody(missing)).message).toMatch(
      /api-version query parameter is required.*2019-03-31, 2021-06-01, 2021-10-01/,
    );
    const unknown = await putRegistration(
      'versioned',
      { Authorization: token },
      undefined,
      registerUrl('versioned', undefined, '2018-11-01'),
    );
    expect(unknown.status).toBe(400);
    expect((await errorBody(unknown)).message).toMatch(/"2018-11-01" is not supported/);
  });
});

describe('SAS attestation: refused tokens create nothing', () => {
  const tokenFor = async (
    registrationId: string,
    overrides: { idScope?: string; key?: string; expiresAt?: number } = {},
  ) =>
    createRegistrationSasToken({
      idScope: overrides.idScope ?? store.settings.idScope,
      registrationId,
      key: overrides.key ?? (await deriveDeviceKey(groupPrimaryKey(), registrationId)),
      expiresAt: overrides.expiresAt ?? Math.floor(Date.now() / 1000) + 3600,
    });

  it('refuses a tampered token', async () => {
    const token = await tokenFor('tampered-1');
    const sig = /sig=([^&]+)/.exec(token)?.[1] ?? '';
    // Change the signature's first base64 character (a whole 6 bits of its first byte), not its URL
    // encoding: a signature starting with "+" is sent as "%2B", and changing the "%" made a malformed escape.
    const decoded = decodeURIComponent(sig);
    const tampered = token.replace(sig, encodeURIComponent((decoded.startsWith('A') ? 'B' : 'A') + decoded.slice(1)));
    const put = await putRegistration('tampered-1', { Authorization: tampered });
    expect(put.status).toBe(401);
    expect(put.headers.get('x-ms-error-code')).toBe('401002');
    const body = await errorBody(put);
    expect(body).toMatchObject({ errorCode: 401002 });
    expect(body.message).toMatch(/does not match the key that any enabled SAS enrollment group derives/);
    expect(body.trackingId).toBeTruthy();
    expect(Date.parse(body.timestampUtc)).not.toBeNaN();
    expect(store.devices.has('tampered-1')).toBe(false);
  });

  it('refuses a token signed for another registration ID, or with the group key itself', async () => {
    const otherDevice = await tokenFor('tampered-1', {
      key: await deriveDeviceKey(groupPrimaryKey(), 'someone-else'),
    });
    expect((await putRegistration('tampered-1', { Authorization: otherDevice })).status).toBe(401);
    const groupKey = await tokenFor('tampered-1', { key: groupPrimaryKey() });
    expect((await putRegistration('tampered-1', { Authorization: groupKey })).status).toBe(401);
    expect(store.devices.has('tampered-1')).toBe(false);
  });

  it('refuses an expired token', async () => {
    const token = await tokenFor('expired-1', { expiresAt: Math.floor(Date.now() / 1000) - 3600 });
    const put = await putRegistration('expired-1', { Authorization: token });
    expect(put.status).toBe(401);
    expect((await errorBody(put)).message).toMatch(/expired/);
    expect(store.devices.has('expired-1')).toBe(false);
  });

  it('refuses a token made for another ID scope', async () => {
    const token = await tokenFor('scoped-1', { idScope: '0ne00000000' });
    const put = await putRegistration('scoped-1', { Authorization: token });
    expect(put.status).toBe(401);
    expect((await errorBody(put)).message).toMatch(/The token is for ID scope "0ne00000000", not "0ne/);
    expect(store.devices.has('scoped-1')).toBe(false);
  });

  it('answers 404 for an unknown ID scope', async () => {
    const token = await tokenFor('scoped-1', { idScope: '0ne00000000' });
    const put = await putRegistration(
      'scoped-1',
      { Authorization: token },
      undefined,
      registerUrl('scoped-1', '0ne00000000'),
    );
    expect(put.status).toBe(404);
    expect((await errorBody(put)).message).toMatch(/ID scope "0ne00000000" was not found/);
  });

  it('refuses a request without credentials, and a status poll without the token', async () => {
    const bare = await putRegistration('nobody', {});
    expect(bare.status).toBe(401);
    expect((await errorBody(bare)).message).toMatch(/No credentials/);

    const token = await tokenFor('poller-1');
    const put = await putRegistration('poller-1', { Authorization: token });
    const { operationId } = (await put.json()) as RegistrationOperationStatus;
    expect(
      (await poll('poller-1', operationId, 'SharedAccessSignature sr=x&sig=eA%3D%3D&se=1&skn=registration'))
        .status,
    ).toBe(401);
    expect((await poll('poller-1', operationId, token)).status).toBe(200);
    expect((await poll('poller-1', 'no-such-operation', token)).status).toBe(404);
  });

  it('surfaces DPS errors through the device client as DpsError', async () => {
    const error = await register('client-1', { type: 'symmetricKey', key: groupPrimaryKey() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DpsError);
    expect(error).toMatchObject({ status: 401, errorCode: 401002 });
  });
});
