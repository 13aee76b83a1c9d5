// Dev tool: CPU profile of one grid interaction with 100,000 devices. node scripts/dev/profile-interaction.mjs <url> page|sort|filter|search
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
import { readFileSync, existsSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
const maps = new Map();
function original(url, line, column) {
  const file = url.split('/').pop();
  if (!file?.endsWith('.js')) return null;
  if (!maps.has(file)) maps.set(file, existsSync('dist/assets/' + file + '.map') ? new TraceMap(readFileSync('dist/assets/' + file + '.map', 'utf8')) : null);
  const map = maps.get(file);
  if (!map) return null;
  const p = originalPositionFor(map, { line: line + 1, column });
  if (!p.source) return null;
  let src = p.source.replace(/.*node_modules\//, '');
  src = src.startsWith('@') ? src.split('/').slice(0, 2).join('/') + '/' + src.split('/').slice(-1) : src.includes('src/') ? 'src/' + src.split('src/')[1] : src.split('/')[0] + '/' + src.split('/').slice(-1);
  return src;
}
const [,, base, what = 'page'] = process.argv;
const AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';
const browser = await chromium.launch(launchOptions());
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(base + '/devices');
await page.getByRole('grid', { name: 'Devices' }).getByRole('row').nth(2).waitFor();
await page.evaluate(async (auth) => {
  const r = await fetch('/api/extensions/reset?api-version=2022-07-31&devices=100000', { method: 'POST', headers: { Authorization: auth } });
  if (r.status !== 204) throw new Error('reset ' + r.status);
}, AUTH);
await page.goto(base + '/devices');
const grid = page.getByRole('grid', { name: 'Devices' });
await grid.getByRole('row').nth(2).waitFor();
await page.waitForTimeout(6000);
const firstId = async () => grid.locator('[role="gridcell"][data-field="id"]').first().textContent();
const before = await firstId();
if (what === 'filter') { await page.getByRole('combobox', { name: 'Device status' }).click(); await page.getByRole('option', { name: 'Waiting for approval' }).waitFor(); }
if (what === 'search') await page.getByRole('searchbox', { name: 'Search devices' }).fill('lab thermostat');
const cdp = await context.newCDPSession(page);
const traceEvents = [];
cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
const traceDone = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing', transferMode: 'ReportEvents' });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const t0 = Date.now();
if (what === 'page') await page.getByRole('button', { name: 'Go to next page' }).click();
if (what === 'sort') await page.getByRole('columnheader', { name: 'Device ID' }).getByText('Device ID', { exact: true }).click();
if (what === 'filter') await page.getByRole('option', { name: 'Waiting for approval' }).click();
if (what === 'search') await page.getByRole('searchbox', { name: 'Search devices' }).press('Enter');
await page.waitForFunction((b) => document.querySelector('[role="gridcell"][data-field="id"]')?.textContent !== b, before, { polling: 'raf' });
const elapsed = Date.now() - t0;
await page.waitForTimeout(300);
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end');
await traceDone;
// Main thread of the renderer: the thread with most EventDispatch/Layout.
const main = traceEvents.filter((e) => e.name === 'Layout')[0];
const tid = main?.tid; const pid = main?.pid;
const start = traceEvents.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown' && e.tid === tid);
const t0us = start?.ts ?? 0;
const sums = new Map();
for (const e of traceEvents) {
  if (e.tid !== tid || e.pid !== pid || e.ph !== 'X' || e.ts < t0us) continue;
  if (e.ts > t0us + elapsed * 1000) continue;
  sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
}
console.log('trace (main thread, from pointerdown):');
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(8), k);
const tops = traceEvents.filter((e) => e.tid === tid && e.pid === pid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0us && e.ts < t0us + elapsed * 1000 && e.dur > 2000);
console.log('tasks > 5ms:', tops.map((e) => `${((e.ts - t0us) / 1000).toFixed(0)}+${(e.dur / 1000).toFixed(0)}`).join(' '));
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const cf = n.callFrame;
  const key = original(cf.url, cf.lineNumber, cf.columnNumber) ?? `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
}
// Per long task: where its JS time went (original file and function, from the source maps).
{
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  for (const task of tops) {
    const perFn = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < task.ts || times[i] > task.ts + task.dur) continue;
      // Walk up the stack to the first frame in our own code or a named library function.
      let n = byId.get(profile.samples[i]);
      const leaf = n.callFrame;
      const key = original(leaf.url, leaf.lineNumber, leaf.columnNumber) ?? (leaf.functionName || leaf.url.split('/').pop() || '(native)');
      perFn.set(key, (perFn.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
    console.log(`task at ${((task.ts - t0us) / 1000).toFixed(0)} ms, ${(task.dur / 1000).toFixed(0)} ms:`);
    for (const [k, v] of [...perFn].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log('   ', v.toFixed(1).padStart(6), k);
  }
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${what}: ${elapsed} ms wall (incl. playwright); profile ${total.toFixed(0)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log(v.toFixed(1).padStart(8), k);
await browser.close();
