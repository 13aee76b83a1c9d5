// The IoT hub's rules, whatever carries them (the console server's MQTT listener): which device may
// connect, with which credentials, and what the hub records of it. IoT Central's words: a device must
// be approved "before it can start sending data", and a blocked device "can't send data".
import type { DeviceActivity, TelemetryMessage } from '../../api/extensions';
import { verifyHubSasToken } from '../../lib/sas-token';
import { deriveDeviceKeys } from '../../lib/sas-keys';
import type { CertificateInfo } from '../../lib/x509';
import { DpsError } from '../dps/http';
import { attestCertificate } from '../dps/x509-attestation';
import { lastActivityOf } from '../store/device-rows';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';

/** The part of a message's body the hub keeps, in bytes. */
export const TELEMETRY_BODY_LIMIT = 4096;

export type HubCredentials =
  | { kind: 'sas'; token: string }
  | { kind: 'x509'; leaf: CertificateInfo; chain: CertificateInfo[] };

export type HubAdmission = { ok: true; record: DeviceRecord } | { ok: false; message: string };

/** Why the hub will not take this device now, or undefined when it may connect. */
export function hubRefusal(record: DeviceRecord | undefined, deviceId: string): string | undefined {
  if (!record)
    return `Device "${deviceId}" does not exist in the application. Register it through DPS first (the device ID is the registration ID).`;
  if (record.blocked) return `Device "${record.id}" is blocked by an operator, so it can't send data.`;
  if (record.approvalPending)
    return `Device "${record.id}" is waiting for approval: an operator must approve it before it can start sending data.`;
  if (!record.provisioned)
    return `Device "${record.id}" is not provisioned yet. Register it through DPS, then connect to the hub DPS assigned.`;
  return undefined;
}

/** The keys a device may sign hub tokens with: its individual enrollment's, else every enabled SAS group's derivation. */
async function deviceKeys(store: Store, record: DeviceRecord): Promise<string[] | string> {
  const individual = record.attestation;
  if (individual) {
    if (individual.type !== 'symmetricKey')
      return `Device "${record.id}" has an individual ${individual.type === 'x509' ? 'X.509' : 'TPM'} enrollment, so it must connect with that, not a SAS token.`;
    return [individual.symmetricKey.primaryKey, individual.symmetricKey.secondaryKey].filter((k): k is string => !!k);
  }
  const keys: string[] = [];
  for (const group of store.groups.values()) {
    if (group.attestation.type !== 'symmetricKey' || !group.enabled) continue;
    for (const groupKey of [group.attestation.primaryKey, group.attestation.secondaryKey]) {
      const [key] = await deriveDeviceKeys(groupKey, [record.id]).catch(() => [undefined]);
      if (key) keys.push(key);
    }
  }
  return keys;
}

export interface AdmissionInput {
  /** The hub name the device connected to (its CONNECT user name's first part). */
  hub: string;
  deviceId: string;
  credentials: HubCredentials;
  /** Unix seconds. */
  now: number;
}

/** Whether the hub takes this device's connection: the device's state, then its credentials. */
export async function admitDevice(store: Store, input: AdmissionInput): Promise<HubAdmission> {
  const { hub, deviceId, credentials, now } = input;
  const record = store.devices.get(deviceId);
  const refusal = hubRefusal(record, deviceId);
  if (refusal || !record) return { ok: false, message: refusal ?? '' };
  if (credentials.kind === 'sas') {
    const keys = await deviceKeys(store, record);
    if (typeof keys === 'string') return { ok: false, message: keys };
    const result = await verifyHubSasToken(credentials.token, { hub, deviceId, keys, now });
    return result.ok ? { ok: true, record } : { ok: false, message: result.message };
  }
  try {
    const attested = await attestCertificate(store, {
      leaf: credentials.leaf,
      chain: credentials.chain,
      registrationId: deviceId,
      now,
      verifyFollowUp: async () => undefined,
    });
    if (attested.enrollment.kind === 'group' && !attested.enrollment.isEnabled)
      return { ok: false, message: `Enrollment group "${attested.enrollment.groupName}" is disabled, so it refuses its devices.` };
    return { ok: true, record };
  } catch (error) {
    if (error instanceof DpsError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A message body as the hub keeps it: text when it is UTF-8, else base64; cut at the limit. */
export function toTelemetryMessage(at: string, body: Uint8Array, properties: Record<string, string>): TelemetryMessage {
  const kept = body.subarray(0, TELEMETRY_BODY_LIMIT);
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(kept);
  } catch {
    // A cut may split a character: keep what decodes, unless the body is not text at all.
    const decoded = new TextDecoder('utf-8').decode(kept);
    text = body.length > TELEMETRY_BODY_LIMIT && !decoded.slice(0, -1).includes('\uFFFD') ? decoded.slice(0, -1) : undefined;
  }
  return {
    at,
    size: body.length,
    body: text ?? btoa(String.fromCharCode(...kept)),
    encoding: text === undefined ? 'base64' : 'utf-8',
    isTruncated: body.length > TELEMETRY_BODY_LIMIT,
    properties,
  };
}

/** GET /api/extensions/devices/{id}/activity. */
export function toDeviceActivity(store: Store, record: DeviceRecord): DeviceActivity {
  const lastActivity = lastActivityOf(record);
  return {
    connected: store.presence.has(record.id),
    ...(lastActivity ? { lastActivity } : {}),
    ...record.activity,
  };
}
