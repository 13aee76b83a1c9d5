// `npm start`: the console server. Serves the production build and hosts the demo backend at /api on a
// SQLite file, shared by every tab and operator. Flags (or environment variables):
//   --port N        PORT              default 4173
//   --host NAME     HOST              default 127.0.0.1 (0.0.0.0 to reach it from other machines)
//   --data FILE     IOTC_DEMO_DATA    default ./.data/demo.sqlite
//   --reset                           start from the seed, whatever the file holds
//   --seed-devices N                  start from the seed with N devices (up to 2,000,000; benchmarks)
// The device endpoints (DPS over HTTPS and MQTT, the IoT hub over MQTT; see docs/devices.md):
//   --device-host NAME IOTC_DEVICE_HOST  default localhost: the name devices dial (certificate, assignedHub)
//   --dps-port N       IOTC_DPS_PORT     default 8443: DPS over HTTPS
//   --mqtt-port N      IOTC_MQTT_PORT    default 8883: DPS and the hub over MQTT (the C and Python SDKs need 8883)
//   --dps-retry-after S IOTC_DPS_RETRY_AFTER default 3: DPS's Retry-After on a registration (0 for benchmarks)
//   --no-devices                       run without the device endpoints
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { quietSqliteWarning } from './quiet-sqlite';

quietSqliteWarning();
// Loaded after the filter is in place: the store imports node:sqlite.
const { startConsoleServer } = await import('./app');
const { DPS_PATH } = await import('./http-adapter');
const { dpsControls } = await import('../src/mocks/dps/registrations');
const { PortInUseError } = await import('./devices/device-endpoints');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    dist: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'seed-devices': { type: 'string' },
    'device-host': { type: 'string' },
    'dps-port': { type: 'string' },
    'mqtt-port': { type: 'string' },
    'dps-retry-after': { type: 'string' },
    'no-devices': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm start -- [--port 4173] [--host 127.0.0.1] [--data .data/demo.sqlite] [--reset]\n' +
      '                    [--device-host localhost] [--dps-port 8443] [--mqtt-port 8883] [--dps-retry-after 3] [--no-devices]',
  );
  process.exit(0);
}

function portOf(flag: string, value: string | undefined, fallback: number): number {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${flag} must be a port number from 0 to 65535, not "${value}".`);
    process.exit(2);
  }
  return port;
}
const port = portOf('--port', values.port ?? process.env.PORT, 4173);
const dpsPort = portOf('--dps-port', values['dps-port'] ?? process.env.IOTC_DPS_PORT, 8443);
const mqttPort = portOf('--mqtt-port', values['mqtt-port'] ?? process.env.IOTC_MQTT_PORT, 8883);
const deviceHost = values['device-host'] ?? process.env.IOTC_DEVICE_HOST ?? 'localhost';
if (!/^[A-Za-z0-9.-]{1,253}$|^[0-9a-fA-F:]+$/.test(deviceHost)) {
  console.error(`--device-host must be a host name or IP address, not "${deviceHost}".`);
  process.exit(2);
}
const retryAfterText = values['dps-retry-after'] ?? process.env.IOTC_DPS_RETRY_AFTER;
if (retryAfterText !== undefined) {
  const seconds = Number(retryAfterText);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 60) {
    console.error(`--dps-retry-after must be a whole number of seconds from 0 to 60, not "${retryAfterText}".`);
    process.exit(2);
  }
  dpsControls.retryAfterSeconds = seconds;
  if (seconds === 0) dpsControls.assignmentDelayMs = 0;
}
const dataFile = resolve(values.data ?? process.env.IOTC_DEMO_DATA ?? '.data/demo.sqlite');
// The build next to this bundle (dist-server/main.js → dist/), or --dist.
const distDir = resolve(values.dist ?? new URL('../dist', import.meta.url).pathname);
if (!existsSync(resolve(distDir, 'index.html'))) {
  console.error(`No build in ${distDir}. Run \`npm start\`, which builds first.`);
  process.exit(1);
}

const seedDevices = values['seed-devices'] === undefined ? undefined : Number(values['seed-devices']);
if (seedDevices !== undefined && !(Number.isInteger(seedDevices) && seedDevices >= 0 && seedDevices <= 2_000_000)) {
  console.error(`--seed-devices must be a whole number from 0 to 2000000, not "${values['seed-devices']}".`);
  process.exit(2);
}

try {
  const server = await startConsoleServer({
    ...(seedDevices !== undefined ? { seedDevices } : {}),
    dataFile,
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    distDir,
    reset: values.reset,
    ...(values['no-devices'] ? {} : { devices: { host: deviceHost, dpsPort, mqttPort } }),
    log: (line) => console.log(`[${new Date().toISOString()}] ${line}`),
  });
  console.log(`Device console is running at ${server.url}/`);
  console.log(`  Data:     ${dataFile} (${server.store.devices.size.toLocaleString('en-US')} devices; --reset or Reset demo data returns to the seed)`);
  console.log(`  API:      ${server.url}/api (IoT Central's REST API, 2022-07-31, with the demo's extensions)`);
  console.log(`  DPS:      ${server.url}${DPS_PATH} (device registration API over HTTP; ID scope ${server.store.settings.idScope})`);
  console.log(`  Events:   ${server.url}/api/extensions/events (server-sent events of every change)`);
  if (server.devices && server.ca) {
    const endpoints = server.devices.describe();
    console.log(`  Devices:  DPS over HTTPS   https://${endpoints.dps.https} (client certificates for X.509)`);
    console.log(`            DPS over MQTT    mqtts://${endpoints.dps.mqtts}`);
    console.log(`            IoT hub (MQTT)   mqtts://${endpoints.hub.mqtts} (assignedHub ${endpoints.assignedHub})`);
    console.log(`            Trust this CA:   ${server.ca.caPath ?? '(in memory)'}`);
  }
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (error instanceof PortInUseError) console.error(error.message);
  else if (code === 'EADDRINUSE') console.error(`Port ${port} is in use. Choose another with --port N (or PORT=N).`);
  else console.error('The console server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
