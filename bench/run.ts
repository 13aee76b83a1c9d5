// `npm run bench`: measures the production build in headless Chromium with 100,000 devices in the demo
// backend, does the same work with the bare libraries (the floor, bench/floor), and prints ours / floor.
// Writes bench-results/latest.json. See the README, "Performance".
//
//   npm run build:static && npm run bench   (the in-page demo build, dist-static/; built first when it is missing)
//   npm run bench -- --runs 7               repetitions of each interactive measurement (median reported)
//   npm run bench -- --only grid,export     some sections: bundle, load, grid, export, approve, import
//   npm run bench -- --dist other-dist      measure another build of the app
//   npm run bench -- --strict               exit 1 when a target is missed
//   npm run bench -- --server bench-results/server-1m.seed.sqlite --only grid
//                                           the grid through the console server (dist/ + dist-server/, `npm run
//                                           build`) on a copy of that database (1,000,000 devices: bench:server seeds it)
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Request, type Response } from '@playwright/test';
import { ensureBrowser, launchOptions } from '../scripts/browser.mjs';
import { startServerProcess } from '../server/server-process.ts';

// The import section loads a TypeScript fixture (src/testing/fixtures/csv/generate-large.ts), which needs
// Node 22's type stripping: npm scripts run the project's Node 22 (the `node` devDependency).
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `The benchmark needs Node 22 or later (this is ${process.version}): run it through npm, npm run bench -- [options].`,
  );
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------
// Types: what the page's instrumentation exposes, and what a run records

interface Measurement {
  start: number;
  domAt: number;
  frameAt: number;
  rows: string[];
}

interface PageBench {
  longTasks: [number, number][];
  firstRowsAt: number | undefined;
  firstRowsFrameAt: number | undefined;
  pending?: Promise<Measurement>;
  arm?: (kind: 'rows' | 'selector', selector?: string, text?: string) => void;
  longTasksBetween?: (start: number, end: number) => number[];
}

/** The floor page's hooks (bench/floor/main.tsx). */
interface FloorHooks {
  rowsMs(): number;
  exportCsv(): Promise<{ ms: number; longTasks: number[] }>;
  result: { ms: number } | undefined;
}

declare global {
  interface Window {
    __bench: Required<PageBench>;
    floor: FloorHooks;
  }
}

interface Summary {
  median: number;
  runs: number[];
}
interface Pair {
  ours?: Summary;
  floor?: Summary;
}
interface RouteJs {
  chunks: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}
interface Files {
  files: string[];
  gzip: number;
}
type WithLongest = Summary & { longestTask: number };

