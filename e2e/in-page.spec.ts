// The static demo (`npm run build:static`): the backend runs in the page and keeps its data in IndexedDB.
// One smoke journey, and the rule that keeps two tabs from overwriting each other's data.
import { deviceRow, expect, openDevices, test } from './fixtures';

test('smoke: approve a waiting device, and it stays approved after a reload', async ({ page, consoleErrors }) => {
  await openDevices(page, '?status=waitingForApproval');
  const row = deviceRow(page, 'thermostat-0004');
  await row.getByRole('button', { name: /Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'approved' })).toBeVisible();
  await page.reload();
  await page.goto('/devices/thermostat-0004');
  await expect(page.getByRole('region', { name: 'Overview' }).getByText('Registered', { exact: true })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('one tab at a time owns the in-page demo; another takes over on request and sees the data', async ({ context }) => {
  const first = await context.newPage();
  await openDevices(first, '?status=waitingForApproval');

  const second = await context.newPage();
  await second.goto('/devices');
  const elsewhere = second.getByRole('alertdialog', { name: 'The demo is open in another tab' });
  await expect(elsewhere).toBeVisible();
  await expect(second.getByRole('grid', { name: 'Devices' })).toHaveCount(0);

  // The first tab changes something, then the second takes over and sees it.
  const row = deviceRow(first, 'thermostat-0004');
  await row.getByRole('button', { name: /Actions for/ }).click();
  await first.getByRole('menuitem', { name: 'Approve' }).click();
  await expect(first.getByRole('alert').filter({ hasText: 'approved' })).toBeVisible();

  await elsewhere.getByRole('button', { name: 'Use it here' }).click();
  await expect(second.getByRole('grid', { name: 'Devices' })).toBeVisible();
  await second.goto('/devices/thermostat-0004');
  await expect(second.getByRole('region', { name: 'Overview' }).getByText('Registered', { exact: true })).toBeVisible();

  // The first tab stopped at once and says why; it cannot write any more.
  const stopped = first.getByRole('alertdialog', { name: 'The demo is open in another tab' });
  await expect(stopped).toBeVisible();
  await expect(stopped).toContainText('Another tab took over the demo');

  // And it can take the demo back, with the latest data.
  await stopped.getByRole('button', { name: 'Use it here' }).click();
  await expect(first.getByRole('grid', { name: 'Devices' })).toBeVisible();
  await expect(second.getByRole('alertdialog', { name: 'The demo is open in another tab' })).toBeVisible();
});
