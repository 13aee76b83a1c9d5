// `npm start`: the console server. Serves the production build and hosts the demo backend at /api on a
// SQLite file, shared by every tab and operator. Flags (or environment variables):
//   --port N        PORT              default 4173
//   --host NAME     HOST              default 127.0.0.1 (0.0.0.0 to reach it from other machines)
//   --data FILE     IOTC_DEMO_DATA    default ./.data/demo.sqlite
//   --reset                           start from the seed, whatever the file holds
//   --seed-devices N                  start from the seed with N devices (up to 2,000,000; benchmarks)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

// node:sqlite says once that it is experimental; that one warning is known and says nothing to a user.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning instanceof Error ? warning.message : warning).startsWith('SQLite is an experimental feature')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
// Loaded after the filter is in place: the store imports node:sqlite.
const { startConsoleServer } = await import('./app');
const { DPS_PATH } = await import('./http-adapter');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    dist: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'seed-devices': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [--port 4173] [--host 127.0.0.1] [--data .data/demo.sqlite] [--reset]`);
  process.exit(0);
}

const port = Number(values.port ?? process.env.PORT ?? 4173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number from 0 to 65535, not "${values.port ?? process.env.PORT}".`);
  process.exit(2);
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
  });
  console.log(`Device console is running at ${server.url}/`);
  console.log(`  Data:     ${dataFile} (${server.store.devices.size.toLocaleString('en-US')} devices; --reset or Reset demo data returns to the seed)`);
  console.log(`  API:      ${server.url}/api (IoT Central's REST API, 2022-07-31, with the demo's extensions)`);
  console.log(`  DPS:      ${server.url}${DPS_PATH} (device registration API over HTTP; ID scope ${server.store.settings.idScope})`);
  console.log(`  Events:   ${server.url}/api/extensions/events (server-sent events of every change)`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') console.error(`Port ${port} is in use. Choose another with --port N (or PORT=N).`);
  else console.error('The console server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
