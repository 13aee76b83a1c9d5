// Issue 17 in a browser, beyond the files of hostile.spec.ts: a CSV with every mix of line breaks reads
// each row as its own; the export guards formulas and the app's own export imports back as it was; a
// control character in a name is refused by the API; a right-to-left override in an enrollment group's
// name and in a certificate's subject shows as a mark wherever they appear; a 255-character name wraps
// without widening the page.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { api, callApi, expect, makeSelfSignedCertificate, openDevices, test } from './fixtures';

const RLO = 'Contoso \u202Etxt.exe';
const RLO_SHOWN = 'Contoso ⟨U+202E⟩txt.exe';

function tile(page: Page, group: string, label: string) {
  return page.getByRole('group', { name: group }).getByRole('group', { name: label });
}

async function openImport(page: Page) {
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Import' }).click();
  return page.getByRole('dialog', { name: 'Import devices' });
}

test('a CSV mixing CRLF, LF and CR reads every row as its own, and a quoted field keeps its line break', async ({
  page,
}) => {
  await openDevices(page);
  const dialog = await openImport(page);
  const text =
    'IOTC_DEVICEID,IOTC_DEVICENAME\r\nmix-1,One\nmix-2,Two\rmix-3,Three\r\nmix-4,"Four\nlines"\nmix-5,Five';
  await dialog
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(tile(page, 'Dry run summary', 'New')).toContainText('4');
  await expect(tile(page, 'Dry run summary', 'Invalid')).toContainText('1');
  const invalid = dialog.getByRole('table', { name: 'Invalid rows' });
  await expect(invalid.getByRole('row').nth(1)).toContainText('mix-4');
  await expect(invalid.getByRole('row').nth(1)).toContainText(/control character \(U\+000A/);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText(/Import finished: 4 created/)).toBeVisible();
  for (const [id, name] of [
    ['mix-1', 'One'],
    ['mix-2', 'Two'],
    ['mix-3', 'Three'],
    ['mix-5', 'Five'],
  ]) {
    expect(await api<{ displayName: string }>(page, 'GET', `/devices/${id}`)).toMatchObject({
      displayName: name,
    });
  }
});

test('export guards formulas, a NUL is refused, and the export imports back as it was', async ({ page }) => {
  await openDevices(page);
  const names = ['-2+3', '=HYPERLINK("http://x")', '+SUM(1,2)', '@cmd', RLO, '\tTabbed'.slice(1), 'Plain'];
  for (const [i, name] of names.entries()) {
    await api(page, 'PUT', `/devices/rt-${i}`, {
      displayName: name,
      template: 'dtmi:com:example:Thermostat;1',
    });
  }
  const nul = await callApi(page, 'PUT', '/devices/rt-nul', { displayName: 'a\u0000b' });
  expect(nul.status).toBe(400);
  expect(JSON.stringify(nul.json)).toContain('control character (U+0000 at character 2)');

  await openDevices(page, '?q=rt-');
  const grid = page.getByRole('grid', { name: 'Devices' });
  await expect(grid.getByRole('row')).toHaveCount(names.length + 1);
  await grid.getByRole('checkbox', { name: /select all/i }).check();
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Export' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export devices' });
  const downloading = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const bytes = await readFile((await download.path())!);
  const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data.slice(1);
  const byId = new Map(rows.map((r) => [r[0], r[1]]));
  expect(byId.get('rt-0')).toBe("'-2+3");
  expect(byId.get('rt-1')).toBe('\'=HYPERLINK("http://x")');
  expect(byId.get('rt-2')).toBe("'+SUM(1,2)");
  expect(byId.get('rt-3')).toBe("'@cmd");
  expect(byId.get('rt-4')).toBe(RLO);
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  const dialog = await openImport(page);
  await dialog
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(tile(page, 'Dry run summary', 'New')).toContainText('0');
  await expect(tile(page, 'Dry run summary', 'Existing')).toContainText(String(names.length));
  await expect(tile(page, 'Dry run summary', 'Invalid')).toContainText('0');
});

