// Import and Export in the real-application build, in Chromium: the gateway runs them itself through the
// public API against Prism (the official spec; every request checked against it), paced, and reports them
// as the demo does. Prism answers every GET /devices/{id} with its example, so to Prism every device of a
// file exists: Skip would write nothing, and Update writes each device with one PUT, which Prism checks.
// Vitest project `real-e2e` (`npm run build:real && npx vitest run --project real-e2e <this file>`).
// IOTC_E2E_SCREENSHOTS=DIR saves the report as an operator sees it.
import { expect as expectPage, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PRISM_DEVICE_KEYS } from '../../scripts/prism-spec.mjs';
import { expectOnlySpecOperations, screenshot, startRealConsole, type RealConsole } from './real-console';
import { OTTO } from './testing';

const COUNT = 50;
let real: RealConsole;

beforeAll(async () => {
  // 50 devices on the list's page, so that the grid offers 50 to select.
  real = await startRealConsole({ devicesPerPage: COUNT });
}, 90_000);

afterAll(async () => {
  await real?.close();
});

async function signedInOperator(): Promise<Page> {
  real.provider.signInNext(OTTO);
  const page = await real.browser.newPage({ acceptDownloads: true });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${real.gateway.url}/devices`);
  await expectPage(page.getByRole('grid', { name: 'Devices' }).getByText('prism-device-1-1', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  return page;
}

const csv = Buffer.from(
  '\uFEFF' +
    ['IOTC_DEVICEID,IOTC_DEVICENAME', ...Array.from({ length: COUNT }, (_, i) => `real-pump-${i + 1},Pump ${i + 1}`)].join(
      '\r\n',
    ),
);

it(`an Operator imports ${COUNT} devices, choosing Update, and reads the report`, async () => {
  const page = await signedInOperator();
  const putsBefore = real.prism.received().filter((r) => r.startsWith('PUT /api/devices/real-pump-')).length;
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import devices' });
  await dialog.getByLabel('Choose a file').setInputFiles({ name: 'real-pumps.csv', mimeType: 'text/csv', buffer: csv });
  // The dry run asked the application for each device (GET only): Prism has every one.
  const summary = page.getByRole('group', { name: 'Dry run summary' });
  await expectPage(summary.getByRole('group', { name: 'New' })).toContainText('0', { timeout: 30_000 });
  await expectPage(summary.getByRole('group', { name: 'Existing' })).toContainText(String(COUNT));
  expect(real.prism.received().filter((r) => r.startsWith('PUT /api/devices/real-pump-')).length).toBe(putsBefore);
  await dialog.getByRole('radio', { name: /^Update them/ }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const report = dialog.getByRole('group', { name: 'Import report' });
  await expectPage(dialog.getByText(`Import finished: 0 created, ${COUNT} updated, 0 skipped, 0 failed.`)).toBeVisible({
    timeout: 60_000,
  });
  await expectPage(report.getByRole('group', { name: 'Updated' })).toContainText(String(COUNT));
  await screenshot(page, 'real-import-report.png');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The report the gateway kept, as Device operations shows it.
  await page.getByRole('button', { name: 'Device operations' }).click();
  const item = page.getByRole('list', { name: 'Device operations' }).getByRole('listitem', { name: 'Import of real-pumps.csv' });
  await expectPage(item).toContainText('Completed');
  await expectPage(item).toContainText(`Import finished: 0 created, ${COUNT} updated, 0 skipped, 0 failed.`);
  await screenshot(page, 'real-device-operations.png');
  // One PUT per device, each accepted by Prism as the spec says (the last test checks the statuses).
  const puts = real.prism.received().filter((r) => r.startsWith('PUT /api/devices/real-pump-'));
  expect(puts.length - putsBefore).toBe(COUNT);
  await page.close();
}, 120_000);

it(`an Operator exports ${COUNT} devices and gets IoT Central's CSV`, async () => {
  const page = await signedInOperator();
  const grid = page.getByRole('grid', { name: 'Devices' });
  await grid.getByRole('checkbox', { name: 'Select all rows' }).check();
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export devices' });
  await expectPage(dialog).toContainText(`Export ${COUNT} selected devices`);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^iotc-devices-\d{8}\.csv$/);
  const text = (await readFile((await download.path()) as string, 'utf8')).replace(/^\uFEFF/, '');
  const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(header).toEqual([
    'IOTC_DEVICEID',
    'IOTC_DEVICENAME',
    'IOTC_SASKEY_PRIMARY',
    'IOTC_SASKEY_SECONDARY',
    'IOTC_X509THUMBPRINT_PRIMARY',
    'IOTC_X509THUMBPRINT_SECONDARY',
  ]);
  // Each device's row: its id, the name the application gave and the keys of its attestation (Prism's examples).
  expect(rows.map((r) => r[0])).toEqual(Array.from({ length: COUNT }, (_, i) => `prism-device-1-${i + 1}`));
  const { primaryKey, secondaryKey } = PRISM_DEVICE_KEYS;
  expect(new Set(rows.map((r) => `${r[1]},${r[2]},${r[3]}`))).toEqual(new Set([`Prism device 1.1,${primaryKey},${secondaryKey}`]));
  for (let i = 1; i <= COUNT; i++)
    expect(real.prism.received(), `device ${i}`).toContain(`GET /api/devices/prism-device-1-${i}/attestation`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Device operations' }).click();
  const item = page
    .getByRole('list', { name: 'Device operations' })
    .getByRole('listitem', { name: `Export of ${COUNT} devices` });
  await expectPage(item).toContainText('Completed');
  await page.close();
}, 120_000);

it('sent the application only spec operations of the allow-list, each accepted as the spec says', async () => {
  // The import's 50 GETs of the dry run, 50 GETs and 50 PUTs; the export's 50 devices and their attestations.
  await expectOnlySpecOperations(real, 5 * COUNT);
  expect(real.prism.received().filter((r) => r.includes('/extensions/'))).toEqual([]);
});
