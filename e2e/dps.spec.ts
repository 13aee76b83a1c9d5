// Devices that connect through DPS: the "connect without registering" journey. Auto approve off, a new
// device registers itself in the Simulator and waits for approval; an operator migrates it to a
// template and approves it; it registers again and is Provisioned.
import type { Page } from '@playwright/test';
import { deviceRow, expect, registerWithTypedKey, test } from './fixtures';

const DEVICE_ID = 'lobby-sensor-42';
/** A template of the seed's application. */
const MODEL_ID = 'dtmi:com:example:Thermostat;1';

/** Registers DEVICE_ID in the Simulator with a key derived from the SAS group key; returns the result region. */
async function registerInSimulator(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulator' }).click();
  const form = page.getByRole('form', { name: 'Register a device' });
  await form.getByRole('textbox', { name: 'Registration ID' }).fill(DEVICE_ID);
  await form.getByRole('button', { name: "Use the group's primary key" }).click();
  await expect(form.getByRole('textbox', { name: 'Derived device key' })).toBeVisible();
  await form.getByRole('button', { name: 'Register' }).click();
  const result = page.getByRole('region', { name: 'Registration result' });
  await expect(result).toBeVisible();
  return result;
}

async function openDevice(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(DEVICE_ID);
  const row = deviceRow(page, DEVICE_ID);
  await expect(row).toBeVisible();
  return row;
}

