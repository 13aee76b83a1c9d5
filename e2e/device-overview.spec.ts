// The device page's overview: status with its meaning and the next action, template, how the device
// authenticates now, and its provisioning.
import { api, expect, test } from './fixtures';

test('the overview says what a waiting device is, what to do next, and how it authenticates', async ({ page, consoleErrors }) => {
  await page.goto('/devices/thermostat-0004');
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByText('Waiting for approval', { exact: true })).toBeVisible();
  await expect(overview.getByText('Next: Approve so that it can connect.')).toBeVisible();
  await expect(overview.getByText(/^Through an enrollment group/)).toBeVisible();
  await expect(overview.getByText('Thermostat', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
  await page.screenshot({ path: 'test-results/device-overview-waiting.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('a device with an individual SAS enrollment says so; a provisioned one says when it last registered', async ({ page }) => {
  await page.goto('/devices');
  await api(page, 'PUT', '/devices/filler-0003/attestation', {
    type: 'symmetricKey',
    symmetricKey: { primaryKey: Buffer.alloc(32, 1).toString('base64'), secondaryKey: Buffer.alloc(32, 2).toString('base64') },
  });
  await page.goto('/devices/filler-0003');
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByText('Provisioned', { exact: true })).toBeVisible();
  await expect(overview.getByText(/^Individual enrollment, shared access signature/)).toBeVisible();
  await expect(overview.getByText(/^Provisioned: DPS assigned it/)).toBeVisible();
  await page.screenshot({ path: 'test-results/device-overview-provisioned.png', fullPage: true });
});
