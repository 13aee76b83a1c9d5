// The IoT hub over MQTT, as the device SDKs speak it (azure-iot-device-mqtt, the C SDK's
// iothubtransport_mqtt_common.c): CONNECT with client id = device ID, user name
// `{hub}/{deviceId}/?api-version=…` and a SAS token signed with the device key as password, or the
// certificate of the TLS handshake; telemetry is PUBLISHed to `devices/{deviceId}/messages/events/{props}`.
// Who may connect is the hub's rule (src/mocks/hub/hub-rules.ts). The hub records connects, disconnects
// and the last message per device, written together every ACTIVITY_FLUSH_MS in one transaction.
import type { Client } from 'aedes';
import type { TelemetryMessage } from '../../src/api/extensions';
import { admitDevice, hubRefusal, toTelemetryMessage, type HubCredentials } from '../../src/mocks/hub/hub-rules';
import { DpsError } from '../../src/mocks/dps/http';
import { parseTlsPeerChain } from '../../src/mocks/dps/x509-attestation';
import type { Store } from '../../src/mocks/store/store';
import type { DeviceActivityRecord } from '../../src/mocks/store/types';

export interface HubSession {
  kind: 'hub';
  hub: string;
  deviceId: string;
}

/** `{hub}/{deviceId}/?api-version=…` (a module identity, `{hub}/{deviceId}/{moduleId}/?…`, is not supported). */
const USER_NAME = /^([^/]+)\/([^/]+)\/\?(.*)$/;

export function parseHubUserName(userName: string): HubSession | undefined {
  const match = USER_NAME.exec(userName);
  if (!match) return undefined;
  return { kind: 'hub', hub: match[1] ?? '', deviceId: decodeURIComponent(match[2] ?? '') };
}

/** How often the recorded activity is written (and the pages told). */
export const ACTIVITY_FLUSH_MS = 500;

/** Topics a device may subscribe to: its cloud-to-device messages, its twin's and its methods' answers. */
export function allowedHubSubscription(session: HubSession, topic: string): boolean {
  return (
    topic === `devices/${session.deviceId}/messages/devicebound/#` ||
    topic === '$iothub/twin/res/#' ||
    topic === '$iothub/twin/PATCH/properties/desired/#' ||
    topic === '$iothub/methods/POST/#'
  );
}

export class DeviceHub {
  /** The connection of each connected device: a new connection with the same ID replaces the old. */
  private readonly clients = new Map<string, Client>();
  private readonly pending = new Map<string, DeviceActivityRecord>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    /** The hub names a device may connect to (the assigned hub, and IoT Central's own name for it). */
    private readonly hubNames: () => readonly string[],
    private readonly log: (line: string) => void,
  ) {
    // An operator's Block or Delete disconnects the device at once; so does a reset of the demo data.
    this.unsubscribe = store.subscribe((commit) => {
      const ids = commit.isAll ? [...this.clients.keys()] : [...commit.written, ...commit.removed];
      for (const id of ids) {
        const client = this.clients.get(id);
        if (!client) continue;
        const refusal = hubRefusal(store.devices.get(id), id);
        if (refusal) {
          this.log(`Hub: disconnected "${id}": ${refusal}`);
          client.close();
        }
      }
    });
  }

  /** Whether the hub takes this connection; the reason is logged (MQTT 3.1.1's CONNACK has no room for one). */
  async admit(client: Client, session: HubSession, password: string | undefined, tlsPeerChain: string | undefined): Promise<boolean> {
    const refuse = (message: string) => {
      this.log(`Hub: refused "${session.deviceId.slice(0, 128)}": ${message}`);
      return false;
    };
    if (client.id !== session.deviceId)
      return refuse(`the client ID "${client.id.slice(0, 128)}" must be the device ID of the user name.`);
    const names = this.hubNames();
    if (!names.some((name) => name.toLowerCase() === session.hub.toLowerCase()))
      return refuse(`the user name names hub "${session.hub.slice(0, 128)}"; connect to ${names[0]} (the assignedHub DPS returned).`);
    let credentials: HubCredentials;
    if (password) credentials = { kind: 'sas', token: password };
    else if (tlsPeerChain) {
      const peer = await parseTlsPeerChain(tlsPeerChain).catch((error: unknown) => {
        if (error instanceof DpsError) return undefined;
        throw error;
      });
      if (!peer) return refuse('the TLS client certificate could not be read.');
      credentials = { kind: 'x509', ...peer };
    } else return refuse('no credentials: send a SAS token as the password, or a client certificate in the TLS handshake.');
    const admission = await admitDevice(this.store, {
      hub: session.hub,
      deviceId: session.deviceId,
      credentials,
      now: Math.floor(this.store.now().getTime() / 1000),
    });
    if (!admission.ok) return refuse(admission.message);
    return true;
  }

  /** The device's CONNACK went out: it is connected. */
  connected(client: Client, session: HubSession): void {
    const previous = this.clients.get(session.deviceId);
    this.clients.set(session.deviceId, client);
    if (previous && previous !== client) previous.close();
    this.store.presence.add(session.deviceId);
    this.record(session.deviceId, { lastConnectedAt: this.store.now().toISOString() });
  }

  disconnected(client: Client, session: HubSession): void {
    if (this.clients.get(session.deviceId) !== client) return;
    this.clients.delete(session.deviceId);
    this.store.presence.delete(session.deviceId);
    this.record(session.deviceId, { lastDisconnectedAt: this.store.now().toISOString() });
  }

  /** A device-to-cloud message; false when the topic is not one this device may publish to. */
  telemetry(session: HubSession, topic: string, payload: Uint8Array): boolean {
    const prefix = `devices/${session.deviceId}/messages/events/`;
    if (!topic.startsWith(prefix)) return false;
    const properties: Record<string, string> = {};
    try {
      for (const [key, value] of new URLSearchParams(topic.slice(prefix.length))) properties[key] = value;
    } catch {
      // Properties that do not decode are left out; the message is kept.
    }
    const message: TelemetryMessage = toTelemetryMessage(this.store.now().toISOString(), payload, properties);
    this.record(session.deviceId, { lastTelemetryAt: message.at, lastMessage: message });
    return true;
  }

  isConnected(deviceId: string): boolean {
    return this.clients.has(deviceId);
  }

  private record(deviceId: string, change: DeviceActivityRecord): void {
    this.pending.set(deviceId, { ...this.pending.get(deviceId), ...change });
    this.flushTimer ??= setTimeout(() => this.flush(), ACTIVITY_FLUSH_MS);
  }

  /** Writes the recorded activity in one transaction; a failed write is kept for the next try. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const changes = [...this.pending];
    this.pending.clear();
    const records = [];
    for (const [id, change] of changes) {
      const record = this.store.devices.get(id);
      if (!record) continue;
      record.activity = { ...record.activity, ...change };
      records.push(record);
    }
    try {
      this.store.changed(...records);
    } catch (error) {
      for (const [id, change] of changes) this.pending.set(id, { ...change, ...this.pending.get(id) });
      this.flushTimer ??= setTimeout(() => this.flush(), ACTIVITY_FLUSH_MS * 4);
      this.log(`Hub: could not record device activity (${(error as Error).message}); trying again.`);
    }
  }

  close(): void {
    this.flush();
    clearTimeout(this.flushTimer);
    this.unsubscribe();
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