test.describe('Devices that connect (DPS)', () => {
  test('connect without registering: waiting for approval, migrate and approve, then provisioned', async ({
    page,
  }) => {
    // Administration > Device connection: Auto approve off.
    await page.goto('/admin/device-connection');
    const autoApprove = page.getByRole('switch', { name: 'Auto approve' });
    await expect(autoApprove).toBeChecked();
    await autoApprove.click();
    await expect(page.getByText(/Off: a device that registers itself waits for approval/)).toBeVisible();

    // The device registers itself: DPS answers 202, the poll says it is not approved, and it waits.
    const first = await registerInSimulator(page);
    await expect(page.getByText(/Auto approve is off/).first()).toBeVisible();
    await expect(first.getByText('Registration failed (error 400209)')).toBeVisible();
    await expect(first.getByText(/waiting for approval, because Auto approve is off/)).toBeVisible();
    await expect(first.getByText('Waiting for approval', { exact: true })).toBeVisible();
    const steps = page.getByRole('list', { name: 'Protocol steps' }).getByRole('listitem');
    await expect(steps.filter({ hasText: '202 Accepted' })).toHaveCount(1);
    await expect(steps.filter({ hasText: '200 OK' })).toHaveCount(1);

    // The operator sees it in the grid, migrates it to a template and approves it.
    let row = await openDevice(page);
    await expect(row.getByRole('gridcell', { name: 'Waiting for approval' })).toBeVisible();
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Migrate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Migrate device' });
    await dialog.getByRole('combobox', { name: 'Device template' }).click();
    await page.getByRole('option', { name: 'Thermostat' }).click();
    await dialog.getByRole('button', { name: 'Migrate' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'migrated' })).toBeVisible();
    await expect(row.getByRole('gridcell', { name: 'Thermostat', exact: true })).toBeVisible();
    await row.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Approve' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'approved' })).toBeVisible();
    await expect(row.getByRole('gridcell', { name: 'Registered' })).toBeVisible();

    // It registers again: assigned, and Provisioned in IoT Central.
    const second = await registerInSimulator(page);
    await expect(second.getByText('Assigned', { exact: true })).toBeVisible();
    await expect(second.getByText('Provisioned', { exact: true })).toBeVisible();

    row = await openDevice(page);
    await expect(row.getByRole('gridcell', { name: 'Provisioned' })).toBeVisible();
    await page.goto(`/devices/${DEVICE_ID}`);
    const history = page.getByRole('table', { name: 'Status history' });
    for (const action of ['Registered', 'Migrated', 'Approved', 'Provisioned']) {
      await expect(history.getByRole('cell', { name: new RegExp(`^${action}`, 'i') }).first()).toBeVisible();
    }
  });

  test("registers through the console server's DPS over HTTPS: one device, then a batch", async ({ page, consoleErrors }) => {
    // Tall enough for the form and the steps in one screenshot (a full-page one repeats the fixed top bar).
    await page.setViewportSize({ width: 1280, height: 1200 });
    await page.goto('/simulator');
    await page.getByRole('combobox', { name: 'DPS endpoint' }).click();
    await page.getByRole('option', { name: /^DPS over HTTPS \(localhost:\d+\)$/ }).click();

    // One device: every step is the exchange the server had with its DPS over TLS.
    const form = page.getByRole('form', { name: 'Register a device' });
    await form.getByRole('textbox', { name: 'Registration ID' }).fill('https-sensor-1');
    await form.getByRole('button', { name: "Use the group's primary key" }).click();
    await expect(form.getByRole('textbox', { name: 'Derived device key' })).toBeVisible();
    // A model ID gives it a template: a device without one is Unassociated, whatever it did.
    await form.getByRole('combobox', { name: 'Model ID (optional)' }).fill(MODEL_ID);
    await form.getByRole('button', { name: 'Register' }).click();
    const result = page.getByRole('region', { name: 'Registration result' });
    await expect(result.getByText('Assigned', { exact: true })).toBeVisible();
    await expect(result.getByText('Provisioned', { exact: true })).toBeVisible();
    await expect(page.getByText(/^Sent to https:\/\/localhost:\d+ over TLS by the console server/)).toBeVisible();
    const steps = page.getByRole('list', { name: 'Protocol steps' }).getByRole('listitem');
    await expect(steps.first()).toContainText(/PUT \/[^/]+\/registrations\/https-sensor-1\/register/);
    await expect(steps.filter({ hasText: '202 Accepted' })).toHaveCount(1);
    await expect(steps.filter({ hasText: '200 OK' })).toHaveCount(1);
    await page.screenshot({ path: 'docs/simulator-https.png' });

    // A batch, with its rate.
    await page.getByRole('tab', { name: 'Register many devices' }).click();
    const batch = page.getByRole('form', { name: 'Register many devices' });
    await batch.getByRole('button', { name: "Use the group's primary key" }).click();
    await batch.getByRole('textbox', { name: 'Number of devices' }).fill('20');
    await batch.getByRole('textbox', { name: 'Device ID prefix' }).fill('https-fleet-');
    await batch.getByRole('textbox', { name: 'Model ID (optional)' }).fill(MODEL_ID);
    await batch.getByRole('button', { name: 'Register devices' }).click();
    const progress = page.getByRole('region', { name: 'Batch progress' });
    await expect(progress.getByText('Done: every device got an answer from DPS.')).toBeVisible();
    await expect(progress.getByText('20 devices assigned')).toBeVisible();
    await expect(progress.getByText(/20 of 20 registered · [\d.]+ registrations per second/)).toBeVisible();
    console.log(`HTTPS batch: ${await progress.getByText(/registrations per second/).textContent()}`);
    await page.screenshot({ path: 'docs/simulator-https-batch.png' });

    for (const id of ['https-sensor-1', 'https-fleet-0001', 'https-fleet-0020']) {
      await page.goto(`/devices?q=${id}`);
      await expect(deviceRow(page, id).getByRole('gridcell', { name: 'Provisioned' })).toBeVisible();
    }
    expect(consoleErrors).toEqual([]);
  });

  test('a device with a wrong key is refused and nothing is created', async ({ page, consoleErrors }) => {
    const { result } = await registerWithTypedKey(page, 'intruder-1');
    await expect(result.getByText('DPS refused the registration (HTTP 401, error 401002)')).toBeVisible();
    await expect(result.getByText('not created')).toBeVisible();
    // The browser logs DPS's 401 as a failed resource load: that answer is what this test expects.
    expect(consoleErrors.filter((e) => /status of 401/.test(e))).toHaveLength(1);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !/status of 401/.test(e)));
  });
});