interface Results {
  date: string;
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  devices: number;
  runs: number;
  browser?: string;
  server?: { seed: string; devices: number };
  bundle: { initial?: RouteJs; floor?: RouteJs; appBeforeFirstRows?: Files; demoBeforeFirstRows?: Files };
  firstRows: Pair;
  heap: { ours?: number; floor?: number };
  interactions: Record<string, Pair>;
  importCheck: {
    ours?: WithLongest;
    parse?: Summary | undefined;
    dryRun?: Summary | undefined;
    floor?: Summary;
  };
  importCreate: { ours?: WithLongest };
  export: { ours?: WithLongest; floor?: WithLongest };
  approve: {
    ours?: {
      ms: number;
      requests: { total: number; byMethod: Record<string, number> };
      longestTask: number;
      summary: string | null;
    };
  };
  table?: unknown[];
  errors?: string[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FLOOR_DIST = join(ROOT, 'bench-results/floor-dist');
const DEVICES = 100_000;
const AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';
const VIEWPORT = { width: 1280, height: 800 };
const TARGETS = { ratio: 2, firstRowsMs: 1000, interactionMs: 100, longTaskMs: 200, initialJsKb: 300 };

const args = process.argv.slice(2);
function option(name: string): string | undefined;
function option(name: string, fallback: string): string;
function option(name: string, fallback?: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
const RUNS = Number(option('runs', '5'));
const HEAVY_RUNS = Number(option('heavy-runs', '1'));
// The console server's database to measure the page against (a copy of it); without it, the in-page demo.
const serverOption = option('server');
const SERVER_SEED = serverOption ? resolve(ROOT, serverOption) : undefined;
// The in-page demo build: the page with its backend, as this benchmark has always measured it. With
// --server, the page of the server build (dist/), served by the console server.
const DIST = resolve(ROOT, option('dist', SERVER_SEED ? 'dist' : 'dist-static'));
const OUT = resolve(
  ROOT,
  option('out', SERVER_SEED ? 'bench-results/grid-server.json' : 'bench-results/latest.json'),
);
const SECTIONS = new Set((option('only', 'bundle,load,grid,export,approve,import') ?? '').split(','));
const isVerbose = args.includes('--verbose');

const log = (...parts: unknown[]) => console.log(...parts);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] as number;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
};
const round = <T extends number | undefined>(n: T, digits = 0): T =>
  (n === undefined ? n : Number(n.toFixed(digits))) as T;

// ---------------------------------------------------------------------------------------------------
// Build and serve

function run(command: string, commandArgs: string[]) {
  execFileSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
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

async function serve(dir: string) {
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

/**
 * The console server (dist-server/, serving dist/) on a copy of `seed`: the page talks to it over HTTP, as
 * a user's page does. Only the sections that leave the data as it is make sense here (load, grid).
 */
async function serveConsole(seed: string, results: Results) {
  if (!existsSync(join(ROOT, 'dist-server/main.js')))
    throw new Error('No dist-server/main.js: run `npm run build` first.');
  const data = join(ROOT, 'bench-results/grid-server.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(data + suffix, { force: true });
  copyFileSync(seed, data);
  const server = await startServerProcess(join(ROOT, 'dist-server/main.js'), [
    '--no-devices',
    '--data',
    data,
    '--dist',
    DIST,
  ]);
  const answer = await fetch(`${server.url}/api/devices?api-version=2022-07-31&$top=1&$count=true`, {
    headers: { Authorization: AUTH },
  });
  const devices = ((await answer.json()) as { '@odata.count': number })['@odata.count'];
  const server_ = { seed: seed.replace(`${ROOT}/`, ''), devices };
  results.server = server_;
  log(
    `The console server at ${server.url} with ${devices.toLocaleString('en-US')} devices (a copy of ${server_.seed}).`,
  );
  return {
    url: server.url,
    stop: () => {
      void server.stop().then(() => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(data + suffix, { force: true });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Bundle: the JS of the initial route, as dist/index.html loads it (entry + modulepreloads)

function initialRouteJs(dist: string): RouteJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+\.js)"/g))
    files.add(match[1] as string);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    files.add(match[1] as string);
  const chunks = [...files].map((file) => {
    const code = readFileSync(join(dist, file.replace(/^\//, '')));
    return { file, bytes: code.length, gzip: gzipSync(code).length };
  });
  return {
    chunks,
    bytes: chunks.reduce((n, c) => n + c.bytes, 0),
    gzip: chunks.reduce((n, c) => n + c.gzip, 0),
  };
}

function gzipOf(dist: string, urlPath: string): number {
  const file = join(dist, urlPath.replace(/^\//, ''));
  return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
}

/**
 * The demo backend's JS: the chunk holding src/mocks/browser.ts (main.tsx imports it dynamically in
 * demo builds) and what it imports statically, minus what the app's entry imports anyway. A build for a
 * real application has none of it.
 */
function demoBackendFiles(dist: string): Set<string> {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const staticImports = new Map(
    files.map((f) => {
      const code = readFileSync(join(assets, f), 'utf8');
      const imports = [
        ...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g),
      ].map((m) => m[1] as string);
      return [f, imports] as const;
    }),
  );
  const closure = (start: string) => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const g of staticImports.get(f) ?? []) visit(g);
    };
    visit(start);
    return seen;
  };
  const demoEntry = files.find((f) => {
    const map = join(assets, `${f}.map`);
    return (
      existsSync(map) &&
      (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.some((s) =>
        s.endsWith('src/mocks/browser.ts'),
      )
    );
  });
  if (!demoEntry) return new Set();
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  const app = entry ? closure(entry) : new Set();
  return new Set([...closure(demoEntry)].filter((f) => !app.has(f)).map((f) => `/assets/${f}`));
}

// ---------------------------------------------------------------------------------------------------
// In-page instrumentation, shared by the app and the floor page. Times are performance.now() in the
// page (0 = navigation start); an interaction runs from the user's pointerdown / keydown / change to the
// first frame after the grid shows different rows.

function instrument() {
  const bench: PageBench = {
    longTasks: [],
    firstRowsAt: undefined,
    firstRowsFrameAt: undefined,
  };
  window.__bench = bench as Required<PageBench>;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support
  }
  const ROW_CELLS = '[role="row"] [role="gridcell"][data-field="id"]';
  const afterFrame = (callback: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });
  const firstRows = new MutationObserver(() => {
    if (!document.querySelector(ROW_CELLS)) return;
    firstRows.disconnect();
    bench.firstRowsAt = performance.now();
    afterFrame((t) => (bench.firstRowsFrameAt = t));
  });
  firstRows.observe(document, { childList: true, subtree: true });
  const rowKey = () => [...document.querySelectorAll(ROW_CELLS)].map((cell) => cell.textContent).join('|');

  /** Waits for `done()` after the next user input; resolves with { start, domAt, frameAt }. */
  bench.arm = (kind, selector, text) => {
    const before = rowKey();
    let start: number | undefined;
    const events = ['pointerdown', 'keydown', 'change'];
    const onInput = (event: Event) => {
      if (start === undefined) start = event.timeStamp;
    };
    for (const type of events) addEventListener(type, onInput, true);
    const isDone = () => {
      if (kind === 'rows') {
        const key = rowKey();
        return key !== '' && key !== before;
      }
      const element = selector ? document.querySelector(selector) : null;
      return element !== null && (!text || (element.textContent ?? '').includes(text));
    };
    bench.pending = new Promise<Measurement>((resolvePending) => {
      const check = () => {
        if (start === undefined || !isDone()) return;
        observer.disconnect();
        for (const type of events) removeEventListener(type, onInput, true);
        const domAt = performance.now();
        const startedAt = start;
        afterFrame((frameAt) =>
          resolvePending({ start: startedAt, domAt, frameAt, rows: rowKey().split('|').slice(0, 3) }),
        );
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    });
  };
  // Tasks that start from just before the user's input (its own task) to the end: a task that began
  // well before is not the operation's.
  bench.longTasksBetween = (start, end) =>
    bench.longTasks.filter(([at]) => at >= start - 50 && at <= end).map(([, duration]) => duration);
}

async function arm(page: Page, kind: 'rows' | 'selector', selector?: string, text?: string) {
  await page.evaluate(([k, s, t]) => window.__bench.arm(k, s, t), [kind, selector, text] as const);
}

/** Resolves when the armed measurement completes (page.evaluate waits for the page's promise). */
function settled(page: Page): Promise<Measurement> {
  return page.evaluate(() => window.__bench.pending);
}

async function firstRows(page: Page, url: string): Promise<{ dom: number; frame: number }> {
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.firstRowsFrameAt !== undefined, null, {
    timeout: 60_000,
    polling: 50,
  });
  return page.evaluate(() => ({
    dom: window.__bench.firstRowsAt as number,
    frame: window.__bench.firstRowsFrameAt as number,
  }));
}

/** How long after navigation a page counts as settled (the demo backend restores and indexes by then). */
const SETTLE_MS = 4000;

/**
 * Waits until the page has settled: at least SETTLE_MS after navigation, then five idle periods in a
 * row with nothing else to run.
 */
async function quiet(page: Page) {
  await page.evaluate(
    (settleMs) =>
      new Promise<void>((resolveQuiet) => {
        const start = performance.now();
        let idle = 0;
        const check = (deadline: IdleDeadline) => {
          idle = deadline.timeRemaining() >= 45 ? idle + 1 : 0;
          if ((idle >= 5 && performance.now() >= settleMs) || performance.now() - start > 20_000)
            resolveQuiet();
          else setTimeout(() => requestIdleCallback(check), 20);
        };
        requestIdleCallback(check);
      }),
    SETTLE_MS,
  );
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m: { name: string; value: number }) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return used / 1024 / 1024;
}

// ---------------------------------------------------------------------------------------------------
// The grid interactions, the same for the app and the floor page (same labels, same controls)

interface Interaction {
  label: string;
  prepare(page: Page): Promise<void>;
  act(page: Page): Promise<void>;
}

const INTERACTIONS: Record<'filter' | 'sort' | 'page' | 'search', Interaction> = {
  filter: {
    label: 'Filter (Device status: Waiting for approval)',
    async prepare(page) {
      await page.getByRole('combobox', { name: 'Device status' }).click();
      await page.getByRole('option', { name: 'Waiting for approval' }).waitFor();
    },
    act: (page) => page.getByRole('option', { name: 'Waiting for approval' }).click(),
  },
  sort: {
    label: 'Sort (Device ID)',
    prepare: async () => {},
    act: (page) =>
      page.getByRole('columnheader', { name: 'Device ID' }).getByText('Device ID', { exact: true }).click(),
  },
  page: {
    label: 'Page change (next page)',
    prepare: async () => {},
    act: (page) => page.getByRole('button', { name: 'Go to next page' }).click(),
  },
  search: {
    label: 'Search ("lab thermostat")',
    prepare: (page) => page.getByRole('searchbox', { name: 'Search devices' }).fill('lab thermostat'),
    act: (page) => page.getByRole('searchbox', { name: 'Search devices' }).press('Enter'),
  },
};

/** One measurement of an interaction, from a freshly loaded page; milliseconds to the new rows. */
type InteractionName = keyof typeof INTERACTIONS;

async function interactOnce(page: Page, url: string, name: InteractionName): Promise<number> {
  const interaction = INTERACTIONS[name];
  await firstRows(page, url);
  await quiet(page);
  await interaction.prepare(page);
  await arm(page, 'rows');
  await interaction.act(page);
  const result = await settled(page);
  if (isVerbose)
    log(
      `    ${name}: rows in the DOM after ${(result.domAt - result.start).toFixed(0)} ms, drawn after ${(result.frameAt - result.start).toFixed(0)} ms`,
    );
  if (isVerbose)
    log(
      `    ${name}: ${(result.frameAt - result.start).toFixed(0)} ms; first rows now ${result.rows.join(', ')}`,
    );
  return result.frameAt - result.start;
}

const summary = (times: number[]): Summary => ({
  median: median(times),
  runs: times.map((t) => round(t, 1)),
});

// ---------------------------------------------------------------------------------------------------
// The app

async function reseed(page: Page, devices: number) {
  await page.evaluate(
    async ({ count, auth }) => {
      const response = await fetch(`/api/extensions/reset?api-version=2022-07-31&devices=${count}`, {
        method: 'POST',
        headers: { Authorization: auth },
      });
      if (response.status !== 204) throw new Error(`reset failed: ${response.status}`);
    },
    { count: devices, auth: AUTH },
  );
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  // Each distinct message once, shortened: a build may log the same thing on every load.
  const seen = new Set<string>();
  const report = (kind: string, text: string) => {
    const line = text.length > 160 ? `${text.slice(0, 160)}…` : text;
    if (seen.has(line)) return;
    seen.add(line);
    log(`  ${kind}: ${line}`);
  };
  page.on('pageerror', (error) => report('page error', error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') report('console error', message.text());
  });
  return { context, page };
}

async function selectAllMatching(page: Page, count: number) {
  await page.getByRole('checkbox', { name: 'Select all rows' }).check();
  await page
    .getByRole('button', { name: `Select all ${count.toLocaleString('en-US')} devices matching this view` })
    .click();
  await page
    .getByText(`All ${count.toLocaleString('en-US')} devices matching this view are selected.`)
    .waitFor();
}

/** Runs one section when asked for; a failure is recorded and the run goes on. */
async function section(name: string, results: Results, run: () => Promise<void>) {
  if (!SECTIONS.has(name)) return;
  try {
    await run();
  } catch (error) {
    log(`  ${name} failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    (results.errors ??= []).push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
  savePartial(results);
}

/** Writes what is measured so far, so that a long run that fails part-way still leaves its figures. */
function savePartial(results: Results) {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ ...results, isPartial: true }, null, 2)}\n`);
}

/** The latest User Timing measure of that name in the page (the import/export marks), in ms. */
function userTiming(page: Page, name: string): Promise<number | undefined> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').at(-1)?.duration, name);
}

async function longTasks(page: Page, result: Measurement): Promise<number[]> {
  return page.evaluate(([s, e]) => window.__bench.longTasksBetween(s, e), [
    result.start,
    result.frameAt,
  ] as const);
}

async function floorExportOnce(floor: Page, floorUrl: string) {
  await firstRows(floor, floorUrl);
  await quiet(floor);
  return floor.evaluate(() => window.floor.exportCsv());
}

async function floorParseOnce(floor: Page, floorUrl: string): Promise<{ ms: number }> {
  await firstRows(floor, floorUrl);
  await quiet(floor);
  await floor.evaluate(() => (window.floor.result = undefined));
  await floor.getByLabel('CSV file').setInputFiles(await largeCsv());
  await floor.waitForFunction(() => window.floor.result !== undefined, null, { timeout: 120_000 });
  return floor.evaluate(() => window.floor.result as { ms: number });
}

/**
 * Ours and the floor, interleaved run by run, so that whatever else the machine is doing weighs on
 * both alike.
 */
async function benchBoth(browser: Browser, appUrl: string, floorBaseUrl: string, results: Results) {
  const { page } = await newPage(browser);
  const { page: floor } = await newPage(browser);
  const devicesUrl = `${appUrl}/devices`;
  const floorUrl = `${floorBaseUrl}/?devices=${DEVICES}`;
  await firstRows(page, devicesUrl);
  if (!SERVER_SEED) {
    log(`  seeding ${DEVICES.toLocaleString('en-US')} devices ...`);
    const seedStart = Date.now();
    await reseed(page, DEVICES);
    log(`  seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  }

  await section('load', results, async () => {
    const scripts: string[] = [];
    const onResponse = (response: Response) => {
      const url = new URL(response.url());
      if (url.origin === appUrl && url.pathname.endsWith('.js')) scripts.push(url.pathname);
    };
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i === 0) page.on('response', onResponse);
      ours.push((await firstRows(page, devicesUrl)).frame);
      if (i === 0) page.off('response', onResponse);
      await quiet(page);
      const { frame } = await firstRows(floor, floorUrl);
      // The floor's rows are in memory: generating them is not the floor's work.
      bare.push(frame - (await floor.evaluate(() => window.floor.rowsMs())));
      await quiet(floor);
    }
    results.firstRows = { ours: summary(ours), floor: summary(bare) };
    const demo = demoBackendFiles(DIST);
    const files = (list: string[]): Files => ({
      files: list,
      gzip: list.reduce((n, path) => n + gzipOf(DIST, path), 0),
    });
    results.bundle.appBeforeFirstRows = files(scripts.filter((path) => !demo.has(path)));
    results.bundle.demoBeforeFirstRows = files(scripts.filter((path) => demo.has(path)));
    const heap = { ours: await heapMb(page), floor: await heapMb(floor) };
    results.heap = heap;
    log(
      `  first rows: ours ${ours.map((t) => t.toFixed(0)).join(', ')} ms; floor ${bare.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
    log(`  heap after load: ours ${heap.ours.toFixed(1)} MB, floor ${heap.floor.toFixed(1)} MB`);
  });

  await section('grid', results, async () => {
    for (const name of Object.keys(INTERACTIONS) as InteractionName[]) {
      const ours: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        ours.push(await interactOnce(page, devicesUrl, name));
        bare.push(await interactOnce(floor, floorUrl, name));
      }
      results.interactions[name] = { ours: summary(ours), floor: summary(bare) };
      log(
        `  ${name}: ours ${ours.map((t) => t.toFixed(0)).join(', ')} ms; floor ${bare.map((t) => t.toFixed(0)).join(', ')} ms`,
      );
    }
  });

  await section('export', results, async () => {
    const ours: number[] = [];
    const bare: number[] = [];
    let longest = 0;
    let floorLongest = 0;
    for (let i = 0; i < Math.max(HEAVY_RUNS, 3); i++) {
      await firstRows(page, devicesUrl);
      await quiet(page);
      await selectAllMatching(page, DEVICES);
      await page
        .getByRole('toolbar', { name: 'Device actions' })
        .getByRole('button', { name: 'Export' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Export devices' });
      await dialog.waitFor();
      await arm(page, 'selector', '[role="dialog"] a[download]', 'Download file');
      const download = page.waitForEvent('download', { timeout: 600_000 });
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      const result = await settled(page);
      const file = await (await download).path();
      const size = file ? readFileSync(file).length : 0;
      const tasks = await longTasks(page, result);
      ours.push(result.frameAt - result.start);
      longest = Math.max(longest, ...tasks);
      log(
        `  export: ${(result.frameAt - result.start).toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} MB file, ${tasks.length} long tasks (longest ${Math.max(0, ...tasks).toFixed(0)} ms)`,
      );
      const floorResult = await floorExportOnce(floor, floorUrl);
      bare.push(floorResult.ms);
      floorLongest = Math.max(floorLongest, ...floorResult.longTasks);
    }
    results.export = {
      ours: { ...summary(ours), longestTask: longest },
      floor: { ...summary(bare), longestTask: floorLongest },
    };
    log(
      `  export floor (HMAC + unparse): ${bare.map((t) => t.toFixed(0)).join(', ')} ms, longest task ${floorLongest} ms`,
    );
  });

  await section('approve', results, async () => {
    await reseed(page, DEVICES);
    const waiting = DEVICES / 10;
    await firstRows(page, `${devicesUrl}?status=waitingForApproval`);
    await quiet(page);
    await selectAllMatching(page, waiting);
    const requests = { total: 0, byMethod: {} as Record<string, number> };
    const onRequest = (request: Request) => {
      if (!new URL(request.url()).pathname.startsWith('/api/')) return;
      requests.total += 1;
      requests.byMethod[request.method()] = (requests.byMethod[request.method()] ?? 0) + 1;
    };
    page.on('request', onRequest);
    await arm(page, 'selector', '#bulk-title', 'Approve: finished');
    await page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'Approve' })
      .click();
    const result = await settled(page);
    page.off('request', onRequest);
    const summaryText = await page.getByRole('dialog').getByRole('alert').first().textContent();
    const tasks = await longTasks(page, result);
    results.approve = {
      ours: {
        ms: round(result.frameAt - result.start),
        requests,
        longestTask: Math.max(0, ...tasks),
        summary: summaryText,
      },
    };
    log(
      `  approve ${waiting}: ${(result.frameAt - result.start).toFixed(0)} ms, ${requests.total} requests ${JSON.stringify(requests.byMethod)}, longest task ${Math.max(0, ...tasks).toFixed(0)} ms; ${summaryText}`,
    );
  });

  await section('import', results, async () => {
    const csv = await largeCsv();
    const check: number[] = [];
    const parse: number[] = [];
    const dry: number[] = [];
    const create: number[] = [];
    const bare: number[] = [];
    let longestCheck = 0;
    let longestCreate = 0;
    for (let i = 0; i < HEAVY_RUNS; i++) {
      await reseed(page, DEVICES);
      await firstRows(page, devicesUrl);
      await quiet(page);
      await page
        .getByRole('toolbar', { name: 'Device actions' })
        .getByRole('button', { name: 'Import' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Import devices' });
      await dialog.waitFor();
      await arm(page, 'selector', '[role="group"][aria-label="Dry run summary"]');
      await dialog.getByLabel('Choose a file').setInputFiles(csv);
      const checked = await settled(page);
      const checkTasks = await longTasks(page, checked);
      const checkFile = await userTiming(page, 'iotc-import:check-file');
      const dryRun = await userTiming(page, 'iotc-import:dry-run');
      if (checkFile !== undefined) parse.push(checkFile);
      if (dryRun !== undefined) dry.push(dryRun);
      const newCount = await dialog
        .getByRole('group', { name: 'Dry run summary' })
        .getByRole('group', { name: 'New' })
        .textContent();
      bare.push((await floorParseOnce(floor, floorUrl)).ms);
      await quiet(page);
      await arm(page, 'selector', '[role="group"][aria-label="Import report"]');
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const created = await settled(page);
      const createTasks = await longTasks(page, created);
      const report = await dialog.getByRole('alert').first().textContent();
      check.push(checked.frameAt - checked.start);
      create.push(created.frameAt - created.start);
      longestCheck = Math.max(longestCheck, ...checkTasks);
      longestCreate = Math.max(longestCreate, ...createTasks);
      log(
        `  import check: ${(checked.frameAt - checked.start).toFixed(0)} ms (parse + validate ${checkFile?.toFixed(0)} ms, dry run ${dryRun?.toFixed(0)} ms; ${newCount}; longest task ${Math.max(0, ...checkTasks).toFixed(0)} ms)`,
      );
      log(
        `  import create: ${(created.frameAt - created.start).toFixed(0)} ms (${report}; longest task ${Math.max(0, ...createTasks).toFixed(0)} ms)`,
      );
    }
    while (bare.length < 3) bare.push((await floorParseOnce(floor, floorUrl)).ms);
    log(`  import floor (papaparse): ${bare.map((t) => t.toFixed(0)).join(', ')} ms`);
    results.importCheck = {
      ours: { ...summary(check), longestTask: longestCheck },
      parse: parse.length > 0 ? summary(parse) : undefined,
      dryRun: dry.length > 0 ? summary(dry) : undefined,
      floor: summary(bare),
    };
    results.importCreate = { ours: { ...summary(create), longestTask: longestCreate } };
  });
}

let csvPath: string | undefined;
/**
 * The import file, written to bench-results/ once: the page gets it by path, as from a file picker
 * (a buffer would be copied into the page by Playwright, a long task that is not the app's).
 */
async function largeCsv(): Promise<string> {
  if (!csvPath) {
    const { generateLargeCsv } = (await import(
      pathToFileURL(join(ROOT, 'src/testing/fixtures/csv/generate-large.ts')).href
    )) as { generateLargeCsv: (devices: number) => string };
    const path = join(ROOT, 'bench-results', 'devices-100k.csv');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateLargeCsv(DEVICES), 'utf8');
    csvPath = path;
  }
  return csvPath;
}

// ---------------------------------------------------------------------------------------------------
// Report

interface Target {
  text: string;
  ok: (value: number) => boolean;
}

interface Row {
  operation: string;
  ours: number | undefined;
  floor: number | undefined;
  unit: string;
  ratio: number | undefined;
  target: string;
  pass: boolean | undefined;
  note: string;
}

function row(
  operation: string,
  ours: number | undefined,
  floor: number | undefined,
  unit: string,
  targets: Target[],
  note = '',
): Row {
  const ratio = ours !== undefined && floor !== undefined && floor > 0 ? ours / floor : undefined;
  const checks: boolean[] = [];
  if (ratio !== undefined) checks.push(ratio <= TARGETS.ratio);
  for (const target of targets) if (ours !== undefined) checks.push(target.ok(ours));
  const pass = ours === undefined ? undefined : checks.every(Boolean);
  const targetText = [
    ratio !== undefined || floor !== undefined ? `ratio ≤ ${TARGETS.ratio}` : '',
    ...targets.map((t) => t.text),
  ]
    .filter(Boolean)
    .join(', ');
  return { operation, ours, floor, unit, ratio, target: targetText || '—', pass, note };
}

const fmt = (value: number | undefined, unit: string) => {
  if (value === undefined) return '—';
  if (unit === 'ms') return `${value >= 1000 ? value.toFixed(0) : value.toFixed(value < 10 ? 1 : 0)} ms`;
  if (unit === 'KB') return `${value.toFixed(1)} KB`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return String(value);
};

function table(results: Results): Row[] {
  const atMost = (limit: number, unit: string): Target => ({
    text: `≤ ${limit} ${unit}`,
    ok: (v) => v <= limit,
  });
  const rows: Row[] = [];
  const app = results.bundle.appBeforeFirstRows;
  if (app) {
    rows.push(
      row(
        `Initial route JS, gzipped (${app.files.length} files before first rows)`,
        app.gzip / 1024,
        undefined,
        'KB',
        [atMost(TARGETS.initialJsKb, 'KB')],
      ),
    );
  }
  const initial = results.bundle.initial;
  if (initial && app) {
    rows.push(
      row(
        '  of which entry + modulepreload (dist/index.html)',
        initial.gzip / 1024,
        undefined,
        'KB',
        [],
        'information',
      ),
    );
  } else if (initial) {
    // Without the browser (--only bundle): what dist/index.html loads, against the target.
    rows.push(
      row('Initial route JS, gzipped (entry + modulepreload)', initial.gzip / 1024, undefined, 'KB', [
        atMost(TARGETS.initialJsKb, 'KB'),
      ]),
    );
  }
  const floorJs = results.bundle.floor;
  if (floorJs) {
    rows.push(
      row(
        '  the floor page: a bare DataGrid, React and MUI only',
        floorJs.gzip / 1024,
        undefined,
        'KB',
        [],
        'information',
      ),
    );
  }
  const demo = results.bundle.demoBeforeFirstRows;
  if (demo) {
    rows.push(
      row(
        `  demo backend JS (MSW + store; not in a real app's build)`,
        demo.gzip / 1024,
        undefined,
        'KB',
        [],
        'information',
      ),
    );
  }
  if (results.firstRows.ours) {
    rows.push(
      row(
        'First rows after navigation',
        results.firstRows.ours.median,
        results.firstRows.floor?.median,
        'ms',
        [atMost(TARGETS.firstRowsMs, 'ms')],
      ),
    );
  }
  for (const [name, interaction] of Object.entries(results.interactions)) {
    if (!interaction.ours) continue;
    rows.push(
      row(
        INTERACTIONS[name as InteractionName].label,
        interaction.ours.median,
        interaction.floor?.median,
        'ms',
        [atMost(TARGETS.interactionMs, 'ms')],
      ),
    );
  }
  if (results.importCheck.ours) {
    const { ours, parse, dryRun, floor } = results.importCheck;
    if (parse) {
      rows.push(
        row('Import 100,000-row CSV: parse + validate (worker)', parse.median, floor?.median, 'ms', []),
      );
      if (dryRun)
        rows.push(row('Import: dry run (which IDs exist)', dryRun.median, undefined, 'ms', [], 'no floor'));
      rows.push(row('Import: file chosen → review shown', ours.median, undefined, 'ms', [], 'information'));
    } else {
      rows.push(
        row('Import 100,000-row CSV: file chosen → review shown', ours.median, floor?.median, 'ms', []),
      );
    }
    rows.push(
      row('  longest task during the check', ours.longestTask, undefined, 'ms', [
        atMost(TARGETS.longTaskMs, 'ms'),
      ]),
    );
  }
  if (results.importCreate.ours) {
    rows.push(
      row(
        'Import 100,000-row CSV: create',
        results.importCreate.ours.median,
        undefined,
        'ms',
        [],
        'no floor',
      ),
    );
    rows.push(
      row('  longest task during the import', results.importCreate.ours.longestTask, undefined, 'ms', [
        atMost(TARGETS.longTaskMs, 'ms'),
      ]),
    );
  }
  if (results.export.ours) {
    rows.push(
      row(
        'Export 100,000 devices with SAS keys',
        results.export.ours.median,
        results.export.floor?.median,
        'ms',
        [],
      ),
    );
    rows.push(
      row('  longest task during the export', results.export.ours.longestTask, undefined, 'ms', [
        atMost(TARGETS.longTaskMs, 'ms'),
      ]),
    );
  }
  if (results.approve.ours) {
    const a = results.approve.ours;
    rows.push(
      row(
        `Bulk approve 10,000 devices (${a.requests.total.toLocaleString('en-US')} requests)`,
        a.ms,
        undefined,
        'ms',
        [],
        'no floor',
      ),
    );
    rows.push(row('  longest task during the approve', a.longestTask, undefined, 'ms', [], 'information'));
  }
  if (results.heap.ours !== undefined) {
    rows.push(row('JS heap after load (after GC)', results.heap.ours, results.heap.floor, 'MB', []));
  }
  return rows;
}

function printTable(rows: Row[]) {
  const header = ['Operation', 'Ours', 'Floor', 'Ratio', 'Target', 'Result'];
  const lines = rows.map((r) => [
    r.operation,
    fmt(r.ours, r.unit),
    fmt(r.floor, r.unit),
    r.ratio === undefined ? '—' : r.ratio.toFixed(2),
    r.target,
    r.pass === undefined || r.target === '—' ? r.note || '—' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  log('');
  log(format(header));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) log(format(line));
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    if (DIST !== join(ROOT, 'dist-static')) throw new Error(`No build in ${DIST}.`);
    log('No build in dist-static/: running `npm run build:static` ...');
    run('npm', ['run', 'build:static']);
  }
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverageAtStart: loadavg().map((n) => round(n, 2)) },
    devices: DEVICES,
    runs: RUNS,
    bundle: {},
    firstRows: {},
    heap: {},
    interactions: Object.fromEntries(Object.keys(INTERACTIONS).map((k) => [k, {}])),
    importCheck: {},
    importCreate: {},
    export: {},
    approve: {},
  };

  log('Building the floor page (bench/floor) ...');
  run(process.execPath, [
    join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'bench/vite.config.ts',
  ]);

  if (SECTIONS.has('bundle')) {
    results.bundle.initial = initialRouteJs(DIST);
    results.bundle.floor = initialRouteJs(FLOOR_DIST);
    log(
      `Initial route JS: ${(results.bundle.initial.gzip / 1024).toFixed(1)} KB gzipped in ${results.bundle.initial.chunks.length} files (the floor page: ${(results.bundle.floor.gzip / 1024).toFixed(1)} KB)`,
    );
  }

  const needsBrowser = [...SECTIONS].some((s) => s !== 'bundle');
  if (needsBrowser) {
    ensureBrowser();
    const app = SERVER_SEED ? await serveConsole(SERVER_SEED, results) : await serve(DIST);
    const floor = await serve(FLOOR_DIST);
    const browser = await chromium.launch({
      ...launchOptions(),
      args: [...launchOptions().args, '--enable-precise-memory-info'],
    });
    results.browser = browser.version();
    try {
      log(`Ours at ${app.url}, the floor at ${floor.url}, Chromium ${browser.version()}:`);
      await benchBoth(browser, app.url, floor.url, results);
    } finally {
      await browser.close();
      app.stop();
      floor.stop();
    }
  }

  results.machine.loadAverageAtEnd = loadavg().map((n) => round(n, 2));
  const rows = table(results);
  results.table = rows.map((r) => ({
    ...r,
    ours: round(r.ours, 1),
    floor: round(r.floor, 1),
    ratio: round(r.ratio, 2),
  }));
  printTable(rows);
  log(
    `\n${results.machine.cpus} CPUs; load average ${results.machine.loadAverageAtStart[0]} at the start, ${results.machine.loadAverageAtEnd[0]} at the end (other work on the machine slows ours and the floor alike).`,
  );
  for (const error of results.errors ?? []) log(`Not measured: ${error}`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${OUT.replace(`${ROOT}/`, '')}`);
  const failed = rows.filter((r) => r.pass === false).length;
  log(failed === 0 ? 'Every target met.' : `${failed} target${failed === 1 ? '' : 's'} missed.`);
  if (args.includes('--strict') && (failed > 0 || results.errors)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
