// The console server, as a value: the store on SQLite, the handlers, the live-updates hub and the HTTP
// server around them. main.ts starts one from the command line; the tests start one per suite.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { RequestHandler } from 'msw';
import { turnScheduling } from '../src/lib/page-turns';
import { keyDerivation } from '../src/lib/sas-keys';
import { createHandlerSets } from '../src/mocks/handlers';
import { Store } from '../src/mocks/store/store';
import { prepareDeviceEndpoints, type DeviceEndpointOptions, type RunningDeviceEndpoints } from './devices/device-endpoints';
import { loadLocalCa, type LocalCa } from './devices/local-ca';
import { EventHub } from './events';
import { createRequestListener } from './http-adapter';
import { SqliteDeviceRows } from './store-sqlite';
import { listen, localUrl } from './listen';

export interface ConsoleServerOptions {
  /** The SQLite file (created with its folder when missing); ':memory:' for a throwaway store. */
  dataFile: string;
  port: number;
  host?: string;
  /** The production build to serve; undefined serves the API only. */
  distDir?: string;
  /** Start from the seed, whatever the file holds. */
  reset?: boolean;
  /** Start from the seed with this many devices (benchmarks, big demos); implies reset. */
  seedDevices?: number;
  /** DPS over HTTPS and MQTT, and the IoT hub, for real devices; undefined runs without them. */
  devices?: Omit<DeviceEndpointOptions, 'bindHost'>;
  /** Where the server says what devices did (refusals, disconnects); silent by default. */
  log?: (line: string) => void;
}

export interface ConsoleServer {
  url: string;
  store: Store<SqliteDeviceRows>;
  server: Server;
  /** The device endpoints, when started with `devices`. */
  devices: RunningDeviceEndpoints | undefined;
  /** The local CA devices trust, when started with `devices`. */
  ca: LocalCa | undefined;
  close(): Promise<void>;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  // Here a batch of an import runs in one go, and so commits as one transaction.
  turnScheduling.givesTurns = false;
  // Device keys for exports: node:crypto's HMAC, synchronous, in deriveDeviceKeys' rule.
  keyDerivation.hmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();
  if (options.dataFile !== ':memory:') mkdirSync(dirname(options.dataFile), { recursive: true });
  const rows = new SqliteDeviceRows(options.dataFile);
  const store = new Store(rows);
  // A new database starts from the seed; commit it so that it is there after a restart.
  if (options.seedDevices !== undefined) store.reset({ deviceCount: options.seedDevices });
  else if (options.reset || rows.committedMeta() === undefined) store.reset();
  const events = new EventHub();
  store.subscribe((commit) => events.publish(commit));
  const bindHost = options.host ?? '127.0.0.1';
  // The CA lives next to the data, so devices keep trusting it across restarts.
  const ca =
    options.devices &&
    (await loadLocalCa(options.dataFile === ':memory:' ? undefined : join(dirname(options.dataFile), 'tls'), [
      options.devices.host,
      ...(bindHost === '0.0.0.0' || bindHost === '127.0.0.1' ? [hostname()] : [bindHost]),
    ]));
  const deviceSide = ca && options.devices && prepareDeviceEndpoints({ ...options.devices, bindHost }, ca);
  let devices: RunningDeviceEndpoints | undefined;
  const handlerSets = createHandlerSets(store, {
    dps: { trustsTlsPeer: true, ...(deviceSide ? { assignedHub: deviceSide.assignedHub } : {}) },
    ...(deviceSide
      ? {
          deviceEndpoints: () => (devices as RunningDeviceEndpoints).describe(),
          dpsRelay: (request) => (devices as RunningDeviceEndpoints).relayDps(request),
        }
      : {}),
  });
  const handlers = handlerSets.all as RequestHandler[];
  if (deviceSide) devices = await deviceSide.start(store, handlerSets.dps, options.log ?? (() => undefined));
  const server = createServer(createRequestListener({ handlers, events, distDir: options.distDir }));
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, options.port, bindHost);
  return {
    url: localUrl(options.host, port),
    store,
    server,
    devices,
    ca,
    close: async () => {
      await devices?.close();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rows.close();
    },
  };
}
