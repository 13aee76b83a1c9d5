// Section "export": selects every device and runs the Export dialog to its download link (at least three
// runs), against the floor's WebCrypto HMAC of both keys of every device and Papa.unparse.
import { readFileSync } from 'node:fs';
import { HEAVY_RUNS } from '../lib/options.ts';
import { log, longest, msList, summary } from '../lib/stats.ts';
import * as bench from '../page/instrument.ts';
import type { PageRun } from '../page/types.ts';

export async function exportDevices(run: PageRun): Promise<void> {
  const { page, floor, devicesUrl, floorUrl, devices, results } = run;
  const ours: number[] = [];
  const bare: number[] = [];
  let oursLongest = 0;
  let floorLongest = 0;
  for (let i = 0; i < Math.max(HEAVY_RUNS, 3); i++) {
    await bench.loadSettled(page, devicesUrl);
    await bench.selectAllMatching(page, devices);
    const dialog = await bench.openFromToolbar(page, 'Export', 'Export devices');
    await bench.arm(page, 'selector', '[role="dialog"] a[download]', 'Download file');
    const download = page.waitForEvent('download', { timeout: 600_000 });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const result = await bench.settled(page);
    const file = await (await download).path();
    const size = file ? readFileSync(file).length : 0;
    const tasks = await bench.longTasks(page, result);
    ours.push(result.frameAt - result.start);
    oursLongest = Math.max(oursLongest, ...tasks);
    log(
      `  export: ${(result.frameAt - result.start).toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} MB file, ${tasks.length} long tasks (longest ${longest(tasks).toFixed(0)} ms)`,
    );
    await bench.loadSettled(floor, floorUrl);
    const floorResult = await floor.evaluate(() => window.floor.exportCsv());
    bare.push(floorResult.ms);
    floorLongest = Math.max(floorLongest, ...floorResult.longTasks);
  }
  results.export = {
    ours: { ...summary(ours), longestTask: oursLongest },
    floor: { ...summary(bare), longestTask: floorLongest },
  };
  log(`  export floor (HMAC + unparse): ${msList(bare)} ms, longest task ${floorLongest} ms`);
}
