import { expect, openDevices, test, visibleDeviceIds } from './fixtures';

test.describe('Devices grid', () => {
  test('the demo loads with no console errors and shows the seed', async ({ page, consoleErrors }) => {
    await openDevices(page);
    await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
    await expect(page.getByRole('gridcell', { name: 'thermostat-0001' })).toBeVisible();
    await expect(page.getByText('1–25 of 60')).toBeVisible();
    for (const status of ['Provisioned', 'Registered', 'Waiting for approval', 'Blocked', 'Unassociated']) {
      await expect(page.getByRole('gridcell', { name: status }).first()).toBeVisible();
    }
    expect(consoleErrors).toEqual([]);
  });

  test('search changes the URL and the rows', async ({ page }) => {
    await openDevices(page);
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('filler-0003');
    await expect(page).toHaveURL(/q=filler-0003/);
    await expect.poll(() => visibleDeviceIds(page)).toEqual(['filler-0003']);
  });

  test('filter by status and by template change the URL and the rows', async ({ page }) => {
    await openDevices(page);
    await page.getByRole('combobox', { name: 'Device status' }).click();
    await page.getByRole('option', { name: 'Blocked' }).click();
    await expect(page).toHaveURL(/status=blocked/);
    await expect(page.getByRole('gridcell', { name: 'Provisioned' })).toHaveCount(0);
    await expect(page.getByRole('gridcell', { name: 'Blocked' }).first()).toBeVisible();

    await page.getByRole('combobox', { name: 'Device status' }).click();
    await page.getByRole('option', { name: 'All statuses' }).click();
    await page.getByRole('combobox', { name: 'Device template' }).click();
    await page.getByRole('option', { name: 'Unassociated' }).click();
    await expect(page).toHaveURL(/template=unassociated/);
    await expect(page.getByRole('gridcell', { name: 'Thermostat', exact: true })).toHaveCount(0);
    await expect(page.getByText('1–6 of 6')).toBeVisible();
  });

  test('sort and paging change the URL and the rows, and a reload keeps the state', async ({ page }) => {
    await openDevices(page);
    const firstPage = await visibleDeviceIds(page);
    await page.getByRole('columnheader', { name: 'Device name' }).click();
    await expect(page).toHaveURL(/sort=displayName/);
    await expect.poll(async () => (await visibleDeviceIds(page))[0]).not.toBe(firstPage[0]);
    const sorted = await visibleDeviceIds(page);

    await page.getByRole('button', { name: 'Go to next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText('26–50 of 60')).toBeVisible();
    await expect.poll(async () => (await visibleDeviceIds(page))[0]).not.toBe(sorted[0]);
    const secondPage = await visibleDeviceIds(page);
    expect(secondPage).not.toContain(sorted[0]);

    await page.reload();
    await expect(page.getByText('26–50 of 60')).toBeVisible();
    await expect.poll(() => visibleDeviceIds(page)).toEqual(secondPage);
    await expect(page.getByRole('columnheader', { name: 'Device name' })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('sort by Device status and Device template is the server\'s, kept in the URL', async ({ page }) => {
    await openDevices(page);
    const grid = page.getByRole('grid', { name: 'Devices' });
    const statuses = () => grid.locator('[role="row"] [data-field="status"][role="gridcell"]').allInnerTexts();

    await page.getByRole('columnheader', { name: 'Device status' }).click();
    await expect(page).toHaveURL(/sort=status(&|$)/);
    await expect.poll(async () => (await statuses())[0]).toBe('Blocked');
    const ascending = await statuses();
    expect(ascending).toEqual([...ascending].sort());

    await page.getByRole('columnheader', { name: 'Device status' }).click();
    await expect(page).toHaveURL(/sort=-status/);
    await expect.poll(async () => (await statuses())[0]).toBe('Waiting for approval');
    // The last page of the descending order ends where the ascending order starts: the whole list is sorted.
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await expect(page).toHaveURL(/page=3/);
    await expect.poll(async () => (await statuses()).at(-1)).toBe('Blocked');

    await page.goto('/devices?sort=template');
    await expect(page.getByRole('columnheader', { name: 'Device template' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell', { name: 'Unassociated' }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'Device template' })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('a bad filter in a link shows a clear message, not a blank page', async ({ page }) => {
    await page.goto('/devices?template=nope%27');
    await expect(page.getByRole('grid', { name: 'Devices' })).toBeVisible();
    await expect(page.getByText('No devices match this view')).toBeVisible();
  });

  test('Manage columns hides and shows data columns, not the selection checkboxes', async ({ page }) => {
    await openDevices(page);
    const grid = page.getByRole('grid', { name: 'Devices' });
    await grid.getByRole('columnheader', { name: 'Simulated' }).hover();
    await grid.getByRole('columnheader', { name: 'Simulated' }).getByRole('button', { name: /menu/i }).click();
    await page.getByRole('menuitem', { name: 'Manage columns' }).click();
    const panel = page.getByRole('dialog', { name: 'Select columns' });
    await expect(panel.getByRole('checkbox', { name: 'Device status' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'Checkbox selection' })).toHaveCount(0);
    await panel.getByRole('checkbox', { name: 'Simulated' }).uncheck();
    await page.keyboard.press('Escape');
    await expect(grid.getByRole('columnheader', { name: 'Simulated' })).toHaveCount(0);
    await expect(grid.getByRole('columnheader', { name: 'Device status' })).toBeVisible();
  });

  test('an unknown address says so, with a way back to Devices', async ({ page, consoleErrors }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('alert')).toContainText('There is no page at this address.');
    await page.getByRole('link', { name: 'Go to Devices' }).click();
    await expect(page.getByRole('grid', { name: 'Devices' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
