import { expect, openDevices, test } from './fixtures';

test('an Operator works on devices but cannot open Administration, and the API refuses with 403', async ({ page }) => {
  await openDevices(page);
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Operator' }).click();

  // The navigation shows Administration closed, with the reason, instead of links to "Administrators only".
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Device connection' })).toHaveCount(0);
  await expect(navigation.getByRole('button', { name: /Device connection.*Administrators only/ })).toBeDisabled();
  await page.goto('/admin/device-connection');
  await expect(page.getByRole('alert').filter({ hasText: 'Administrators only' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Device connection', level: 1 })).toHaveCount(0);
  await page.goto('/admin/certificates');
  await expect(page.getByRole('alert').filter({ hasText: 'Administrators only' })).toBeVisible();

  const status = await page.evaluate(async () => {
    const response = await fetch('/api/enrollmentGroups?api-version=2022-07-31', {
      headers: { Authorization: 'SharedAccessSignature sr=demo&sig=demo&skn=operator&se=4102444800' },
    });
    return { status: response.status, body: await response.json() };
  });
  expect(status).toMatchObject({ status: 403, body: { error: { code: 'Forbidden' } } });

  // Devices still work for an Operator: block one and see it.
  await page.goto('/devices?q=filler-0003');
  const row = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'filler-0003', exact: true }) });
  await row.getByRole('button', { name: /Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Block' }).click();
  await expect(row.getByRole('gridcell', { name: 'Blocked' })).toBeVisible();

  // The role survives a reload; switching back restores Administration.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Role' })).toHaveText('Operator');
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Administrator' }).click();
  await page.getByRole('link', { name: 'Device connection' }).click();
  await expect(page.getByRole('heading', { name: 'Device connection', level: 1 })).toBeVisible();
});