test('a right-to-left override in a group name and a certificate subject shows as a mark', async ({
  page,
}) => {
  await page.goto('/admin/device-connection');
  await page.getByRole('button', { name: 'New' }).click();
  const create = page.getByRole('dialog', { name: 'New enrollment group' });
  await create.getByRole('textbox', { name: 'Name' }).fill(RLO);
  await create.getByRole('radio', { name: 'Certificates (X.509)' }).check();
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: `Enrollment group "${RLO_SHOWN}" created.` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: RLO_SHOWN, level: 1 })).toBeVisible();

  await page.getByRole('button', { name: `Upload the primary certificate of ${RLO_SHOWN}` }).click();
  const dialog = page.getByRole('dialog', { name: `Add primary certificate · ${RLO_SHOWN}` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Choose a certificate file').setInputFiles({
    name: 'ca.pem',
    mimeType: 'application/x-pem-file',
    buffer: makeSelfSignedCertificate(`${RLO} CA`).pem,
  });
  await expect(dialog.getByRole('row', { name: /Subject/ })).toContainText(`CN=${RLO_SHOWN} CA`);
  expect(await page.locator('body').innerText()).not.toContain('\u202E');
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `"${RLO_SHOWN}" was uploaded` })).toBeVisible();

  expect(await page.locator('body').innerText()).not.toContain('\u202E');

  await page.goto('/admin/certificates');
  const row = page.getByRole('row').filter({ hasText: 'Primary' });
  await expect(row).toContainText(`${RLO_SHOWN} CA`);
  expect(await page.locator('body').innerText()).not.toContain('\u202E');
});

test('a 255-character group name wraps without widening the page', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto('/admin/device-connection');
  await page.getByRole('button', { name: 'New' }).click();
  const create = page.getByRole('dialog', { name: 'New enrollment group' });
  const name = 'n'.repeat(255);
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('nnnn');
  const widths = async () =>
    page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  const onPage = await widths();
  expect(onPage.scroll).toBeLessThanOrEqual(onPage.inner);
  await page.goto('/admin/device-connection');
  await expect(page.getByText('nnnn').first()).toBeVisible();
  const onList = await widths();
  expect(onList.scroll).toBeLessThanOrEqual(onList.inner);
});

test('a right-to-left override in a template name and in an import file shows as a mark everywhere', async ({
  page,
}) => {
  await openDevices(page);
  const templateId = 'dtmi:com:example:Hostile;1';
  await api(page, 'PUT', `/deviceTemplates/${encodeURIComponent(templateId)}`, {
    displayName: RLO,
    capabilityModel: { '@id': 'dtmi:com:example:Hostile;1', '@type': 'Interface', contents: [] },
  });
  await api(page, 'PUT', '/devices/rlo-template', { displayName: 'Plain', template: templateId });
  const noRawOverride = async () => expect(await page.locator('body').innerText()).not.toContain('\u202E');

  await openDevices(page, '?q=rlo-template');
  await expect(page.getByRole('grid', { name: 'Devices' })).toContainText(RLO_SHOWN);
  await noRawOverride();
  await page.goto('/device-templates');
  await expect(page.getByText(RLO_SHOWN).first()).toBeVisible();
  await noRawOverride();

  await openDevices(page);
  const dialog = await openImport(page);
  await dialog.getByRole('combobox', { name: 'Device template' }).click();
  await expect(page.getByRole('option', { name: RLO_SHOWN })).toBeVisible();
  await noRawOverride();
  await page.getByRole('option', { name: RLO_SHOWN }).click();
  const text = `IOTC_DEVICEID,IOTC_DEVICENAME\r\nrlo-import,${RLO}\r\nbad id,${RLO}\r\n`;
  await dialog
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'rlo.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(dialog.getByRole('table', { name: 'Invalid rows' })).toContainText(RLO_SHOWN);
  await noRawOverride();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText(/Import finished: 1 created/)).toBeVisible();
  await noRawOverride();
  expect(await api<{ displayName: string }>(page, 'GET', '/devices/rlo-import')).toMatchObject({
    displayName: RLO,
  });
});
