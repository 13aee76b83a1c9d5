// Two operators on the console server: what one does, the other sees without a reload, and a write made
// on what the other has since changed is refused.
import { api, callApi, deviceRow, expect, openDevices, test } from './fixtures';

test('an approval in one browser shows in another at once; a stale write is refused', async ({ browser }) => {
  const operatorA = await browser.newContext();
  const operatorB = await browser.newContext();
  const a = await operatorA.newPage();
  const b = await operatorB.newPage();

  await b.goto('/devices/thermostat-0004');
  const properties = b.getByRole('region', { name: 'Overview' });
  await expect(properties.getByText('Waiting for approval', { exact: true })).toBeVisible();
  await openDevices(b, '?status=waitingForApproval');
  await expect(deviceRow(b, 'thermostat-0004')).toBeVisible();
  const before = await api<{ etag: string }>(b, 'GET', '/devices/thermostat-0004');

  await openDevices(a, '?status=waitingForApproval');
  await deviceRow(a, 'thermostat-0004').getByRole('button', { name: /Actions for/ }).click();
  await a.getByRole('menuitem', { name: 'Approve' }).click();
  await expect(a.getByRole('alert').filter({ hasText: 'approved' })).toBeVisible();

  // B's grid drops the device from "Waiting for approval" without a reload.
  await expect(deviceRow(b, 'thermostat-0004')).toHaveCount(0);
  await b.goBack();
  await expect(properties.getByText('Registered', { exact: true })).toBeVisible();

  // B writes with the etag it read before A's approval: refused, and A's approval stands.
  const stale = await callApi(b, 'PATCH', '/devices/thermostat-0004', { displayName: 'Renamed by B', etag: before.etag });
  expect(stale.status).toBe(412);
  const now = await api<{ displayName: string; enabled: boolean }>(a, 'GET', '/devices/thermostat-0004');
  expect(now.enabled).toBe(true);
  expect(now.displayName).not.toBe('Renamed by B');

  await operatorA.close();
  await operatorB.close();
});
