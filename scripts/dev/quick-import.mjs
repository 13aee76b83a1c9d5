// Dev tool: the Import dialog's file check (User Timing iotc-import:check-file) on the 100,000-row CSV, a few times.
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
const [,, base, n = '3', pause = '0'] = process.argv;
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(base + '/devices');
await page.getByRole('grid', { name: 'Devices' }).getByRole('row').nth(2).waitFor();
const out = [];
for (let i = 0; i < Number(n); i++) {
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import devices' });
  await dialog.waitFor();
  await page.waitForTimeout(Number(pause));
  await page.evaluate(() => performance.clearMeasures());
  await dialog.getByLabel('Choose a file').setInputFiles('bench-results/devices-100k.csv');
  await dialog.getByRole('group', { name: 'Dry run summary' }).waitFor({ timeout: 60000 });
  out.push(await page.evaluate(() => Math.round(performance.getEntriesByName('iotc-import:check-file')[0]?.duration ?? -1)));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}
console.log('check-file ms:', out.join(' '));
await browser.close();
