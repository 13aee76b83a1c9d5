// Issue 16, "The operator's day": the rough edges an operator met, each checked as they met it.
import { deviceRow, expect, openDevices, registerWithTypedKey, test } from './fixtures';

test('deleting a device from its own page goes back to the grid with a success notice, and no error', async ({
  page,
  consoleErrors,
}) => {
  await openDevices(page);
  await page.goto('/devices/filler-0003');
  const header = page.getByRole('heading', { level: 1 });
  await expect(header).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: /^Delete .*\?$/ }).getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/devices$/);
  await expect(page.getByRole('alert').filter({ hasText: 'deleted.' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh' })).toHaveCount(0);
  await expect(deviceRow(page, 'thermostat-0001')).toBeVisible();
  await expect(deviceRow(page, 'filler-0003')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a new notification replaces the one showing instead of waiting behind it', async ({ page }) => {
  await openDevices(page);
  await deviceRow(page, 'thermostat-0004').getByRole('button', { name: /^Actions for / }).click();
  await page.getByRole('menuitem', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'approved.' })).toBeVisible();
  await deviceRow(page, 'thermostat-0001').getByRole('button', { name: /^Actions for / }).click();
  await page.getByRole('menuitem', { name: 'Block' }).click();
  // Well before "approved" would have timed out (5 s): the new outcome shows at once, alone.
  await expect(page.getByRole('alert').filter({ hasText: 'blocked.' })).toBeVisible({ timeout: 3_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'approved.' })).toHaveCount(0);
});

test('Export with nothing selected offers every device matching the view', async ({ page }) => {
  await openDevices(page, '?status=blocked');
  const toolbar = page.getByRole('toolbar', { name: 'Device actions' });
  await toolbar.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export devices' });
  const exportAll = dialog.getByRole('button', { name: /^Export all \d+ devices? matching this view$/ });
  await expect(exportAll).toBeEnabled();
  const downloaded = page.waitForEvent('download');
  await exportAll.click();
  expect((await downloaded).suggestedFilename()).toMatch(/\.csv$/);
});

test('a selection is not dropped silently when the search changes', async ({ page }) => {
  await openDevices(page);
  await deviceRow(page, 'thermostat-0001').getByRole('checkbox').check();
  await deviceRow(page, 'filler-0003').getByRole('checkbox').check();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('thermostat');
  await expect(page).toHaveURL(/q=thermostat/);
  await expect(page.getByRole('alert').filter({ hasText: 'Selection cleared (2 devices)' })).toBeVisible();
});

test('Simulator: a new run clears the previous result, even when it stops at the form', async ({ page }) => {
  const { form, result } = await registerWithTypedKey(page, 'intruder-1');
  await expect(result.getByText(/DPS refused the registration/)).toBeVisible();
  // The second run stops at the form: the first run's result and steps go.
  await form.getByLabel('Device key', { exact: true }).fill('not base64!');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByText(/base64/i).first()).toBeVisible();
  await expect(result).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Protocol steps' })).toHaveCount(0);
});

test("an Operator's Simulator says reading the groups needs an administrator", async ({ page }) => {
  await openDevices(page);
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Operator' }).click();
  await page.goto('/simulator');
  await expect(page.getByText(/needs an administrator/).first()).toBeVisible();
  await expect(page.getByText('This application has no SAS enrollment group.')).toHaveCount(0);
});

test('Delete of several devices says what happens to them, in the plural', async ({ page }) => {
  await openDevices(page);
  await deviceRow(page, 'thermostat-0001').getByRole('checkbox').check();
  await deviceRow(page, 'filler-0003').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 devices?' });
  await expect(dialog).toContainText('This deletes 2 devices and their individual enrollments.');
  await expect(dialog).toContainText('register again and come back');
});

test('Approve, Block and Unblock of several devices ask first, naming the count; Cancel changes nothing', async ({
  page,
}) => {
  await openDevices(page);
  await deviceRow(page, 'thermostat-0001').getByRole('checkbox').check();
  await deviceRow(page, 'filler-0003').getByRole('checkbox').check();
  const toolbar = page.getByRole('toolbar', { name: 'Device actions' });
  await toolbar.getByRole('button', { name: 'Block', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Block 2 devices?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(deviceRow(page, 'filler-0003').getByRole('gridcell', { name: 'Provisioned' })).toBeVisible();
  await toolbar.getByRole('button', { name: 'Block', exact: true }).click();
  await ask.getByRole('button', { name: 'Block 2 devices' }).click();
  await expect(page.getByRole('dialog', { name: 'Block: finished' })).toBeVisible();
});

test('an out-of-range ?page= is clamped to the last page that exists', async ({ page }) => {
  await page.goto('/devices?page=99999999');
  await expect(page).toHaveURL(/page=3$/);
  await expect(page.getByRole('grid', { name: 'Devices' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByText('51–60 of 60')).toBeVisible();
});

test('after a failed load, the empty grid says so instead of "No devices match this view"', async ({ page }) => {
  // Every request fails (the demo backend's faults, from the URL): the page cannot load.
  await page.goto('/devices?faults=1&faultKinds=5xx');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Devices' })).toContainText('Could not load devices');
  await expect(page.getByText(/No devices match this view/)).toHaveCount(0);
  await expect(page.getByText(/of more than/)).toHaveCount(0);
});

test('the device page says what its status means and offers the next action', async ({ page }) => {
  await openDevices(page);
  await page.goto('/devices/thermostat-0004');
  await expect(page.getByText('Next: Approve so that it can connect.')).toBeVisible();
  await expect(page.getByText(/cannot connect until an operator approves it/)).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'approved.' })).toBeVisible();
  await expect(page.getByText(/^Next: /)).toHaveCount(0);
});
