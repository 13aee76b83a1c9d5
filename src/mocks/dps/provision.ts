// What an attested registration does in the IoT Central application, by the device state machine
// (device-lifecycle.ts provisionByDevice): a known device becomes Provisioned; an unknown one is created,
// Waiting for approval when Auto approve is off; blocked and unapproved devices are refused with a
// clear registration result. The model ID in the payload picks the device template (IoT Plug and Play).
import type { DeviceRegistrationState } from '../../lib/dps-protocol';
import { modelIdFromRegistrationPayload } from '../../lib/dtmi';
import { templateFromModel } from '../../lib/dtdl';
import { provisionByDevice } from '../../lib/device-lifecycle';
import { loadModelWithDependencies } from '../model-repository';
import { addHistory } from '../iotcentral/device-records';
import type { Store } from '../store/store';
import type { DeviceRecord, TemplateRecord } from '../store/types';
import { describeAttestation, findDeviceForRegistration, type Attested } from './attestation';

/** The IoT Central error code for a device the hub will not take (unapproved, blocked). */
export const DPS_HUB_ERROR_UNAUTH = 400209;

/** The application's IoT hub, as IoT Central names them: `iotc-<guid>.azure-devices.net`. */
export function assignedHubFor(idScope: string): string {
  let hash = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const char of `${idScope.toLowerCase()}#${round}`)
      hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const h = hex.join('');
  return `iotc-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}.azure-devices.net`;
}

/**
 * The template for a model ID: a template published in the app; otherwise one made from the public
 * model repository (source 'model-repository'); otherwise undefined (the device stays Unassociated).
 */
export async function templateForModel(
  store: Store,
  modelId: string | undefined,
): Promise<string | undefined> {
  if (!modelId) return undefined;
  if (store.templates.has(modelId)) return modelId;
  const resolve = await loadModelWithDependencies(modelId);
  const model = resolve(modelId);
  if (!model) return undefined;
  if (!store.templates.has(modelId)) {
    const template = templateFromModel(model, resolve);
    store.templates.set(modelId, {
      source: 'model-repository',
      template: { ...template, etag: store.nextEtag() } as unknown as TemplateRecord['template'],
    });
    store.changed();
  }
  return modelId;
}

export interface RegistrationInput {
  idScope: string;
  registrationId: string;
  attested: Attested;
  /** The registration payload, or the dps-keygen `data` wrapper: its model ID picks the template. */
  payload: Record<string, unknown> | undefined;
  /** The hub the device is assigned to (assignedHubFor in IoT Central; the console server's own hub). */
  assignedHub: string;
}

type Outcome = Omit<DeviceRegistrationState, 'symmetricKey' | 'x509' | 'tpm'>;

/**
 * Applies the registration to the application's devices and returns the registration state for the
 * device, with the record it changed. The caller commits it (assignments.ts, in a batch).
 */
export async function completeRegistration(
  store: Store,
  input: RegistrationInput,
): Promise<{ outcome: Outcome; records: DeviceRecord[] }> {
  const { registrationId, attested, payload } = input;
  const at = store.now().toISOString();
  const base = { registrationId, createdDateTimeUtc: at, lastUpdatedDateTimeUtc: at, etag: store.nextEtag() };
  const how = describeAttestation(attested);

  if (attested.enrollment.kind === 'group' && !attested.enrollment.isEnabled) {
    return refused({
      ...base,
      status: 'disabled',
      errorCode: DPS_HUB_ERROR_UNAUTH,
      errorMessage: `Enrollment group "${attested.enrollment.groupName}" is disabled, so it refuses its devices. An operator can enable it in Administration > Device connection.`,
    });
  }

  const before = findDeviceForRegistration(store, registrationId);
  const modelId = modelIdFromRegistrationPayload(payload);
  const template = before?.template ? undefined : await templateForModel(store, modelId);
  // Looked up again: a concurrent registration may have created the device while the model loaded.
  const known = findDeviceForRegistration(store, registrationId);
  const transition = provisionByDevice(known, { autoApprove: store.settings.autoApprove, template });
  if (!transition.ok) {
    const id = known?.id ?? registrationId;
    return refused(
      transition.error.code === 'Blocked'
        ? {
            ...base,
            deviceId: id,
            status: 'disabled',
            errorCode: DPS_HUB_ERROR_UNAUTH,
            errorMessage: `Device "${id}" is blocked by an operator, so it cannot connect. An operator can unblock it in Devices.`,
          }
        : {
            ...base,
            deviceId: id,
            status: 'failed',
            errorCode: DPS_HUB_ERROR_UNAUTH,
            errorMessage: `Device "${id}" is not approved: it is waiting for approval by an operator. Approve it in Devices, then register again.`,
          },
    );
  }

  let record: DeviceRecord;
  if (!known) {
    const id = registrationId.toLowerCase();
    record = {
      id,
      displayName: id,
      simulated: false,
      organizations: [],
      etag: store.nextEtag(),
      ...transition.state,
      history: [],
    };
    addHistory(store, record, 'registered', 'device', how);
    if (record.provisioned) addHistory(store, record, 'provisioned', 'device', how);
    if (record.template)
      addHistory(store, record, 'migrated', 'device', `${record.template} (model ID in the registration)`);
    store.devices.set(id, record);
  } else {
    record = known;
    const wasProvisioned = record.provisioned;
    const hadTemplate = record.template;
    Object.assign(record, transition.state);
    if (!wasProvisioned) addHistory(store, record, 'provisioned', 'device', how);
    if (!hadTemplate && record.template)
      addHistory(store, record, 'migrated', 'device', `${record.template} (model ID in the registration)`);
    record.etag = store.nextEtag();
  }
  const records = [record];

  if (record.approvalPending) {
    return {
      records,
      outcome: {
        ...base,
        deviceId: record.id,
        status: 'failed',
        errorCode: DPS_HUB_ERROR_UNAUTH,
        errorMessage: `Device "${record.id}" was created and is waiting for approval, because Auto approve is off. An operator must approve it in Devices; then register again.`,
      },
    };
  }
  return {
    records,
    outcome: {
      ...base,
      assignedHub: input.assignedHub,
      deviceId: record.id,
      status: 'assigned',
      substatus: 'initialAssignment',
      // Real DPS returns a payload only when a custom allocation supplies one; IoT Central has none.
    },
  };
}

const refused = (outcome: Outcome) => ({ outcome, records: [] });
