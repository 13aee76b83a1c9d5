// Under 10% injected faults (500s, 429 with Retry-After, dropped connections before and after the
// server applied the request), an import of 10,000 devices, a bulk Approve and a bulk Block must end
// in exactly the expected state: nothing lost, nothing applied twice.
import type { Page } from '@playwright/test';
import { api, expect, openDevices, reseed, test } from './fixtures';

const IMPORTED = 10_000;

async function count(page: Page, filter: string): Promise<number> {
  const result = await api<{ '@odata.count': number }>(page, 'GET', `/devices?$top=1&$count=true&$filter=${encodeURIComponent(filter)}`);
  return result['@odata.count'];
}

function importCsv(): Buffer {
  const lines = ['IOTC_DEVICEID,IOTC_DEVICENAME'];
  for (let i = 1; i <= IMPORTED; i++) lines.push(`imp-${String(i).padStart(5, '0')},Imported sensor ${i}`);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

test('import 10,000, bulk Approve, bulk Block under 10% injected faults end in exactly the expected state', async ({ page }) => {
  // About 22,000 requests, a tenth of them failing (429s wait a second): minutes, not seconds.
  test.setTimeout(20 * 60_000);
  // 10,000 seeded devices: 2,000 registered themselves and wait for approval, 1,000 of those are also blocked.
  await reseed(page, 10_000);
  const waitingBefore = await count(page, 'approvalPending eq true and blocked eq false');
  const blockedBefore = await count(page, 'blocked eq true');
  expect(waitingBefore).toBe(1_000);

  await openDevices(page, '?faults=0.1');
  expect(await api<{ faultRate: number }>(page, 'GET', '/extensions/demo')).toMatchObject({ faultRate: 0.1 });

  // Import 10,000 new devices.
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Import' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import devices' });
  await importDialog.getByLabel('Choose a file').setInputFiles({ name: 'fleet.csv', mimeType: 'text/csv', buffer: importCsv() });
  await expect(importDialog.getByRole('group', { name: 'Dry run summary' }).getByRole('group', { name: 'New' })).toContainText(
    '10,000',
    { timeout: 60_000 },
  );
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importDialog.getByText(/^Import finished: 10,000 created/)).toBeVisible({ timeout: 240_000 });
  await importDialog.getByRole('button', { name: 'Close' }).click();

  // Bulk Approve every device waiting for approval.
  await openDevices(page, '?status=waitingForApproval&size=100');
  await page.getByRole('grid', { name: 'Devices' }).getByRole('checkbox', { name: 'Select all rows' }).check();
  await page.getByRole('button', { name: /^Select all [\d,]+ devices matching this view$/ }).click();
  await expect(page.getByText(`All ${waitingBefore.toLocaleString('en-US')} devices matching this view are selected.`)).toBeVisible();
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: /^Approve [\d,]+ devices\?$/ }).getByRole('button', { name: /^Approve [\d,]+ devices$/ }).click();
  const approveReport = page.getByRole('dialog', { name: 'Approve: finished' });
  await expect(approveReport.getByText(`${waitingBefore.toLocaleString('en-US')} devices approved.`)).toBeVisible({ timeout: 360_000 });
  await approveReport.getByRole('button', { name: 'Close' }).click();

  // Bulk Block the imported devices.
  await openDevices(page, '?q=imp-&size=100');
  await page.getByRole('grid', { name: 'Devices' }).getByRole('checkbox', { name: 'Select all rows' }).check();
  await page.getByRole('button', { name: 'Select all 10,000 devices matching this view' }).click();
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Block', exact: true }).click();
  await page.getByRole('dialog', { name: 'Block 10,000 devices?' }).getByRole('button', { name: 'Block 10,000 devices' }).click();
  const blockReport = page.getByRole('dialog', { name: 'Block: finished' });
  await expect(blockReport.getByText('10,000 devices blocked.')).toBeVisible({ timeout: 720_000 });

  // Faults off, then check the whole application's state.
  await api(page, 'PATCH', '/extensions/demo', { faultRate: 0 });
  expect(await count(page, "contains(id, 'imp-')")).toBe(IMPORTED);
  expect(await count(page, '')).toBe(10_000 + IMPORTED);
  expect(await count(page, "contains(id, 'imp-') and blocked eq true")).toBe(IMPORTED);
  expect(await count(page, 'approvalPending eq true and blocked eq false')).toBe(0);
  expect(await count(page, 'blocked eq true')).toBe(blockedBefore + IMPORTED);
  // The approved devices are Registered (their template is set and they have not provisioned since).
  const approved = await api<{ value: { id: string }[] }>(page, 'GET', '/extensions/devices/thermostat-0004/history');
  expect(approved.value.filter((e) => (e as unknown as { action: string }).action === 'approved')).toHaveLength(1);
});
