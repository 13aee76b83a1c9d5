// Section "devices": real devices against the console server, measured from a Node client.
//   - SAS registrations per second with 200 concurrent Azure IoT Node SDK clients, over HTTPS and over
//     MQTT (the server runs with --dps-retry-after 0, so the rate is the server's, not DPS's pacing);
//   - telemetry messages per second the hub accepts (PUBACK, QoS 1) from 1,000 connected devices
//     (mqtt.js clients, each with SAS tokens signed by its derived key, 4 messages in flight each);
//   - the time one registration takes over MQTT when it is alone (40 in turn).
//   Each registration's CPU time, the server's (from /proc) and the bench clients' (process.cpuUsage), shows
//   which side bounds the rate.
// --quick: 400 registrations per transport, 200 devices for 5 s.
// Needs `npm run build` (dist-server/). Results: bench-results/devices.json.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, type AgentOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { get, pool } from '../lib/api.ts';
import { isQuick, RESULTS } from '../lib/options.ts';
import { startConsoleServer } from '../lib/servers.ts';
import { log, percentile } from '../lib/stats.ts';

const require = createRequire(import.meta.url);
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const { Http: ProvisioningHttp } = require('azure-iot-provisioning-device-http');
const { Mqtt: ProvisioningMqtt } = require('azure-iot-provisioning-device-mqtt');
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');
const { Http: HttpBase } = require('azure-iot-http-base');
const { MqttBase } = require('azure-iot-mqtt-base');
const mqtt = require('mqtt');

const REGISTRATIONS = isQuick ? 400 : 2000;
const CONCURRENT_REGISTRATIONS = 200;
const TELEMETRY_DEVICES = isQuick ? 200 : 1000;
const TELEMETRY_SECONDS = isQuick ? 5 : 15;
const IN_FLIGHT = 4;
const ONE_AT_A_TIME = isQuick ? 10 : 40;

const deviceKey = (groupKey: string, id: string) =>
  createHmac('sha256', Buffer.from(groupKey, 'base64')).update(id).digest('base64');

interface Endpoints {
  idScope: string;
  dps: { https: string; mqtts: string };
  hub: { mqtts: string };
  assignedHub: string;
  caCertificate: string;
}

/** A process's CPU time so far in ms (user + system), from /proc; undefined where there is no /proc. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (10 ms).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface RegistrationRun {
  /** How many registrations, and how many at a time. */
  count: number;
  concurrent: number;
  /** Device IDs are `bench-{kind}{idSuffix}-{i}`. */
  idSuffix?: string;
}

async function registrations(
  kind: 'https' | 'mqtt',
  endpoints: Endpoints,
  groupKey: string,
  serverPid: number | undefined,
  run: RegistrationRun = { count: REGISTRATIONS, concurrent: CONCURRENT_REGISTRATIONS },
) {
  const ca = endpoints.caCertificate;
  const port = Number(endpoints.dps.https.split(':')[1]);
  const agent = new Agent({
    defaultPort: port,
    ca,
    keepAlive: true,
    maxSockets: run.concurrent,
  } as AgentOptions);
  // The SDK clients share one TLS context, built once from the CA, as each device builds its own once,
  // not per connection: left to the SDK, the bench spends half a millisecond of its own CPU per
  // registration on it (createSecureContext), and its clients share the two cores with the server. The
  // handshake on the wire is the same (a full handshake each time: no session is reused). For the same
  // reason they dial the address, not "localhost", which the bench would resolve for every connection.
  const secureContext = createSecureContext({ ca });
  const sharedTlsMqtt = {
    connect: (uri: string, options: object) => mqtt.connect(uri, { ...options, secureContext }),
  };
  const mqttHost = `127.0.0.1:${endpoints.dps.mqtts.split(':')[1]}`;
  const started = performance.now();
  const serverCpu = cpuMsOf(serverPid);
  const benchCpu = process.cpuUsage();
  const result = await pool(run.count, run.concurrent, async (i) => {
    const id = `bench-${kind}${run.idSuffix ?? ''}-${i}`;
    let transport;
    let host: string;
    if (kind === 'https') {
      const base = new HttpBase();
      base.setOptions({ ca, http: { agent } });
      transport = new ProvisioningHttp(base);
      host = endpoints.dps.https.split(':')[0] as string;
    } else {
      const base = new MqttBase(sharedTlsMqtt);
      base.setOptions({ ca });
      transport = new ProvisioningMqtt(base);
      host = mqttHost;
    }
    const client = ProvisioningDeviceClient.create(
      host,
      endpoints.idScope,
      transport,
      new SymmetricKeySecurityClient(id, deviceKey(groupKey, id)),
    );
    const outcome = await client.register();
    if (outcome.status !== 'assigned') throw new Error(`${id}: ${outcome.status}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMs = serverCpu === undefined ? undefined : (cpuMsOf(serverPid) ?? serverCpu) - serverCpu;
  const { user, system } = process.cpuUsage(benchCpu);
  agent.destroy();
  const perRegistration = (ms: number) => Math.round((ms / Math.max(1, result.times.length)) * 100) / 100;
  return {
    transport: kind,
    registrations: result.times.length,
    failures: result.failures.length,
    firstFailure: result.failures[0],
    perSecond: Math.round(result.times.length / seconds),
    p50Ms: Math.round(percentile(result.times, 50)),
    p95Ms: Math.round(percentile(result.times, 95)),
    // What one registration cost each side (each is one Node thread): the rate's bound on this machine.
    ...(serverCpuMs === undefined ? {} : { serverCpuMsEach: perRegistration(serverCpuMs) }),
    benchCpuMsEach: perRegistration((user + system) / 1000),
  };
}

async function telemetry(endpoints: Endpoints, groupKey: string) {
  const ca = endpoints.caCertificate;
  const [host, port] = endpoints.hub.mqtts.split(':');
  const hub = endpoints.assignedHub;
  const expiry = Math.floor(Date.now() / 1000) + 3600;
  const clients: { id: string; client: { end: (force: boolean) => void } }[] = [];
  // The devices registered over MQTT above are provisioned: they connect with their derived keys.
  await pool(TELEMETRY_DEVICES, 100, async (i) => {
    const id = `bench-mqtt-${i}`;
    const sr = encodeURIComponent(`${hub}/devices/${id}`);
    const sig = createHmac('sha256', Buffer.from(deviceKey(groupKey, id), 'base64'))
      .update(`${sr}\n${expiry}`)
      .digest('base64');
    const client = mqtt.connect(`mqtts://${host}:${port}`, {
      clientId: id,
      username: `${hub}/${id}/?api-version=2021-04-12`,
      password: `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiry}`,
      ca,
      reconnectPeriod: 0,
      protocolVersion: 4,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error(`${id}: the connection closed before CONNACK`)));
    });
    clients.push({ id, client });
  });
  if (clients.length < TELEMETRY_DEVICES)
    throw new Error(`Only ${clients.length} of ${TELEMETRY_DEVICES} devices connected.`);
  let acked = 0;
  let running = true;
  const started = performance.now();
  await Promise.all(
    clients.map(({ id, client }) =>
      Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          const topic = `devices/${id}/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8`;
          while (running) {
            await new Promise<void>((resolve, reject) =>
              (
                client as unknown as {
                  publish: (t: string, p: string, o: object, cb: (e?: Error) => void) => void;
                }
              ).publish(
                topic,
                JSON.stringify({ temperature: 20 + Math.random() * 5, at: Date.now() }),
                { qos: 1 },
                (error) => (error ? reject(error) : resolve()),
              ),
            );
            acked += 1;
            if (performance.now() - started > TELEMETRY_SECONDS * 1000) running = false;
          }
        }),
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const { client } of clients) client.end(true);
  return {
    devices: clients.length,
    seconds: Math.round(seconds * 10) / 10,
    messages: acked,
    perSecond: Math.round(acked / seconds),
  };
}

