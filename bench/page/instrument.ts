// What the Node side asks of a page, the app's or the floor's, through the instrumentation of in-page.ts:
// load and settle, arm a measurement and wait for it, long tasks, the heap, and a few steps every section takes.
import type { Browser, Page } from '@playwright/test';
import { log, msList } from '../lib/stats.ts';
import { instrument } from './in-page.ts';
import type { Measurement } from './types.ts';

const VIEWPORT = { width: 1280, height: 800 };

export async function arm(page: Page, kind: 'rows' | 'selector', selector?: string, text?: string) {
  await page.evaluate(([k, s, t]) => window.__bench.arm(k, s, t), [kind, selector, text] as const);
}

/**
 * Resolves when the armed measurement completes (page.evaluate waits for the page's promise); rejects after
 * `timeoutMs`, so that a step the page never reaches fails its section instead of hanging the run.
 */
export async function settled(page: Page, timeoutMs = 600_000): Promise<Measurement> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The page did not finish within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([page.evaluate(() => window.__bench.pending), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function firstRows(page: Page, url: string): Promise<{ dom: number; frame: number }> {
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
export async function quiet(page: Page) {
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

export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m: { name: string; value: number }) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return used / 1024 / 1024;
}

/** A page of its own context, instrumented; its errors are logged. */
export async function newPage(browser: Browser) {
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

/** Selects every device matching the view (`count` of them). */
export async function selectAllMatching(page: Page, count: number) {
  await page.getByRole('checkbox', { name: 'Select all rows' }).check();
  await page
    .getByRole('button', { name: `Select all ${count.toLocaleString('en-US')} devices matching this view` })
    .click();
  await page
    .getByText(`All ${count.toLocaleString('en-US')} devices matching this view are selected.`)
    .waitFor();
}

/** The latest User Timing measure of that name in the page (the import/export marks), in ms. */
export function userTiming(page: Page, name: string): Promise<number | undefined> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').at(-1)?.duration, name);
}

/** The long tasks of a measurement, in ms. */
export async function longTasks(page: Page, result: Measurement): Promise<number[]> {
  return page.evaluate(([s, e]) => window.__bench.longTasksBetween(s, e), [
    result.start,
    result.frameAt,
  ] as const);
}

/** Loads `url` and waits until it has settled: how every measurement starts. */
export async function loadSettled(page: Page, url: string): Promise<void> {
  await firstRows(page, url);
  await quiet(page);
}

/** Clicks a button of the Devices page's toolbar and waits for the dialog it opens. */
export async function openFromToolbar(page: Page, button: string, dialog: string) {
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: button }).click();
  const opened = page.getByRole('dialog', { name: dialog });
  await opened.waitFor();
  return opened;
}

/**
 * `runs` measurements of ours and of the floor, taking turns run by run, so that whatever else the machine
 * is doing weighs on both alike; logged as `label: ours …; floor …`.
 */
export async function interleaved(
  label: string,
  runs: number,
  ours: () => Promise<number>,
  floor: () => Promise<number>,
): Promise<{ ours: number[]; floor: number[] }> {
  const times = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.ours.push(await ours());
    times.floor.push(await floor());
  }
  log(`  ${label}: ours ${msList(times.ours)} ms; floor ${msList(times.floor)} ms`);
  return times;
}
