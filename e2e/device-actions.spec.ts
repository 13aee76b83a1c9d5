import { deviceRow, expect, openDevices, reseed, test, visibleDeviceIds } from './fixtures';

test.describe('Device actions', () => {
  test('approve a waiting device', async ({ page }) => {
    await openDevices(page, '?status=waitingForApproval');
    const row = deviceRow(page, 'thermostat-0004');
    await expect(row.getByRole('gridcell', { name: 'Waiting for approval' })).toBeVisible();
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Approve' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'approved' })).toBeVisible();
    await expect(row).toHaveCount(0);

    await page.goto('/devices/thermostat-0004');
    await expect(page.getByRole('region', { name: 'Overview' }).getByText('Registered', { exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Status history' }).getByText('approved')).toBeVisible();
  });

  test('block a provisioned device, unblock it, and see Provisioned again', async ({ page }) => {
    await openDevices(page, '?q=filler-0003');
    const row = deviceRow(page, 'filler-0003');
    await expect(row.getByRole('gridcell', { name: 'Provisioned' })).toBeVisible();
    await row.getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Block', exact: true }).click();
    await expect(row.getByRole('gridcell', { name: 'Blocked' })).toBeVisible();
    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Unblock' }).click();
    await expect(row.getByRole('gridcell', { name: 'Provisioned' })).toBeVisible();
  });

  test('migrate an unassociated device', async ({ page }) => {
    await openDevices(page, '?template=unassociated');
    const row = deviceRow(page, 'env-sensor-0008');
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Migrate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Migrate device' });
    await dialog.getByRole('combobox', { name: 'Device template' }).click();
    await page.getByRole('option', { name: 'Environment sensor' }).click();
    await dialog.getByRole('button', { name: 'Migrate' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'migrated' })).toBeVisible();
    await expect(row).toHaveCount(0);
    await page.goto('/devices?q=env-sensor-0008');
    await expect(deviceRow(page, 'env-sensor-0008').getByRole('gridcell', { name: 'Environment sensor', exact: true })).toBeVisible();
  });

  test('bulk-block 200 devices across pages', async ({ page }) => {
    await reseed(page, 400);
    await openDevices(page, '?size=100&sort=id');
    const grid = page.getByRole('grid', { name: 'Devices' });
    await grid.getByRole('checkbox', { name: 'Select all rows' }).check();
    await expect(page.getByText('100 devices selected.')).toBeVisible();
    const firstPage = await visibleDeviceIds(page);
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect.poll(async () => (await visibleDeviceIds(page))[0]).not.toBe(firstPage[0]);
    await grid.getByRole('checkbox', { name: 'Select all rows' }).check();
    await expect(page.getByText('200 devices selected, 100 not on this page.')).toBeVisible();

    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByRole('dialog', { name: 'Block 200 devices?' }).getByRole('button', { name: 'Block 200 devices' }).click();
    const report = page.getByRole('dialog', { name: 'Block: finished' });
    // Of the 200 selected, the seed had already blocked some: they are skipped, not blocked twice.
    await expect(report.getByText(/^\d+ devices blocked\. \d+ devices skipped: already blocked\.$/)).toBeVisible({ timeout: 30_000 });
    const [blocked, skipped] = ((await report.getByRole('alert').innerText()).match(/\d+/g) ?? []).map(Number);
    expect((blocked ?? 0) + (skipped ?? 0)).toBe(200);
    await report.getByRole('button', { name: 'Close' }).click();

    // Every one of the first 200 devices by ID is now blocked.
    await openDevices(page, '?size=100&sort=id&page=2');
    await expect(page.getByText('101–200 of 400')).toBeVisible();
    await expect(page.getByRole('gridcell', { name: 'Provisioned' })).toHaveCount(0);
    await openDevices(page, '?size=100&sort=id&page=3');
    await expect(page.getByText('201–300 of 400')).toBeVisible();
    await expect(page.getByRole('gridcell', { name: 'Provisioned' }).first()).toBeVisible();
  });

  test('delete with confirmation', async ({ page }) => {
    await openDevices(page);
    await deviceRow(page, 'thermostat-0001').getByRole('checkbox').check();
    await deviceRow(page, 'env-sensor-0002').getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 2 devices?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(deviceRow(page, 'thermostat-0001')).toBeVisible();

    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 devices?' }).getByRole('button', { name: 'Delete 2 devices' }).click();
    await expect(page.getByRole('dialog', { name: /Delete: finished/ }).getByText('2 devices deleted.')).toBeVisible();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(deviceRow(page, 'thermostat-0001')).toHaveCount(0);
    await expect(page.getByText('1–25 of 58')).toBeVisible();
  });

  test('New creates a device and refuses a duplicate ID', async ({ page }) => {
    await openDevices(page);
    await page.getByRole('button', { name: 'New' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a new device' });
    await dialog.getByRole('textbox', { name: 'Device name' }).fill('Boiler room sensor');
    await dialog.getByRole('textbox', { name: 'Device ID' }).fill('Boiler-1');
    await expect(dialog.getByText('Device IDs are lower case: use "boiler-1".')).toBeVisible();
    await dialog.getByRole('button', { name: 'Use lower case' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Device ID' })).toHaveValue('boiler-1');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Boiler room sensor' })).toBeVisible();

    await page.getByRole('button', { name: 'New' }).click();
    await dialog.getByRole('textbox', { name: 'Device ID' }).fill('boiler-1');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByText('A device with ID "boiler-1" already exists. Choose another ID.')).toBeVisible();
  });
});
