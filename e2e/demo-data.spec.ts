// The demo keeps its data in IndexedDB by chunks of devices and, after a reload, shows the first page
// before every chunk is back. A reload right after a change keeps it, in every chunk, in the same order,
// and a view that needs all devices (a sort) waits for them.
import type { Page } from '@playwright/test';
import { callApi, expect, openDevices, reseed, test, visibleDeviceIds } from './fixtures';

/** The id of the device at a position of the unsorted list (insertion order). */
async function idAt(page: Page, position: number): Promise<string | undefined> {
  const skip = Buffer.from(JSON.stringify({ offset: position })).toString('base64');
  const { json } = await callApi(page, 'GET', `/devices?$top=1&$skiptoken=${encodeURIComponent(skip)}`);
  return (json as { value: { id: string }[] }).value[0]?.id;
}

test('a reload right after changes keeps them, in every chunk and in order, in a demo of 3,500 devices', async ({
  page,
  consoleErrors,
}) => {
  await openDevices(page);
  await reseed(page, 3500);
  await page.reload();
  await expect(page.getByText('1–25 of 3,500')).toBeVisible();

  // thermostat-3004 waits for approval and lives in the fourth chunk; env-sensor-0002 in the first.
  const approve = await callApi(page, 'PATCH', '/devices/thermostat-3004', { enabled: true });
  expect(approve.status).toBe(200);
  expect((await callApi(page, 'DELETE', '/devices/env-sensor-0002')).status).toBe(204);
  const created = await callApi(page, 'PUT', '/devices/e2e-new-1', {
    displayName: 'Added last',
    enabled: true,
  });
  expect(created.status).toBe(200);
  await page.reload();

  await expect(page.getByText('1–25 of 3,500')).toBeVisible();
  expect((await visibleDeviceIds(page)).slice(0, 3)).toEqual([
    'thermostat-0001',
    'filler-0003',
    'thermostat-0004',
  ]);

  // A sorted view needs every device: it waits for the last chunk, which holds the new device.
  await page.goto('/devices?sort=id');
  await expect.poll(async () => (await visibleDeviceIds(page))[0]).toBe('e2e-new-1');

  // Insertion order is kept: the new device comes last, the one before it is the seed's last.
  expect(await idAt(page, 3499)).toBe('e2e-new-1');
  expect(await idAt(page, 3498)).toBe('env-sensor-3500');

  await page.goto('/devices?q=thermostat-3004');
  await expect.poll(() => visibleDeviceIds(page)).toEqual(['thermostat-3004']);
  await expect(page.getByRole('gridcell', { name: 'Registered' })).toBeVisible();

  await page.goto('/devices?q=env-sensor-0002');
  await expect(page.getByText('No devices match this view')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
