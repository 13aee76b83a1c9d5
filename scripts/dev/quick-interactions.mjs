// Dev tool: quick page-change / sort timings with 100,000 devices (not the benchmark: same page, repeated).
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
const [,, base, n = '6', fresh = '1'] = process.argv;
const AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';
const browser = await chromium.launch(launchOptions());
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(base + '/devices');
const grid = page.getByRole('grid', { name: 'Devices' });
await grid.getByRole('row').nth(2).waitFor();
await page.evaluate(async (auth) => {
  const r = await fetch('/api/extensions/reset?api-version=2022-07-31&devices=100000', { method: 'POST', headers: { Authorization: auth } });
  if (r.status !== 204) throw new Error('reset ' + r.status);
}, AUTH);
async function timed(act) {
  await page.evaluate(() => {
    const cell = () => document.querySelector('[role="gridcell"][data-field="id"]')?.textContent;
    const before = cell();
    window.__t = new Promise((resolve) => {
      let start;
      addEventListener('pointerdown', (e) => { start = e.timeStamp; }, { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (start === undefined || cell() === before) return;
        obs.disconnect();
        requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(performance.now() - start); ch.port2.postMessage(0); });
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  });
  await act();
  const ms = await page.evaluate(() => window.__t);
  await page.waitForTimeout(1500);
  return Math.round(ms);
}
const cold = [];
for (let f = 0; f < Number(fresh); f++) {
  await page.goto(base + '/devices');
  await grid.getByRole('row').nth(2).waitFor();
  await page.waitForTimeout(5000);
  if (f < Number(fresh) - 1) cold.push(await timed(() => page.getByRole('button', { name: 'Go to next page' }).click()));
}
const pages = [];
for (let i = 0; i < Number(n); i++) pages.push(await timed(() => page.getByRole('button', { name: 'Go to next page' }).click()));
const sorts = [];
for (let i = 0; i < Number(n) / 2; i++) sorts.push(await timed(() => page.getByRole('columnheader', { name: 'Device ID' }).getByText('Device ID', { exact: true }).click()));
console.log('cold', cold.join(' '), ' page', pages.join(' '), ' sort', sorts.join(' '));
await browser.close();
