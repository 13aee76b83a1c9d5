// Section "load": first rows after navigation (ours and the floor, interleaved), the JS the page fetched
// before them (the app's and the demo backend's apart), and the JS heap after load.
import type { Response } from '@playwright/test';
import { DIST, RUNS } from '../lib/options.ts';
import { log, summary } from '../lib/stats.ts';
import { firstRows, heapMb, interleaved, quiet } from '../page/instrument.ts';
import type { Files, PageRun } from '../page/types.ts';
import { demoBackendFiles, gzipOf } from './bundle.ts';

export async function load({ page, floor, appUrl, devicesUrl, floorUrl, results }: PageRun): Promise<void> {
  const scripts: string[] = [];
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (url.origin === appUrl && url.pathname.endsWith('.js')) scripts.push(url.pathname);
  };
  let isFirst = true;
  const times = await interleaved(
    'first rows',
    RUNS,
    async () => {
      if (isFirst) page.on('response', onResponse);
      const { frame } = await firstRows(page, devicesUrl);
      if (isFirst) page.off('response', onResponse);
      isFirst = false;
      await quiet(page);
      return frame;
    },
    async () => {
      const { frame } = await firstRows(floor, floorUrl);
      // The floor's rows are in memory: generating them is not the floor's work.
      const rowsMs = await floor.evaluate(() => window.floor.rowsMs());
      await quiet(floor);
      return frame - rowsMs;
    },
  );
  results.firstRows = { ours: summary(times.ours), floor: summary(times.floor) };
  const demo = demoBackendFiles(DIST);
  const files = (list: string[]): Files => ({
    files: list,
    gzip: list.reduce((n, path) => n + gzipOf(DIST, path), 0),
  });
  results.bundle.appBeforeFirstRows = files(scripts.filter((path) => !demo.has(path)));
  results.bundle.demoBeforeFirstRows = files(scripts.filter((path) => demo.has(path)));
  const heap = { ours: await heapMb(page), floor: await heapMb(floor) };
  results.heap = heap;
  log(`  heap after load: ours ${heap.ours.toFixed(1)} MB, floor ${heap.floor.toFixed(1)} MB`);
}
