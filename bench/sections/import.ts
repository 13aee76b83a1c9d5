// Section "import": the large CSV (src/testing/fixtures/csv/generate-large.ts, as many rows as the seed has
// devices) through the Import dialog: the check (parse + validate in the worker, the dry run) and the
// creation, timed apart, against Papa.parse of the same file on the floor page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { HEAVY_RUNS, RESULTS, ROOT } from '../lib/options.ts';
import { seed } from '../lib/seed.ts';
import { log, longest, msList, summary } from '../lib/stats.ts';
import * as bench from '../page/instrument.ts';
import type { PageRun } from '../page/types.ts';

export async function importDevices(run: PageRun): Promise<void> {
  const { page, floor, devicesUrl, floorUrl, devices, results } = run;
  const csv = await largeCsv(devices);
  const check: number[] = [];
  const parse: number[] = [];
  const dry: number[] = [];
  const create: number[] = [];
  const bare: number[] = [];
  let longestCheck = 0;
  let longestCreate = 0;
  for (let i = 0; i < HEAVY_RUNS; i++) {
    await seed(page, devices);
    await bench.loadSettled(page, devicesUrl);
    const dialog = await bench.openFromToolbar(page, 'Import', 'Import devices');
    await bench.arm(page, 'selector', '[role="group"][aria-label="Dry run summary"]');
    await dialog.getByLabel('Choose a file').setInputFiles(csv);
    const checked = await bench.settled(page);
    const checkTasks = await bench.longTasks(page, checked);
    const checkFile = await bench.userTiming(page, 'iotc-import:check-file');
    const dryRun = await bench.userTiming(page, 'iotc-import:dry-run');
    if (checkFile !== undefined) parse.push(checkFile);
    if (dryRun !== undefined) dry.push(dryRun);
    const newCount = await dialog
      .getByRole('group', { name: 'Dry run summary' })
      .getByRole('group', { name: 'New' })
      .textContent();
    bare.push(await floorParse(floor, floorUrl, csv));
    await bench.quiet(page);
    await bench.arm(page, 'selector', '[role="group"][aria-label="Import report"]');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const created = await bench.settled(page);
    const createTasks = await bench.longTasks(page, created);
    const report = await dialog.getByRole('alert').first().textContent();
    check.push(checked.frameAt - checked.start);
    create.push(created.frameAt - created.start);
    longestCheck = Math.max(longestCheck, ...checkTasks);
    longestCreate = Math.max(longestCreate, ...createTasks);
    log(
      `  import check: ${(checked.frameAt - checked.start).toFixed(0)} ms (parse + validate ${checkFile?.toFixed(0)} ms, dry run ${dryRun?.toFixed(0)} ms; ${newCount}; longest task ${longest(checkTasks).toFixed(0)} ms)`,
    );
    log(
      `  import create: ${(created.frameAt - created.start).toFixed(0)} ms (${report}; longest task ${longest(createTasks).toFixed(0)} ms)`,
    );
  }
  while (bare.length < 3) bare.push(await floorParse(floor, floorUrl, csv));
  log(`  import floor (papaparse): ${msList(bare)} ms`);
  results.importCheck = {
    ours: { ...summary(check), longestTask: longestCheck },
    parse: parse.length > 0 ? summary(parse) : undefined,
    dryRun: dry.length > 0 ? summary(dry) : undefined,
    floor: summary(bare),
  };
  results.importCreate = { ours: { ...summary(create), longestTask: longestCreate } };
}

/** Papa.parse of the file on the floor page, from a freshly loaded page; ms. */
async function floorParse(floor: Page, floorUrl: string, csv: string): Promise<number> {
  await bench.loadSettled(floor, floorUrl);
  await floor.evaluate(() => (window.floor.result = undefined));
  await floor.getByLabel('CSV file').setInputFiles(csv);
  await floor.waitForFunction(() => window.floor.result !== undefined, null, { timeout: 120_000 });
  return floor.evaluate(() => (window.floor.result as { ms: number }).ms);
}

const files = new Map<number, string>();
/**
 * The import file of `rows` rows, written to bench-results/ once: the page gets it by path, as from a file
 * picker (a buffer would be copied into the page by Playwright, a long task that is not the app's).
 */
async function largeCsv(rows: number): Promise<string> {
  let path = files.get(rows);
  if (!path) {
    const { generateLargeCsv } = (await import(
      pathToFileURL(join(ROOT, 'src/testing/fixtures/csv/generate-large.ts')).href
    )) as { generateLargeCsv: (devices: number) => string };
    path = join(RESULTS, rows === 100_000 ? 'devices-100k.csv' : `devices-${rows}.csv`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateLargeCsv(rows), 'utf8');
    files.set(rows, path);
  }
  return path;
}
