// The console server, as a value: the store on SQLite, the handlers, the live-updates hub and the HTTP
// server around them. main.ts starts one from the command line; the tests start one per suite.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { RequestHandler } from 'msw';
import { turnScheduling } from '../src/lib/page-turns';
import { keyDerivation } from '../src/lib/sas-keys';
import { createHandlers } from '../src/mocks/handlers';
import { Store } from '../src/mocks/store/store';
import { EventHub } from './events';
import { createRequestListener } from './http-adapter';
import { SqliteDeviceRows } from './store-sqlite';

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
}

export interface ConsoleServer {
  url: string;
  store: Store<SqliteDeviceRows>;
  server: Server;
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
  const handlers = createHandlers(store) as RequestHandler[];
  const server = createServer(createRequestListener({ handlers, events, distDir: options.distDir }));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    store,
    server,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rows.close();
    },
  };
}
