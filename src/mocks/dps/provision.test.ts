// What a registration does in the application: the device state machine, enrollment precedence,
// disabled groups, blocked devices, device ID case rules and IoT Plug and Play template selection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceAttestation, getDevice, getDeviceHistory, updateDevice } from '../../api/devices';
import { getDeviceTemplate, listDeviceTemplates } from '../../api/device-templates';
import { updateConnectionSettings } from '../../api/settings';
import { registerDevice } from '../../lib/dps-client';
import { deriveDeviceKey, generateSymmetricKey } from '../../lib/sas-keys';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';
import { dpsControls } from './registrations';
import { groupPrimaryKey, register } from './testing';

const sas = async (registrationId: string, groupKey = groupPrimaryKey()) => ({
  type: 'symmetricKey' as const,
  key: await deriveDeviceKey(groupKey, registrationId),
});

beforeEach(() => {
  dpsControls.assignmentDelayMs = 0;
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
});

describe('device lifecycle', () => {
  it('creates an unknown device as Provisioned when Auto approve is on, with its history', async () => {
    const result = await register('new-sensor-1', await sas('new-sensor-1'));
    expect(result.registrationState).toMatchObject({ status: 'assigned', deviceId: 'new-sensor-1' });
    const device = await getDevice('new-sensor-1');
    expect(device).toMatchObject({ displayName: 'new-sensor-1', enabled: true, provisioned: true });
    expect(device.template).toBeUndefined();
    const history = (await getDeviceHistory('new-sensor-1')).value;
    expect(history.map((h) => [h.action, h.by])).toEqual([
      ['registered', 'device'],
      ['provisioned', 'device'],
    ]);
    expect(history[0]?.detail).toBe('SAS, enrollment group SAS-IoT-Devices');
  });

  it('provisions a device an operator registered', async () => {
    const id = 'env-sensor-0002'; // registered by an operator in the seed
    expect(store.devices.get(id)).toMatchObject({
      provisioned: false,
      approvalPending: false,
      blocked: false,
    });
    await register(id, await sas(id));
    expect(await getDevice(id)).toMatchObject({ provisioned: true, enabled: true });
    expect((await getDeviceHistory(id)).value.at(-1)).toMatchObject({ action: 'provisioned', by: 'device' });
  });

  it('with Auto approve off: Waiting for approval, a clear not-approved result until approved, then Provisioned', async () => {
    await updateConnectionSettings({ autoApprove: false });
    const first = await register('pending-1', await sas('pending-1'));
    expect(first.registrationState).toMatchObject({
      status: 'failed',
      errorCode: 400209,
      deviceId: 'pending-1',
    });
    expect(first.registrationState.errorMessage).toMatch(/waiting for approval, because Auto approve is off/);
    expect((await getDevice('pending-1')).extensions).toEqual({ approvalPending: true, blocked: false });

    const again = await register('pending-1', await sas('pending-1'));
    expect(again.registrationState.errorMessage).toMatch(
      /not approved: it is waiting for approval by an operator. Approve it in Devices/,
    );
    expect(store.devices.size).toBe(61);

    await updateDevice('pending-1', { enabled: true }); // Approve
    const approved = await register('pending-1', await sas('pending-1'));
    expect(approved.registrationState.status).toBe('assigned');
    expect(await getDevice('pending-1')).toMatchObject({
      enabled: true,
      provisioned: true,
      extensions: { approvalPending: false, blocked: false },
    });
  });

  it('refuses a blocked device with status disabled and changes nothing', async () => {
    const id = 'filler-0006'; // blocked in the seed
    const before = structuredClone(store.devices.get(id));
    const result = await register(id, await sas(id));
    expect(result.registrationState).toMatchObject({ status: 'disabled', errorCode: 400209 });
    expect(result.registrationState.errorMessage).toMatch(/blocked by an operator/);
    expect(store.devices.get(id)).toEqual(before);
  });

  it('refuses the devices of a disabled group, and creates nothing', async () => {
    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    if (!group) throw new Error('no group');
    group.enabled = false;
    const result = await register('late-1', await sas('late-1'));
    expect(result.registrationState).toMatchObject({ status: 'disabled' });
    expect(result.registrationState.errorMessage).toMatch(/Enrollment group "SAS-IoT-Devices" is disabled/);
    expect(store.devices.has('late-1')).toBe(false);
  });

  it('accepts any enabled SAS group, not only the default one', async () => {
    const key = generateSymmetricKey();
    store.groups.set('factory', {
      id: 'factory',
      displayName: 'Factory line',
      enabled: true,
      type: 'iot',
      etag: 'x',
      attestation: { type: 'symmetricKey', primaryKey: key, secondaryKey: generateSymmetricKey() },
    });
    const result = await register('line-7', await sas('line-7', key));
    expect(result.registrationState).toMatchObject({
      status: 'assigned',
      symmetricKey: { enrollmentGroupId: 'factory' },
    });
  });
});