export async function devices(): Promise<void> {
  const server = await startConsoleServer({
    name: 'devices',
    hasDeviceEndpoints: true,
    args: ['--dps-port', '0', '--mqtt-port', '0', '--dps-retry-after', '0'],
  });
  // What the server says about devices (a refusal, a disconnect) shows in the bench's output.
  server.child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (/\] (Hub|DPS|MQTT):/.test(line)) log(`  server: ${line}`);
  });
  const { url } = server;
  try {
    const endpoints = await get<Endpoints>(url, '/extensions/endpoints');
    const group = await get<{ attestation: { symmetricKey: { primaryKey: string } } }>(
      url,
      '/enrollmentGroups/SAS-IoT-Devices',
    );
    const groupKey = group.attestation.symmetricKey.primaryKey;
    log(
      `Console server ${url}; ${REGISTRATIONS} registrations per transport, ${CONCURRENT_REGISTRATIONS} at a time; load ${loadavg()[0]?.toFixed(1)}`,
    );
    const https = await registrations('https', endpoints, groupKey, server.child.pid);
    log(`DPS over HTTPS: ${describe(https)}`);
    const overMqtt = await registrations('mqtt', endpoints, groupKey, server.child.pid);
    log(`DPS over MQTT:  ${describe(overMqtt)}`);
    // What a device developer waits for: one registration alone, from CONNECT to "assigned".
    const alone = await registrations('mqtt', endpoints, groupKey, server.child.pid, {
      count: ONE_AT_A_TIME,
      concurrent: 1,
      idSuffix: '-alone',
    });
    log(`DPS over MQTT, one at a time: p50 ${alone.p50Ms} ms, p95 ${alone.p95Ms} ms (${alone.registrations} registrations, ${alone.failures} failed)`);
    const hub = await telemetry(endpoints, groupKey);
    log(
      `IoT hub: ${hub.perSecond} telemetry messages/s accepted from ${hub.devices} connected devices (${hub.messages} in ${hub.seconds} s)`,
    );
    const results = {
      at: new Date().toISOString(),
      loadAverage: loadavg()[0],
      registrations: [https, overMqtt],
      mqttOneAtATime: { registrations: alone.registrations, failures: alone.failures, p50Ms: alone.p50Ms, p95Ms: alone.p95Ms },
      telemetry: hub,
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'devices.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

type Registrations = Awaited<ReturnType<typeof registrations>>;
const describe = (r: Registrations) =>
  `${r.perSecond} registrations/s (p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms; ${r.failures} failed${r.firstFailure ? `: ${r.firstFailure}` : ''}); CPU each: ${r.serverCpuMsEach === undefined ? '' : `server ${r.serverCpuMsEach} ms, `}bench clients ${r.benchCpuMsEach} ms`;
