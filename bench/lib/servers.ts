// What the benchmarks measure runs in its own process: the console server (dist-server/) on a work
// database, or a build served as static files (scripts/serve.mjs).
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../../server/server-process.ts';
import { api } from './api.ts';
import { RESULTS, ROOT } from './options.ts';
import { RESET_MAX_DEVICES, seed, seededDatabase, serverBundle, type SeededDatabase } from './seed.ts';

export interface ConsoleServerOptions {
  /** The work database: bench-results/<name>.sqlite, made anew, removed when the server stops. */
  name: string;
  /** The seed's devices (the seed's own count when absent); above the reset extension's limit, a copy of a seeded database. */
  devices?: number;
  /** Or work on a copy of this database, as it is. */
  copyOf?: string;
  /** The device endpoints (DPS, hub); without them, --no-devices. */
  hasDeviceEndpoints?: boolean;
  /** More of the server's flags. */
  args?: string[];
}

export interface ConsoleServer extends ServerProcess {
  /** How many devices it holds. */
  devices: number;
  /** Set when a seeded database was made or indexed for it. */
  seeding?: SeededDatabase;
}

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

/** The console server on a work database seeded as asked; stop() stops it and removes that database. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const data = join(RESULTS, `${options.name}.sqlite`);
  const seeding =
    options.devices !== undefined && options.devices > RESET_MAX_DEVICES
      ? await seededDatabase(options.devices)
      : undefined;
  const copyOf = options.copyOf ?? seeding?.file;
  removeDatabase(data);
  if (copyOf) copyFileSync(copyOf, data);
  const server = await startServerProcess(serverBundle(), [
    ...(options.hasDeviceEndpoints ? [] : ['--no-devices']),
    '--data',
    data,
    ...(options.args ?? []),
  ]);
  if (!copyOf) await seed(server.url, options.devices);
  const count = await api<{ '@odata.count': number }>(server.url, 'GET', '/devices?$top=1&$count=true');
  return {
    ...server,
    devices: count.body['@odata.count'],
    ...(seeding ? { seeding } : {}),
    stop: async () => {
      await server.stop();
      removeDatabase(data);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** `dir` served as static files at a free port. */
export async function serveStatic(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts/serve.mjs'), '--port', String(port), '--dir', dir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`The static server for ${dir} did not start.`);
}