describe('enrollment precedence and device IDs', () => {
  it('takes the individual enrollment over the groups', async () => {
    const id = 'env-sensor-0002';
    const own = { primaryKey: generateSymmetricKey(), secondaryKey: generateSymmetricKey() };
    await createDeviceAttestation(id, { type: 'symmetricKey', symmetricKey: own });

    await expect(register(id, await sas(id))).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/individual enrollment of device "env-sensor-0002"/),
    });
    const result = await register(id, { type: 'symmetricKey', key: own.secondaryKey });
    expect(result.registrationState).toMatchObject({ status: 'assigned', symmetricKey: {} });
    expect((await getDeviceHistory(id)).value.at(-1)?.detail).toBe('SAS, individual enrollment');
  });

  it('refuses a SAS token for a device enrolled with X.509', async () => {
    const id = 'env-sensor-0002';
    store.devices.get(id)!.attestation = {
      type: 'x509',
      x509: { clientCertificates: { primary: { info: { sha1Thumbprint: 'AB'.repeat(20) } } } },
    };
    await expect(register(id, await sas(id))).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(
        /individual X.509 enrollment, so it must register with its X.509 credentials/,
      ),
    });
  });

  it('matches registration IDs case-insensitively, derives keys over the exact ID and creates lower-case devices', async () => {
    const result = await register('Sensor-ABC', await sas('Sensor-ABC'));
    expect(result.registrationState).toMatchObject({
      status: 'assigned',
      registrationId: 'Sensor-ABC',
      deviceId: 'sensor-abc',
    });
    expect(store.devices.has('sensor-abc')).toBe(true);
    // The key derived over the lower-case ID does not sign for "Sensor-ABC".
    await expect(register('Sensor-ABC', await sas('sensor-abc'))).rejects.toMatchObject({ status: 401 });
    // The existing device is found whatever the case.
    await expect(register('ENV-SENSOR-0002', await sas('ENV-SENSOR-0002'))).resolves.toMatchObject({
      registrationState: { deviceId: 'env-sensor-0002' },
    });
  });

  it('refuses registration IDs that cannot be IoT Central device IDs, with the rule', async () => {
    await expect(register('sensor_1', await sas('sensor_1'))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(
        /cannot become an IoT Central device ID: Device ID may contain only lower-case letters, digits and "-" \(found "_"\)/,
      ),
    });
    await expect(register('bad/id', await sas('bad/id'))).rejects.toMatchObject({ status: 400 });
    expect(store.devices.has('sensor_1')).toBe(false);
  });

  it('refuses a body whose registrationId differs from the path', async () => {
    const error = await registerDevice({
      idScope: store.settings.idScope,
      registrationId: 'one',
      credential: await sas('one'),
      sleep: async () => undefined,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          body: init?.method === 'PUT' ? JSON.stringify({ registrationId: 'two' }) : init?.body,
        }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      message: expect.stringMatching(/registers "two" but the path names "one"/),
    });
  });
});

describe('IoT Plug and Play: the model ID picks the template', () => {
  it('uses a template published in the app', async () => {
    await register('pnp-1', await sas('pnp-1'), { payload: { modelId: 'dtmi:contoso:EnvironmentSensor;1' } });
    expect(store.devices.get('pnp-1')?.template).toBe('dtmi:contoso:EnvironmentSensor;1');
    expect((await getDeviceHistory('pnp-1')).value.map((h) => h.action)).toContain('migrated');
  });

  it('creates a template from the public model repository, with its components', async () => {
    const dtmi = 'dtmi:com:example:TemperatureController;2';
    expect(store.templates.has(dtmi)).toBe(false);
    const result = await register('pnp-2', await sas('pnp-2'), { payload: { modelId: dtmi } });
    // Real DPS returns a payload only from a custom allocation: the device's own is not echoed.
    expect(result.registrationState.payload).toBeUndefined();
    expect(store.devices.get('pnp-2')?.template).toBe(dtmi);
    const template = (await getDeviceTemplate(dtmi)) as Awaited<ReturnType<typeof getDeviceTemplate>> & {
      source?: string;
    };
    expect(template.source).toBe('model-repository');
    expect(template.displayName).toBe('Temperature Controller');
    const contents = template.capabilityModel.contents as { name: string; schema: unknown }[];
    const thermostat1 = contents.find((c) => c.name === 'thermostat1');
    expect(thermostat1?.schema).toMatchObject({ '@id': 'dtmi:com:example:Thermostat;1' });
    // A second device with the same model reuses the template.
    await register('pnp-3', await sas('pnp-3'), { payload: { modelId: dtmi } });
    expect((await listDeviceTemplates()).filter((t) => t['@id'] === dtmi)).toHaveLength(1);
  });

  it('reads the older iotcModelId and __iot:interfaces forms', async () => {
    await register('pnp-4', await sas('pnp-4'), {
      payload: { iotcModelId: 'dtmi:contoso:FillingMachine;1' },
    });
    expect(store.devices.get('pnp-4')?.template).toBe('dtmi:contoso:FillingMachine;1');
    await register('pnp-5', await sas('pnp-5'), {
      payload: { '__iot:interfaces': { CapabilityModelId: 'dtmi:com:example:Thermostat;2' } },
    });
    expect(store.devices.get('pnp-5')?.template).toBe('dtmi:com:example:Thermostat;2');
    expect(store.templates.get('dtmi:com:example:Thermostat;2')?.source).toBe('model-repository');
  });

  it('leaves the device Unassociated for an unknown model, and keeps an existing template', async () => {
    await register('pnp-6', await sas('pnp-6'), { payload: { modelId: 'dtmi:contoso:NoSuchModel;1' } });
    expect(store.devices.get('pnp-6')?.template).toBeUndefined();
    expect(store.templates.has('dtmi:contoso:NoSuchModel;1')).toBe(false);

    const id = 'env-sensor-0002';
    await register(id, await sas(id), { payload: { modelId: 'dtmi:contoso:FillingMachine;1' } });
    expect(store.devices.get(id)?.template).toBe('dtmi:contoso:EnvironmentSensor;1');
  });
});
