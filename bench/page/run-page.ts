// The page sections (bundle, load, grid, export, approve, import): the production build in headless
// Chromium with 100,000 devices in the demo backend, and the same work with the bare libraries (the floor,
// bench/floor) in the same run and the same browser; prints ours / floor and writes bench-results/latest.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureBrowser, launchOptions } from '../../scripts/browser.mjs';
import {
  DIST,
  isQuick,
  isStrict,
  PAGE_OUT,
  RESULTS,
  ROOT,
  RUNS,
  SERVER_SEED,
  type SectionName,
} from '../lib/options.ts';
import { seed } from '../lib/seed.ts';
import { startConsoleServer, serveStatic } from '../lib/servers.ts';
import { loadAverage, log, round } from '../lib/stats.ts';
import { approve } from '../sections/approve.ts';
import { bundle } from '../sections/bundle.ts';
import { exportDevices } from '../sections/export.ts';
import { grid, INTERACTIONS } from '../sections/grid.ts';
import { importDevices } from '../sections/import.ts';
import { load } from '../sections/load.ts';
import { firstRows, newPage } from './instrument.ts';
import { printTable, table } from './report.ts';
import type { PageRun, Results } from './types.ts';

const FLOOR_DIST = join(RESULTS, 'floor-dist');
/** The in-page demo's devices (--quick: a few, to check that each section runs). */
const DEVICES = isQuick ? 2_000 : 100_000;

/** The sections that need the browser, in the order they run (bundle needs none). */
const BROWSER_SECTIONS: [SectionName, (run: PageRun) => Promise<void>][] = [
  ['load', load],
  ['grid', grid],
  ['export', exportDevices],
  ['approve', approve],
  ['import', importDevices],
];

const run = (command: string, commandArgs: string[]) =>
  execFileSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });

export async function runPageSections(sections: Set<SectionName>): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    if (DIST !== join(ROOT, 'dist-static')) throw new Error(`No build in ${DIST}.`);
    log('No build in dist-static/: running `npm run build:static` ...');
    run('npm', ['run', 'build:static']);
  }
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverageAtStart: loadAverage() },
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

  if (sections.has('bundle')) bundle(results, DIST, FLOOR_DIST);

  const browserSections = BROWSER_SECTIONS.filter(([name]) => sections.has(name));
  if (browserSections.length > 0) {
    ensureBrowser();
    const app = SERVER_SEED ? await serveConsole(SERVER_SEED, results) : await serveStatic(DIST);
    const floor = await serveStatic(FLOOR_DIST);
    const browser = await chromium.launch({
      ...launchOptions(),
      args: [...launchOptions().args, '--enable-precise-memory-info'],
    });
    results.browser = browser.version();
    try {
      log(`Ours at ${app.url}, the floor at ${floor.url}, Chromium ${browser.version()}:`);
      const pageRun: PageRun = {
        page: (await newPage(browser)).page,
        floor: (await newPage(browser)).page,
        appUrl: app.url,
        devicesUrl: `${app.url}/devices`,
        floorUrl: `${floor.url}/?devices=${DEVICES}`,
        devices: DEVICES,
        results,
      };
      await firstRows(pageRun.page, pageRun.devicesUrl);
      if (!SERVER_SEED) {
        log(`  seeding ${DEVICES.toLocaleString('en-US')} devices ...`);
        const seedStart = Date.now();
        await seed(pageRun.page, DEVICES);
        log(`  seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
      }
      for (const [name, measure] of browserSections) await section(name, results, () => measure(pageRun));
    } finally {
      await browser.close();
      await app.stop();
      floor.stop();
    }
  }

  results.machine.loadAverageAtEnd = loadAverage();
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
  save(results);
  log(`\nWrote ${PAGE_OUT.replace(`${ROOT}/`, '')}`);
  const failed = rows.filter((r) => r.pass === false).length;
  log(failed === 0 ? 'Every target met.' : `${failed} target${failed === 1 ? '' : 's'} missed.`);
  if (isStrict && (failed > 0 || results.errors)) process.exitCode = 1;
}

/**
 * The console server (dist-server/, serving dist/) on a copy of `seedFile`: the page talks to it over HTTP,
 * as a user's page does. Only the sections that leave the data as it is make sense here (load, grid).
 */
async function serveConsole(seedFile: string, results: Results) {
  const server = await startConsoleServer({ name: 'grid-server', copyOf: seedFile, args: ['--dist', DIST] });
  results.server = { seed: seedFile.replace(`${ROOT}/`, ''), devices: server.devices };
  log(
    `The console server at ${server.url} with ${server.devices.toLocaleString('en-US')} devices (a copy of ${results.server.seed}).`,
  );
  return server;
}

/** Runs one section; a failure is recorded and the run goes on. What is measured so far is saved after each. */
async function section(name: string, results: Results, measure: () => Promise<void>) {
  try {
    await measure();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`  ${name} failed: ${message}`);
    (results.errors ??= []).push(`${name}: ${message}`);
  }
  save(results, true);
}

/** Writes the results; `isPartial` while a long run goes on, so that one failing part-way still leaves its figures. */
function save(results: Results, isPartial = false) {
  mkdirSync(dirname(PAGE_OUT), { recursive: true });
  writeFileSync(PAGE_OUT, `${JSON.stringify(isPartial ? { ...results, isPartial } : results, null, 2)}\n`);
}
