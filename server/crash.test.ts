// kill -9 in the middle of an import: after a restart every acknowledged batch is there, no batch is there
// in part, the import's report counts exactly what is there, and importing the same file again finishes it
// with nothing counted twice. The server runs as its
// own process (the bundle `npm start` runs), so the kill is a real one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceOperationRecord } from '../src/api/extensions';
import { startServerProcess, type ServerProcess } from './server-process';
import { call, tempDataFile } from './testing';

const ROWS = 20_000;
const BATCH = 1000;
const ROOT = join(import.meta.dirname, '..');

let data: ReturnType<typeof tempDataFile>;
let bundle: string;
let server: ServerProcess | undefined;

beforeAll(() => {
  data = tempDataFile();
  // Inside the project, so that the bundle finds its packages (msw) in node_modules.
  const outDir = join(ROOT, 'node_modules/.cache/crash-test-server');
  const build = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '-c', 'vite.server.config.ts', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  bundle = join(outDir, 'main.js');
  const dist = join(dirname(data.file), 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Device console</title>');
});

afterAll(() => {
  void server?.kill();
  data.dispose();
});

/** Starts the bundled server on a free port; resolves with its URL once it listens. */
async function startProcess(extra: string[] = []): Promise<string> {
  server = await startServerProcess(bundle, ['--no-devices', '--data', data.file, '--dist', join(dirname(data.file), 'dist'), ...extra]);
  return server.url;
}

function killProcess(): Promise<void> {
  return server?.kill() ?? Promise.resolve();
}

const batch = (n: number) => Array.from({ length: BATCH }, (_, i) => ({ id: `crash-${String(n * BATCH + i).padStart(5, '0')}`, displayName: `Crash test ${n * BATCH + i}` }));

async function count(url: string): Promise<number> {
  const { body } = await call<{ '@odata.count': number }>(url, 'GET', '/devices?$count=true&$top=1');
  return body['@odata.count'];
}

describe('a server killed mid-import', () => {
  it('keeps every acknowledged batch, no half batch, and the same import finishes it without double counting', async () => {
    let url = await startProcess(['--reset']);
    const before = await count(url);
    const startReport = (id: string) =>
      call(url, 'PUT', `/extensions/deviceOperations/${id}`, { body: { kind: 'import', title: 'Import of crash.csv', total: ROWS } });
    expect((await startReport('first')).status).toBe(201);
    let acknowledged = 0;
    for (let n = 0; n < 6; n++) {
      const answer = await call<{ created: string[] }>(url, 'POST', '/extensions/deviceImports', {
        body: { devices: batch(n), existing: 'skip', operationId: 'first', batch: n },
      });
      expect(answer.status).toBe(200);
      acknowledged += answer.body.created.length;
    }
    // The seventh batch is on its way when the process dies.
    const inFlight = call(url, 'POST', '/extensions/deviceImports', {
      body: { devices: batch(6), existing: 'skip', operationId: 'first', batch: 6 },
    }).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    await killProcess();
    await inFlight;

    url = await startProcess();
    const after = await count(url);
    // The lost answer's batch is there whole or not at all; nothing acknowledged is missing.
    expect([before + acknowledged, before + acknowledged + BATCH]).toContain(after);
    // The report was committed with each batch: it counts exactly the devices that are there.
    const reports = async () =>
      (await call<{ value: DeviceOperationRecord[] }>(url, 'GET', '/extensions/deviceOperations')).body.value;
    expect((await reports()).find((op) => op.id === 'first')).toMatchObject({
      processed: after - before,
      created: after - before,
      total: ROWS,
    });

    let created = 0;
    let skipped = 0;
    await startReport('again');
    for (let n = 0; n < ROWS / BATCH; n++) {
      const answer = await call<{ created: string[]; skipped: string[]; failed: unknown[] }>(url, 'POST', '/extensions/deviceImports', {
        body: { devices: batch(n), existing: 'skip', operationId: 'again', batch: n },
      });
      expect(answer.body.failed).toEqual([]);
      created += answer.body.created.length;
      skipped += answer.body.skipped.length;
    }
    expect(created + skipped).toBe(ROWS);
    expect(skipped).toBe(after - before);
    expect(await count(url)).toBe(before + ROWS);
    expect((await reports()).find((op) => op.id === 'again')).toMatchObject({ processed: ROWS, created, skipped });
    await killProcess();
  });
});
