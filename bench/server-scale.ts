// `npm run bench:server`: the console server at scale, measured from a Node client over HTTP.
//   1,000,000 devices (seeded once into bench-results/server-1m.sqlite and reused), then
//   - list queries: first page, a status filter, a sort by name, searches, page 5,000 (median and p95 of 30);
//   - import 100,000 rows end to end (batches of 5,000, as the page sends them);
//   - export those 100,000 with both derived SAS keys (by ID, 5,000 per request);
//   - 20 clients making etag-guarded PATCHes on 30 overlapping devices for 30 s: lost updates, 412s, p95.
// Needs `npm run build` (dist-server/). Results: bench-results/server.json. Runs on Node 22 (type stripping).
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startServerProcess } from '../server/server-process.ts';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench-results');
/** Seeded once and kept as it is; each run works on a copy. */
const SEEDED = join(RESULTS, 'server-1m.seed.sqlite');
const DATA = join(RESULTS, 'server-1m.sqlite');
const DEVICES = 1_000_000;
const AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';
const quick = process.argv.includes('--quick');

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

// The device endpoints are not measured here (npm run bench:devices is), and would hold ports 8443 and 8883.
const startServer = (args: string[]) => startServerProcess(join(ROOT, 'dist-server/main.js'), ['--no-devices', ...args]);

function hasSearchIndex(file: string): boolean {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return database.prepare("SELECT 1 AS found FROM sqlite_master WHERE name = 'device_search'").get() !== undefined;
  } finally {
    database.close();
  }
}

