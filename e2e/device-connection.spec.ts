// Administration > Device connection: Auto approve, enrollment groups, SAS keys and derived device keys.
import { deriveDeviceKey } from '../src/lib/sas-keys';
import { expect, test } from './fixtures';

test.describe('Device connection', () => {
  test('Auto approve persists across a reload', async ({ page, consoleErrors }) => {
    await page.goto('/admin/device-connection');
    const toggle = page.getByRole('switch', { name: 'Auto approve' });
    await expect(toggle).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'ID scope' })).toHaveValue(/^0ne[0-9A-F]{8}$/);
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(page.getByText(/Off: a device that registers itself waits for approval/)).toBeVisible();
    // The demo saves its data shortly after a change.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('switch', { name: 'Auto approve' }).isChecked();
      })
      .toBe(false);
    expect(consoleErrors).toEqual([]);
  });

  test('create an X.509 group, edit it, and see it in the list', async ({ page, consoleErrors }) => {
    await page.goto('/admin/device-connection');
    await page.getByRole('button', { name: 'New' }).click();
    const dialog = page.getByRole('dialog', { name: 'New enrollment group' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Gateways (X.509)');
    await expect(dialog.getByRole('textbox', { name: 'Group ID' })).toHaveValue('gateways-x-509');
    await dialog.getByRole('radio', { name: 'IoT Edge devices' }).check();
    await dialog.getByRole('radio', { name: 'Certificates (X.509)' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();

    await expect(page).toHaveURL(/\/admin\/device-connection\/groups\/gateways-x-509$/);
    await expect(page.getByRole('heading', { name: 'Gateways (X.509)', level: 1 })).toBeVisible();
    const settings = page.getByRole('table', { name: 'Enrollment group settings' });
    await expect(settings).toContainText('Certificates (X.509)');
    await expect(settings).toContainText('IoT Edge devices');
    await expect(page.getByRole('heading', { name: 'CA certificates (X.509)' })).toBeVisible();

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit "Gateways (X.509)"' });
    await edit.getByRole('switch', { name: 'Enabled' }).uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/This group is disabled: it refuses every registration/)).toBeVisible();

    await page.getByRole('link', { name: 'Device connection' }).first().click();
    const row = page
      .getByRole('table', { name: 'Enrollment groups' })
      .getByRole('row', { name: /Gateways \(X\.509\)/ });
    await expect(row).toContainText('Certificates (X.509)');
    await expect(row).toContainText('Primary: none · Secondary: none');
    await expect(row).toContainText('Disabled');
    expect(consoleErrors).toEqual([]);
  });

  test('regenerate a key after the warning; derive keys for two IDs as dps-keygen does', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto('/admin/device-connection');
    await page.getByRole('link', { name: 'SAS-IoT-Devices' }).click();
    await expect(page.getByRole('heading', { name: 'SAS-IoT-Devices', level: 1 })).toBeVisible();

    const primary = page.getByRole('textbox', { name: 'Primary key' });
    await expect(primary).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show Primary key' }).click();
    await expect(primary).toHaveAttribute('type', 'text');
    const before = await primary.inputValue();
    expect(atob(before)).toHaveLength(64);

    await page.getByRole('button', { name: 'Regenerate primary key' }).click();
    const confirm = page.getByRole('dialog', { name: 'Regenerate the primary key?' });
    await expect(confirm).toContainText(
      'Every device key derived from the primary key of "SAS-IoT-Devices" changes',
    );
    await confirm.getByRole('button', { name: 'Regenerate' }).click();
    await expect(primary).not.toHaveValue(before);
    const groupKey = await primary.inputValue();
    expect(atob(groupKey)).toHaveLength(64);

    await page.getByRole('textbox', { name: 'Device IDs' }).fill('pump-001\npump-002');
    await page.getByRole('button', { name: 'Derive keys' }).click();
    const table = page.getByRole('table', { name: 'Derived device keys' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await page.getByRole('switch', { name: 'Show device keys' }).check();
    const expected = await deriveDeviceKey(groupKey, 'pump-002');
    await expect(table.getByRole('row', { name: /pump-002/ })).toContainText(expected);
    await expect(table.getByRole('row', { name: /pump-001/ })).toContainText(
      await deriveDeviceKey(groupKey, 'pump-001'),
    );
    await expect(table.getByRole('row', { name: /pump-001/ })).not.toContainText(
      await deriveDeviceKey(before, 'pump-001'),
    );
    expect(consoleErrors).toEqual([]);
  });
});
