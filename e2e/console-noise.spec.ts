// Normal use asks the API nothing it expects to be refused: no 404 for a device without an individual
// enrollment (Connect), none for New's check that an ID is free, no 403 for an Operator's Connect. The
// browser logs every 4xx as a console error, whatever the app does with the answer.
import type { Page } from '@playwright/test';
import { deviceRow, expect, openDevices, test } from './fixtures';

function refusedApiCalls(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname.startsWith('/api/')) {
      refused.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    }
  });
  return refused;
}

async function openConnect(page: Page, id: string) {
  await openDevices(page, `?q=${id}`);
  await deviceRow(page, id).getByRole('button', { name: /Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Connect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device connection' });
  await expect(dialog.getByRole('textbox', { name: 'ID scope' })).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Authentication type' })).toBeVisible();
  return dialog;
}

test('Connect, New and an Operator\'s Connect ask nothing that is refused', async ({ page, consoleErrors }) => {
  const refused = refusedApiCalls(page);
  const dialog = await openConnect(page, 'filler-0003');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'New' }).click();
  const create = page.getByRole('dialog', { name: 'Create a new device' });
  await create.getByRole('textbox', { name: 'Device name' }).fill('Quiet thermostat');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Device "Quiet thermostat" created.' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Operator' }).click();
  await openConnect(page, 'filler-0003');
  expect(refused).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