async function api<T>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; ms: number }> {
  const started = performance.now();
  const target = path.startsWith('http')
    ? path
    : `${url}/api${path}${path.includes('?') ? '&' : '?'}api-version=2022-07-31`;
  const response = await fetch(target, {
    method,
    headers: { Authorization: AUTH, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    ms: performance.now() - started,
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

type Page = {
  value: { id: string; etag: string; displayName: string }[];
  nextLink?: string;
  '@odata.count'?: number;
};

async function timeQuery(url: string, paths: string[], runs = quick ? 10 : 30) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const answer = await api<Page>(url, 'GET', paths[i % paths.length] as string);
    if (answer.status !== 200)
      throw new Error(`${paths[i % paths.length]}: ${answer.status} ${JSON.stringify(answer.body)}`);
    times.push(answer.ms);
  }
  return {
    median: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    first: round(times[0] as number),
  };
}

const q = (filter: string) => encodeURIComponent(filter);

/** The grid's list queries, each timed 30 times (10 with --quick). */
async function measureQueries(url: string): Promise<Record<string, unknown>> {
  // Page 5,000 is reached as the grid reaches it: through nextLinks (the last row's key in the token).
  let link = `/devices?$top=100`;
  for (let offset = 0; offset < 124_900; offset += 100) {
    const page = await api<Page>(url, 'GET', link);
    link = page.body.nextLink as string;
  }
  const page5000 = link.replace('%24top=100', '%24top=25');
  const provisioned =
    'blocked eq false and approvalPending eq false and template ne null and provisioned eq true';
  const searches = [
    'lobby',
    'roof 12',
    'kitchen',
    'thermostat 77',
    'sensor 4',
    'machine 9',
    'lab',
    'dock 3',
    'office',
    'basement',
  ];
  return {
    firstPage: await timeQuery(url, ['/devices?$top=25&$count=true']),
    statusFilter: await timeQuery(url, [`/devices?$top=25&$count=true&$filter=${q(provisioned)}`]),
    sortByName: await timeQuery(url, [
      '/devices?$top=25&$count=true&$orderby=displayName',
      '/devices?$top=25&$count=true&$orderby=displayName%20desc',
    ]),
    search: await timeQuery(
      url,
      searches.map(
        (s) =>
          `/devices?$top=25&$count=true&$filter=${q(`contains(displayName, '${s}') or contains(id, '${s}')`)}`,
      ),
    ),
    page5000: await timeQuery(url, [page5000]),
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist-server/main.js')))
    throw new Error('No dist-server/main.js: run `npm run build` first.');
  mkdirSync(RESULTS, { recursive: true });
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    devices: DEVICES,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };

  if (!existsSync(SEEDED)) {
    log(`Seeding ${DEVICES.toLocaleString('en-US')} devices into ${SEEDED} (once; later runs copy it) ...`);
    const started = performance.now();
    const seeding = await startServer(['--data', SEEDED, '--seed-devices', String(DEVICES)]);
    results.seedSeconds = round((performance.now() - started) / 1000);
    await seeding.stop();
  }
  if (!hasSearchIndex(SEEDED)) {
    // A seed from before the search index: the server indexes it when it opens it, once.
    log(`Indexing ${SEEDED} for search (once) ...`);
    const started = performance.now();
    const indexing = await startServer(['--data', SEEDED]);
    results.searchIndexSeconds = round((performance.now() - started) / 1000);
    log(`Indexed in ${results.searchIndexSeconds} s.`);
    await indexing.stop();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(DATA + suffix, { force: true });
  copyFileSync(SEEDED, DATA);
  const server = await startServer(['--data', DATA]);
  const count = (await api<Page>(server.url, 'GET', '/devices?$count=true&$top=1')).body['@odata.count'] ?? 0;
  log(`Server at ${server.url} with ${count.toLocaleString('en-US')} devices.`);
  results.queries = await measureQueries(server.url);
  log(JSON.stringify(results.queries, null, 2));
  await server.stop();

  // The rest on a fresh application (the seed's 60 devices): IoT Central holds at most 200,000 devices, and
  // the demo refuses more, so 100,000 more do not fit beside the 1,000,000.
  const FRESH = join(RESULTS, 'server-fresh.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(FRESH + suffix, { force: true });
  const fresh = await startServer(['--data', FRESH, '--reset']);
  const url = fresh.url;

  // Import 100,000 rows, as the page sends them: batches of 5,000, one after another.
  const rows = quick ? 20_000 : 100_000;
  const stamp = Date.now().toString(36);
  const ids = Array.from({ length: rows }, (_, i) => `bench-${stamp}-${String(i).padStart(6, '0')}`);
  let started = performance.now();
  let created = 0;
  for (let i = 0; i < rows; i += 5000) {
    const batch = ids.slice(i, i + 5000).map((id) => ({ id, displayName: `Bench device ${id}` }));
    const answer = await api<{ created: string[] }>(url, 'POST', '/extensions/deviceImports', {
      devices: batch,
      existing: 'skip',
      operationId: `bench-${stamp}-${i}`,
    });
    if (answer.status !== 200) throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body.created.length !== batch.length)
      throw new Error(`import: ${JSON.stringify(answer.body).slice(0, 300)}`);
    created += answer.body.created.length;
  }
  results.import = { rows, created, seconds: round((performance.now() - started) / 1000) };
  log(`Import: ${JSON.stringify(results.import)}`);

  started = performance.now();
  let exported = 0;
  let withKeys = 0;
  for (let i = 0; i < rows; i += 5000) {
    const answer = await api<{ value: { symmetricKey?: { primaryKey: string; secondaryKey: string } }[] }>(
      url,
      'POST',
      '/extensions/deviceExports',
      {
        ids: ids.slice(i, i + 5000),
      },
    );
    exported += answer.body.value.length;
    withKeys += answer.body.value.filter(
      (r) => r.symmetricKey?.primaryKey && r.symmetricKey.secondaryKey,
    ).length;
  }
  results.export = {
    rows: exported,
    withBothKeys: withKeys,
    seconds: round((performance.now() - started) / 1000),
  };
  log(`Export: ${JSON.stringify(results.export)}`);

  // 20 writers, etag-guarded, on overlapping devices: every 200 must be in its device's etag chain.
  const targets = ids.slice(0, 30);
  const durationMs = quick ? 5_000 : 30_000;
  const until = performance.now() + durationMs;
  type Write = { id: string; before: string; after: string; name: string };
  const writes: Write[] = [];
  const latencies: number[] = [];
  let conflicts = 0;
  let others = 0;
  await Promise.all(
    Array.from({ length: 20 }, async (_, w) => {
      for (let n = 0; performance.now() < until; n++) {
        const id = targets[(w * 7 + n) % targets.length] as string;
        const current = await api<{ etag: string }>(url, 'GET', `/devices/${id}`);
        const name = `writer ${w} write ${n}`;
        const answer = await api<{ etag: string }>(url, 'PATCH', `/devices/${id}`, {
          displayName: name,
          etag: current.body.etag,
        });
        latencies.push(answer.ms);
        if (answer.status === 200)
          writes.push({ id, before: current.body.etag, after: answer.body.etag, name });
        else if (answer.status === 412) conflicts += 1;
        else others += 1;
      }
    }),
  );
  let lost = 0;
  for (const id of targets) {
    const mine = writes.filter((x) => x.id === id);
    const final = await api<{ etag: string; displayName: string }>(url, 'GET', `/devices/${id}`);
    const byBefore = new Map(mine.map((x) => [x.before, x]));
    let chain = 0;
    for (let x = mine.find((a) => !mine.some((b) => b.after === a.before)); x; x = byBefore.get(x.after))
      chain += 1;
    lost += mine.length - chain;
    const last = mine.find((x) => x.after === final.body.etag);
    if (mine.length > 0 && last?.name !== final.body.displayName) lost += 1;
  }
  results.concurrentPatches = {
    clients: 20,
    seconds: durationMs / 1000,
    ok: writes.length,
    conflicts412: conflicts,
    otherAnswers: others,
    lostUpdates: lost,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
  };
  log(`Concurrent PATCHes: ${JSON.stringify(results.concurrentPatches)}`);

  await fresh.stop();
  results.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
  log(`Load average: ${String(results.loadAverageAtStart)} at the start, ${String(results.loadAverageAtEnd)} at the end.`);
  writeFileSync(join(RESULTS, 'server.json'), JSON.stringify(results, null, 2));
  log(`Saved bench-results/server.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
