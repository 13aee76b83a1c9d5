// Section "server": the console server at scale, measured from a Node client over HTTP.
//   1,000,000 devices (a seeded database made once, bench-results/server-1m.seed.sqlite; each run works on
//   a copy), then
//   - list queries: first page, a status filter, a sort by name, searches, page 5,000 (median and p95 of 30);
//   - import 100,000 rows end to end (batches of 5,000, as the page sends them);
//   - export those 100,000 with both derived SAS keys (by ID, 5,000 per request);
//   - 20 clients making etag-guarded PATCHES on 30 overlapping devices for 30 s: lost updates, 412s, p95.
// --quick: 20,000 devices, 10 runs a query, 20,000 rows, 5 s of writers.
// Needs `npm run build` (dist-server/). Results: bench-results/server.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../lib/api.ts';
import { isQuick, RESULTS } from '../lib/options.ts';
import { startConsoleServer } from '../lib/servers.ts';
import { loadAverage, log, percentile, round } from '../lib/stats.ts';

const DEVICES = isQuick ? 20_000 : 1_000_000;
const QUERY_RUNS = isQuick ? 10 : 30;
const ROWS = isQuick ? 20_000 : 100_000;
const BATCH = 5000;
const WRITERS = 20;
const WRITE_MS = isQuick ? 5_000 : 30_000;

type DevicePage = {
  value: { id: string; etag: string; displayName: string }[];
  nextLink?: string;
  '@odata.count'?: number;
};

const ms = (value: number) => round(value, 1);

async function timeQuery(url: string, paths: string[]) {
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const path = paths[i % paths.length] as string;
    const answer = await api<DevicePage>(url, 'GET', path);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    times.push(answer.ms);
  }
  return { median: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), first: ms(times[0] as number) };
}

const q = (filter: string) => encodeURIComponent(filter);

/** The grid's list queries, each timed QUERY_RUNS times. */
async function measureQueries(url: string, devices: number): Promise<Record<string, unknown>> {
  // "Page 5,000" (rows 124,900 on, or the last page with fewer devices) is reached as the grid reaches it:
  // through nextLinks of 100 (the last row's key in the token), then 25 rows.
  const skip = Math.min(124_900, Math.floor((devices - 25) / 100) * 100);
  let link = `/devices?$top=100`;
  for (let offset = 0; offset < skip; offset += 100) {
    const page = await api<DevicePage>(url, 'GET', link);
    link = page.body.nextLink as string;
  }
  const deep = link.replace('%24top=100', '%24top=25');
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
    [skip === 124_900 ? 'page5000' : `page${skip / 25 + 1}`]: await timeQuery(url, [deep]),
  };
}

/** Starts a Device operation's report, as the page does before its first batch. */
async function startReport(url: string, id: string, kind: 'import' | 'export', total: number) {
  const answer = await api(url, 'PUT', `/extensions/deviceOperations/${id}`, { kind, title: `Bench ${kind}`, total });
  if (answer.status !== 201) throw new Error(`${kind} report: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Imports `ids` as the page does: its report, then batches of 5,000, one after another, each counted into it. */
async function importRows(url: string, ids: string[], stamp: string) {
  const started = performance.now();
  let created = 0;
  const operationId = `bench-import-${stamp}`;
  await startReport(url, operationId, 'import', ids.length);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH).map((id, n) => ({ id, displayName: `Bench device ${id}`, line: i + n + 2 }));
    const answer = await api<{ created: string[] }>(url, 'POST', '/extensions/deviceImports', {
      devices: batch,
      existing: 'skip',
      operationId,
      batch: i / BATCH,
    });
    if (answer.status !== 200) throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body.created.length !== batch.length)
      throw new Error(`import: ${JSON.stringify(answer.body).slice(0, 300)}`);
    created += answer.body.created.length;
  }
  return { rows: ids.length, created, seconds: round((performance.now() - started) / 1000, 1) };
}

/** Exports `ids` with both derived keys, as the page does: its report, then 5,000 per request. */
async function exportRows(url: string, ids: string[], stamp: string) {
  const started = performance.now();
  let exported = 0;
  let withKeys = 0;
  const operationId = `bench-export-${stamp}`;
  await startReport(url, operationId, 'export', ids.length);
  for (let i = 0; i < ids.length; i += BATCH) {
    const answer = await api<{ value: { symmetricKey?: { primaryKey: string; secondaryKey: string } }[] }>(
      url,
      'POST',
      '/extensions/deviceExports',
      { ids: ids.slice(i, i + BATCH), operationId, batch: i / BATCH },
    );
    exported += answer.body.value.length;
    withKeys += answer.body.value.filter(
      (r) => r.symmetricKey?.primaryKey && r.symmetricKey.secondaryKey,
    ).length;
  }
  return { rows: exported, withBothKeys: withKeys, seconds: round((performance.now() - started) / 1000, 1) };
}

/** WRITERS clients, etag-guarded, on overlapping devices: every 200 must be in its device's etag chain. */
async function concurrentPatches(url: string, targets: string[]) {
  const until = performance.now() + WRITE_MS;
  type Write = { id: string; before: string; after: string; name: string };
  const writes: Write[] = [];
  const latencies: number[] = [];
  let conflicts = 0;
  let others = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
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
  return {
    clients: WRITERS,
    seconds: WRITE_MS / 1000,
    ok: writes.length,
    conflicts412: conflicts,
    otherAnswers: others,
    lostUpdates: lost,
    p50: ms(percentile(latencies, 50)),
    p95: ms(percentile(latencies, 95)),
  };
}

export async function server(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    devices: DEVICES,
    loadAverageAtStart: loadAverage(),
  };
  const seeded = await startConsoleServer({ name: 'server-1m', devices: DEVICES });
  if (seeded.seeding?.seedSeconds !== undefined) results.seedSeconds = seeded.seeding.seedSeconds;
  if (seeded.seeding?.searchIndexSeconds !== undefined)
    results.searchIndexSeconds = seeded.seeding.searchIndexSeconds;
  try {
    log(`Server at ${seeded.url} with ${seeded.devices.toLocaleString('en-US')} devices.`);
    results.queries = await measureQueries(seeded.url, seeded.devices);
    log(JSON.stringify(results.queries, null, 2));
  } finally {
    await seeded.stop();
  }

  // The rest on a fresh application (the seed's 60 devices): IoT Central holds at most 200,000 devices, and
  // the demo refuses more, so 100,000 more do not fit beside the 1,000,000.
  const fresh = await startConsoleServer({ name: 'server-fresh' });
  try {
    const stamp = Date.now().toString(36);
    const ids = Array.from({ length: ROWS }, (_, i) => `bench-${stamp}-${String(i).padStart(6, '0')}`);
    results.import = await importRows(fresh.url, ids, stamp);
    log(`Import: ${JSON.stringify(results.import)}`);
    results.export = await exportRows(fresh.url, ids, stamp);
    log(`Export: ${JSON.stringify(results.export)}`);
    results.concurrentPatches = await concurrentPatches(fresh.url, ids.slice(0, 30));
    log(`Concurrent PATCHes: ${JSON.stringify(results.concurrentPatches)}`);
  } finally {
    await fresh.stop();
  }
  results.loadAverageAtEnd = loadAverage();
  log(
    `Load average: ${String(results.loadAverageAtStart)} at the start, ${String(results.loadAverageAtEnd)} at the end.`,
  );
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'server.json'), JSON.stringify(results, null, 2));
  log(`Saved bench-results/server.json`);
}
