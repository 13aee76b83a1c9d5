// Devices > Import and Export: a CSV import with its dry run and report, the same file again creating
// nothing, and an export whose SAS keys are the DPS derivation of the group key.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { api, expect, openDevices, test } from './fixtures';

const IMPORT_CSV = Buffer.from(
  '\uFEFF' +
    [
      'IOTC_DEVICEID,IOTC_DEVICENAME',
      'e2e-pump-01,"Pump 1, Lyon"',
      'thermostat-0001,Lobby thermostat',
      'E2E-Pump-02,Pump 2',
      'bad_id,Underscore',
      'e2e-pump-03,',
      '',
    ].join('\r\n'),
);

const importFile = (buffer = IMPORT_CSV, name = 'devices.csv') => ({ name, mimeType: 'text/csv', buffer });

function tile(page: Page, group: string, label: string) {
  return page.getByRole('group', { name: group }).getByRole('group', { name: label });
}

async function openImport(page: Page) {
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import devices' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Opens Device operations and checks the first test's import report, with its error log. */
async function expectReport(page: Page) {
  await page.getByRole('button', { name: 'Device operations' }).click();
  const item = page
    .getByRole('list', { name: 'Device operations' })
    .getByRole('listitem', { name: 'Import of report-check.csv' });
  await expect(item).toContainText('Completed');
  await expect(item).toContainText('Import finished: 3 created, 0 updated, 1 skipped, 1 failed.');
  const errorLog = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Download error log' }).click();
  expect(await readFile((await (await errorLog).path())!, 'utf8')).toContain('bad_id,Underscore,5,');
}

async function deviceCount(page: Page): Promise<number> {
  const page1 = await api<{ '@odata.count': number }>(page, 'GET', '/devices?$top=1&$count=true');
  return page1['@odata.count'];
}

test('import: a dry run first, then the import with a report every tab reads, after a reload too', async ({
  page,
  browser,
  consoleErrors,
}) => {
  await openDevices(page);
  const before = await deviceCount(page);
  const dialog = await openImport(page);
  await dialog.getByRole('combobox', { name: 'Device template' }).click();
  await page.getByRole('option', { name: 'Thermostat' }).click();
  // A name of its own: the console server's Device operations are every test's.
  await dialog.getByLabel('Choose a file').setInputFiles(importFile(IMPORT_CSV, 'report-check.csv'));

  await expect(tile(page, 'Dry run summary', 'New')).toContainText('2');
  await expect(tile(page, 'Dry run summary', 'Existing')).toContainText('1');
  await expect(tile(page, 'Dry run summary', 'Invalid')).toContainText('2');
  const invalid = dialog.getByRole('table', { name: 'Invalid rows' });
  await expect(invalid.getByRole('row').nth(1)).toContainText('4E2E-Pump-02');
  await expect(invalid.getByRole('row').nth(1)).toContainText(
    'Device IDs are lower case: use "e2e-pump-02".',
  );
  await expect(invalid.getByRole('row').nth(2)).toContainText('5bad_id');
  expect(await deviceCount(page)).toBe(before); // the dry run wrote nothing

  await dialog.getByRole('button', { name: 'Lower-case IDs' }).click();
  await expect(dialog.getByRole('list', { name: 'Changed device IDs' })).toContainText(
    'Line 4: E2E-Pump-02 → e2e-pump-02',
  );
  await expect(tile(page, 'Dry run summary', 'New')).toContainText('3');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const report = dialog.getByRole('group', { name: 'Import report' });
  await expect(report.getByRole('group', { name: 'Created' })).toContainText('3');
  await expect(report.getByRole('group', { name: 'Skipped' })).toContainText('1');
  await expect(report.getByRole('group', { name: 'Failed' })).toContainText('1');
  await expect(dialog.getByText('Import finished: 3 created, 0 updated, 1 skipped, 1 failed.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  expect(await deviceCount(page)).toBe(before + 3);
  // The grid shows the new devices without a reload.
  await expect(page.getByText(`of ${before + 3}`)).toBeVisible();
  const imported = await api<{ displayName: string; template: string }>(page, 'GET', '/devices/e2e-pump-01');
  expect(imported).toMatchObject({ displayName: 'Pump 1, Lyon', template: 'dtmi:com:example:Thermostat;1' });

  // The report, in this page, after a reload, and in another operator's browser: what the server recorded.
  await expectReport(page);
  await page.keyboard.press('Escape');
  await page.reload();
  await expectReport(page);
  const other = await browser.newContext();
  const b = await other.newPage();
  await openDevices(b);
  await expectReport(b);
  await other.close();
  expect(consoleErrors).toEqual([]);
});

test('importing the same file again creates nothing', async ({ page, consoleErrors }) => {
  await openDevices(page);
  let dialog = await openImport(page);
  await dialog.getByLabel('Choose a file').setInputFiles(importFile());
  await expect(tile(page, 'Dry run summary', 'New')).toContainText('2');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('Import finished: 2 created, 0 updated, 1 skipped, 2 failed.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  const after = await deviceCount(page);

  dialog = await openImport(page);
  await dialog.getByLabel('Choose a file').setInputFiles(importFile());
  await expect(tile(page, 'Dry run summary', 'New')).toContainText('0');
  await expect(tile(page, 'Dry run summary', 'Existing')).toContainText('3');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('Import finished: 0 created, 0 updated, 3 skipped, 2 failed.')).toBeVisible();
  expect(await deviceCount(page)).toBe(after);
  expect(consoleErrors).toEqual([]);
});

test("export: IoT Central's CSV, with the SAS keys derived from the group key", async ({
  page,
  consoleErrors,
}) => {
  await openDevices(page);
  const grid = page.getByRole('grid', { name: 'Devices' });
  const ids = ['thermostat-0001', 'env-sensor-0002'];
  for (const id of ids) {
    await grid
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: id, exact: true }) })
      .getByRole('checkbox')
      .check();
  }
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export devices' });
  await expect(dialog).toContainText('Export 2 selected devices');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^iotc-devices-\d{8}\.csv$/);
  await expect(dialog.getByRole('link', { name: 'Download file' })).toBeVisible();

  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.split('\r\n')[0]).toBe(
    'IOTC_DEVICEID,IOTC_DEVICENAME,IOTC_SASKEY_PRIMARY,IOTC_SASKEY_SECONDARY,IOTC_X509THUMBPRINT_PRIMARY,IOTC_X509THUMBPRINT_SECONDARY',
  );
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);

  const group = await api<{ attestation: { symmetricKey: { primaryKey: string; secondaryKey: string } } }>(
    page,
    'GET',
    '/enrollmentGroups/SAS-IoT-Devices',
  );
  const { primaryKey, secondaryKey } = group.attestation.symmetricKey;
  const derive = (key: string, id: string) =>
    createHmac('sha256', Buffer.from(key, 'base64')).update(id, 'utf8').digest('base64');
  expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual(
    ids.map((id) => [id, derive(primaryKey, id), derive(secondaryKey, id), '', '']),
  );
  expect(consoleErrors).toEqual([]);
});
