// Seeding, one way for every section: the demo's reset extension (`POST /api/extensions/reset`, the seed
// with N devices) for what the API takes, and a seeded database file, made once, for more.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../../server/server-process.ts';
import { API_VERSION, AUTH } from './api.ts';
import { RESULTS, ROOT } from './options.ts';
import { log, round } from './stats.ts';

/** The most devices the reset extension seeds (the demo's, and IoT Central's, application limit). */
export const RESET_MAX_DEVICES = 200_000;

/**
 * Resets the demo data to the seed, with `devices` devices when given. `via` sends the request: a page (the
 * in-page demo answers its own page only) or a console server's URL (from Node).
 */
export async function seed(via: Page | string, devices?: number): Promise<void> {
  const path = `/api/extensions/reset?api-version=${API_VERSION}${devices === undefined ? '' : `&devices=${devices}`}`;
  const status =
    typeof via === 'string'
      ? (await fetch(`${via}${path}`, { method: 'POST', headers: { Authorization: AUTH } })).status
      : await via.evaluate(
          async ({ url, auth }) =>
            (await fetch(url, { method: 'POST', headers: { Authorization: auth } })).status,
          { url: path, auth: AUTH },
        );
  if (status !== 204) throw new Error(`reset failed: ${status}`);
}

/** The console server's bundle (`npm run build`). */
export function serverBundle(): string {
  const bundle = join(ROOT, 'dist-server/main.js');
  if (!existsSync(bundle)) throw new Error('No dist-server/main.js: run `npm run build` first.');
  return bundle;
}

/** The console server without its device endpoints (they would hold ports 8443 and 8883), on `args`. */
export const startWithoutDevices = (args: string[]): Promise<ServerProcess> =>
  startServerProcess(serverBundle(), ['--no-devices', ...args]);

export interface SeededDatabase {
  file: string;
  /** Set when this run made the seed, or indexed an old one. */
  seedSeconds?: number;
  searchIndexSeconds?: number;
}

/**
 * A database with the seed's `devices` devices, more than the reset extension takes: made once with the
 * server's `--seed-devices` (1,000,000 devices: about 100 s), kept in bench-results/ and never written to
 * (work on a copy).
 */
export async function seededDatabase(devices: number): Promise<SeededDatabase> {
  const label = devices % 1_000_000 === 0 ? `${devices / 1_000_000}m` : String(devices);
  const file = join(RESULTS, `server-${label}.seed.sqlite`);
  const made: SeededDatabase = { file };
  mkdirSync(RESULTS, { recursive: true });
  if (!existsSync(file)) {
    log(`Seeding ${devices.toLocaleString('en-US')} devices into ${file} (once; later runs copy it) ...`);
    const started = performance.now();
    await (await startWithoutDevices(['--data', file, '--seed-devices', String(devices)])).stop();
    made.seedSeconds = round((performance.now() - started) / 1000, 1);
  }
  if (!(await isUpToDate(file))) {
    // A seed from before the search index or the last_activity column: the server adds them when it opens it, once.
    log(`Bringing ${file} up to date: search index, columns (once) ...`);
    const started = performance.now();
    await (await startWithoutDevices(['--data', file])).stop();
    made.searchIndexSeconds = round((performance.now() - started) / 1000, 1);
    log(`Indexed in ${made.searchIndexSeconds} s.`);
  }
  return made;
}

/** Whether the seed has the search index and the last_activity column, which the server adds to older files. */
async function isUpToDate(file: string): Promise<boolean> {
  // Loaded here: node:sqlite warns that it is experimental, which only the sections that open a file should print.
  const { DatabaseSync } = await import('node:sqlite');
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const hasIndex = database.prepare("SELECT 1 AS found FROM sqlite_master WHERE name = 'device_search'").get() !== undefined;
    const columns = database.prepare('PRAGMA table_info(devices)').all() as { name: string }[];
    return hasIndex && columns.some((column) => column.name === 'last_activity');
  } finally {
    database.close();
  }
}
