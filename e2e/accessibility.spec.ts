// Accessibility: axe-core on every page and main dialog (no serious or critical violation), and the
// Devices journey done with the keyboard alone: search, move through the grid, select rows, open a row's
// Actions menu and Block, create a device with New, and close dialogs with Escape.
import type { Locator, Page } from '@playwright/test';
import { readCertFixtureText } from '../src/testing/fixtures/certs';
import { api, deviceRow, expect, expectNoA11yViolations, openDevices, test } from './fixtures';

const X509_GROUP = 'Factory line';

/** Checks a dialog (open, with its transition done), then closes it with Escape. */
async function checkDialog(page: Page, dialog: Locator) {
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.describe('axe: no serious or critical violations', () => {
  test('Devices, its dialogs and the device page', async ({ page }) => {
    // Eleven axe runs: 45-55 s on a busy 2-core machine, too close to the default minute.
    test.setTimeout(120_000);
    await openDevices(page);
    await expectNoA11yViolations(page);
    const toolbar = page.getByRole('toolbar', { name: 'Device actions' });

    await toolbar.getByRole('button', { name: 'New' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Create a new device' }));

    await toolbar.getByRole('button', { name: 'Import' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Import devices' }));

    await deviceRow(page, 'env-sensor-0008').getByRole('checkbox').check();
    await expectNoA11yViolations(page); // the grid with a selection
    await toolbar.getByRole('button', { name: 'Migrate' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Migrate device' }));

    await toolbar.getByRole('button', { name: 'Export' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Export devices' }));

    await toolbar.getByRole('button', { name: 'Delete' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: /^Delete .*\?$/ }));

    await deviceRow(page, 'thermostat-0001')
      .getByRole('button', { name: /^Actions for / })
      .click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('menuitem', { name: 'Connect' }).click();
    const connect = page.getByRole('dialog', { name: 'Device connection' });
    await expect(connect.getByRole('textbox', { name: 'Primary key' })).toBeVisible();
    await checkDialog(page, connect);

    // Filters open.
    await page.getByRole('combobox', { name: 'Device status' }).click();
    await expect(page.getByRole('listbox')).toBeVisible();
    await expectNoA11yViolations(page);
    await page.keyboard.press('Escape');

    await page.goto('/devices/thermostat-0001');
    await expect(page.getByRole('table', { name: 'Status history' })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test('Import with its dry run and report, a bulk action report, and Device operations', async ({
    page,
  }) => {
    await openDevices(page);
    const toolbar = page.getByRole('toolbar', { name: 'Device actions' });
    await toolbar.getByRole('button', { name: 'Import' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import devices' });
    const csv = [
      'IOTC_DEVICEID,IOTC_DEVICENAME',
      'a11y-pump-01,Pump 1',
      'A11y-Pump-02,Pump 2',
      'bad_id,Bad',
      '',
    ];
    await importDialog
      .getByLabel('Choose a file')
      .setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\r\n')) });
    await expect(importDialog.getByRole('table', { name: 'Invalid rows' })).toBeVisible();
    await expectNoA11yViolations(page); // the dry run: tiles, invalid rows, the lower-case fix
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(importDialog.getByRole('group', { name: 'Import report' })).toBeVisible();
    await expectNoA11yViolations(page);
    await importDialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Device operations' }).click();
    await expect(page.getByRole('list', { name: 'Device operations' })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.keyboard.press('Escape');

    // Selected rows in every status: the status chips keep their contrast on the selection colour.
    for (const id of [
      'thermostat-0001',
      'env-sensor-0002',
      'thermostat-0004',
      'filler-0006',
      'env-sensor-0008',
    ]) {
      await deviceRow(page, id).getByRole('checkbox').check();
    }
    await expectNoA11yViolations(page);
    await toolbar.getByRole('button', { name: 'Block', exact: true }).click();
    // Several devices: Block asks first, naming the count.
    const ask = page.getByRole('dialog', { name: /^Block \d+ devices\?$/ });
    await expect(ask).toBeVisible();
    await expect(ask).toHaveCSS('opacity', '1');
    await expectNoA11yViolations(page);
    await ask.getByRole('button', { name: /^Block \d+ devices$/ }).click();
    const report = page.getByRole('dialog', { name: 'Block: finished' });
    await expect(report.getByRole('alert')).toBeVisible();
    await expectNoA11yViolations(page);
    await report.getByRole('button', { name: 'Close' }).click();
  });

  test('Device templates and a template page', async ({ page }) => {
    await page.goto('/device-templates');
    const templates = page.getByRole('table', { name: 'Device templates' });
    await expect(templates).toBeVisible();
    await expectNoA11yViolations(page);
    await templates.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/device-templates\/.+/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test('Device connection, the group dialogs and a group page', async ({ page }) => {
    await page.goto('/admin/device-connection');
    await expect(page.getByRole('table', { name: 'Enrollment groups' })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'New' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'New enrollment group' }));

    await page.getByRole('link', { name: 'SAS-IoT-Devices' }).click();
    await expect(page.getByRole('heading', { name: 'SAS-IoT-Devices', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'Device IDs' }).fill('thermostat-0001\nBad ID');
    await page.getByRole('button', { name: 'Derive keys' }).click();
    await expectNoA11yViolations(page); // keys card, derive card with an error and a result table
    await page.getByRole('button', { name: 'Edit' }).click();
    await checkDialog(page, page.getByRole('dialog'));
    await page.getByRole('button', { name: 'Regenerate primary key' }).click();
    await checkDialog(page, page.getByRole('dialog'));
  });

  test('Certificates: the page, Upload and Verify', async ({ page }) => {
    await page.goto('/admin/device-connection');
    await expect(page.getByRole('table', { name: 'Enrollment groups' })).toBeVisible();
    await api(page, 'PUT', '/enrollmentGroups/factory-line', {
      displayName: X509_GROUP,
      type: 'iot',
      enabled: true,
      attestation: { type: 'x509' },
    });
    const der = readCertFixtureText('rsa-root-ca.pem')
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s+/g, '');
    await api(page, 'PUT', '/enrollmentGroups/factory-line/certificates/primary', {
      certificate: der,
      verified: false,
    });

    await page.goto('/admin/certificates');
    await expect(page.getByRole('heading', { name: 'Certificates', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('button', { name: `Verify the primary certificate of ${X509_GROUP}` }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByRole('button', { name: `Upload the secondary certificate of ${X509_GROUP}` }).click();
    await checkDialog(page, page.getByRole('dialog', { name: `Add secondary certificate · ${X509_GROUP}` }));

    await page.getByRole('button', { name: `Verify the primary certificate of ${X509_GROUP}` }).click();
    const verify = page.getByRole('dialog', { name: `Verify primary certificate · ${X509_GROUP}` });
    await verify.getByRole('button', { name: 'Generate verification code' }).click();
    await expect(verify.getByRole('textbox', { name: 'Verification code' })).toHaveValue(/^[0-9A-F]{48}$/);
    await checkDialog(page, verify);
  });

  test('the app shell: top bar and navigation, in the light and the dark theme', async ({ page }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await openDevices(page);
      await expectNoA11yViolations(page, { include: 'header' });
      await expectNoA11yViolations(page, { include: 'nav[aria-label="Main"]' });
    }
  });

  test('the app shell in the dark theme, and the Devices grid', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openDevices(page);
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expectNoA11yViolations(page);
  });

  test('Simulator', async ({ page }) => {
    await page.goto('/simulator');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

/** Presses `key` until `target` has the focus (at most `max` times); the caller then asserts it. */
async function pressUntilFocused(page: Page, target: Locator, key: string, max = 40) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** In the Devices grid, moves the focus with the arrow keys to the cell of `field` in the focused row. */
async function moveToGridField(page: Page, field: string) {
  const focusedField = () =>
    page.evaluate(
      () => document.activeElement?.closest('[role="gridcell"]')?.getAttribute('data-field') ?? null,
    );
  for (let i = 0; i < 10 && (await focusedField()) !== field; i++) await page.keyboard.press('ArrowRight');
  expect(await focusedField()).toBe(field);
}

/** Keyboard only: search for one device and put the focus on its row's Actions button. */
async function focusActionsOf(page: Page, id: string) {
  await openDevices(page, `?q=${id}`);
  await expect(page.getByRole('grid', { name: 'Devices' }).getByRole('row')).toHaveCount(2);
  await pressUntilFocused(page, page.getByRole('searchbox', { name: 'Search devices' }), 'Tab');
  const grid = page.getByRole('grid', { name: 'Devices' });
  for (let i = 0; i < 10 && !(await grid.evaluate((el) => el.contains(document.activeElement))); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('ArrowDown');
  await moveToGridField(page, 'actions');
  const button = deviceRow(page, id).getByRole('button', { name: /^Actions for / });
  await expect(button).toBeFocused();
  return button;
}

test.describe('Keyboard only', () => {
  test('search, move through the grid, select, Block from the Actions menu, New, and Escape', async ({
    page,
  }) => {
    await openDevices(page);
    const grid = page.getByRole('grid', { name: 'Devices' });

    // Search: reach the field with Tab, type, and the grid follows.
    const search = page.getByRole('searchbox', { name: 'Search devices' });
    await expect(search).toBeVisible();
    for (let i = 0; i < 30 && !(await search.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(search).toBeFocused();
    await page.keyboard.type('thermostat');
    await expect(page).toHaveURL(/q=thermostat/);
    await expect(grid.getByRole('row').nth(1)).toContainText('thermostat');

    // Into the grid: Tab leaves the filters, arrow keys move between cells.
    for (let i = 0; i < 10 && !(await grid.evaluate((el) => el.contains(document.activeElement))); i++) {
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => grid.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    const focusedRowId = () =>
      page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('data-id') ?? null);
    await page.keyboard.press('ArrowDown');
    const firstRow = await focusedRowId();
    expect(firstRow).toMatch(/^thermostat-/);
    await page.keyboard.press('ArrowDown');
    const secondRow = await focusedRowId();
    expect(secondRow).toMatch(/^thermostat-/);
    expect(secondRow).not.toBe(firstRow);

    // Select two rows with Space (on the checkbox cell).
    const focusCheckbox = async () => {
      for (let i = 0; i < 10; i++) {
        const field = await page.evaluate(
          () => document.activeElement?.closest('[role="gridcell"]')?.getAttribute('data-field') ?? null,
        );
        if (field === '__check__') return;
        await page.keyboard.press('ArrowLeft');
      }
    };
    await focusCheckbox();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);

    // The Actions menu of the focused row: Enter opens it, arrows move, Enter runs Block.
    const target = (await focusedRowId())!;
    for (let i = 0; i < 10; i++) {
      const field = await page.evaluate(
        () => document.activeElement?.closest('[role="gridcell"]')?.getAttribute('data-field') ?? null,
      );
      if (field === 'actions') break;
      await page.keyboard.press('ArrowRight');
    }
    const actionsButton = deviceRow(page, target).getByRole('button', { name: /^Actions for / });
    await expect(actionsButton).toBeFocused();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    for (let i = 0; i < 8; i++) {
      if (await menu.getByRole('menuitem', { name: 'Block' }).evaluate((el) => el === document.activeElement))
        break;
      await page.keyboard.press('ArrowDown');
    }
    await expect(menu.getByRole('menuitem', { name: 'Block' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'blocked.' })).toBeVisible();
    await expect(deviceRow(page, target).getByRole('gridcell', { name: 'Blocked' })).toBeVisible();
    // Focus comes back to the row's Actions button, so the operator can go on.
    await expect(actionsButton).toBeFocused();

    // A menu closes with Escape, and focus returns to its button.
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(actionsButton).toBeFocused();

    // New: reach the toolbar button with Shift+Tab, fill the form, create with Enter.
    const newButton = page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'New' });
    for (let i = 0; i < 40 && !(await newButton.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(newButton).toBeFocused();
    await page.keyboard.press('Enter');
    const create = page.getByRole('dialog', { name: 'Create a new device' });
    await expect(create.getByRole('textbox', { name: 'Device name' })).toBeFocused();
    await page.keyboard.type('Keyboard thermostat');
    await page.keyboard.press('Tab');
    await expect(create.getByRole('textbox', { name: 'Device ID' })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('keyboard-thermostat');
    await page.keyboard.press('Enter');
    await expect(create).toBeHidden();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Device "Keyboard thermostat" created.' }),
    ).toBeVisible();

    // Focus is back on New; Escape closes a dialog without doing anything, and gives focus back again.
    await expect(newButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(create).toBeVisible();
    await page.keyboard.type('Not created');
    await page.keyboard.press('Escape');
    await expect(create).toBeHidden();
    await expect(newButton).toBeFocused();

    await page.goto('/devices?q=keyboard-thermostat');
    await expect(deviceRow(page, 'keyboard-thermostat')).toBeVisible();
    await page.goto('/devices?q=not-created');
    await expect(page.getByRole('row')).toHaveCount(1);
  });

  test('the dialogs: Migrate with its template list, Connect with Show key, and a confirmed Delete', async ({
    page,
  }) => {
    // Migrate: menu item, a select opened and chosen with the arrow keys, the dialog's button.
    await focusActionsOf(page, 'env-sensor-0008');
    await page.keyboard.press('Enter');
    await pressUntilFocused(page, page.getByRole('menuitem', { name: 'Migrate' }), 'ArrowDown', 8);
    await page.keyboard.press('Enter');
    const migrate = page.getByRole('dialog', { name: 'Migrate device' });
    await expect(migrate).toBeVisible();
    const template = migrate.getByRole('combobox', { name: 'Device template' });
    await pressUntilFocused(page, template, 'Tab', 5);
    await page.keyboard.press('ArrowDown');
    const environment = page.getByRole('option', { name: 'Environment sensor' });
    await expect(page.getByRole('listbox')).toBeVisible();
    await pressUntilFocused(page, environment, 'ArrowDown', 8);
    await page.keyboard.press('Enter');
    await expect(template).toHaveText('Environment sensor');
    await pressUntilFocused(page, migrate.getByRole('button', { name: 'Migrate' }), 'Tab', 5);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'migrated.' })).toBeVisible();
    await expect(migrate).toBeHidden();

    // Connect: the keys are masked; Show reveals them, Escape closes, focus returns to the row.
    const actions = await focusActionsOf(page, 'thermostat-0001');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Connect' })).toBeFocused();
    await page.keyboard.press('Enter');
    const connect = page.getByRole('dialog', { name: 'Device connection' });
    const primary = connect.getByRole('textbox', { name: 'Primary key' });
    await expect(primary).toHaveAttribute('type', 'password');
    await pressUntilFocused(page, connect.getByRole('button', { name: 'Show Primary key' }), 'Tab', 20);
    await page.keyboard.press('Enter');
    await expect(primary).toHaveAttribute('type', 'text');
    await page.keyboard.press('Escape');
    await expect(connect).toBeHidden();
    await expect(actions).toBeFocused();

    // Delete: the confirmation takes the keyboard, Cancel is the safe default, Delete confirms.
    await focusActionsOf(page, 'filler-0003');
    await page.keyboard.press('Enter');
    await pressUntilFocused(page, page.getByRole('menuitem', { name: 'Delete' }), 'ArrowDown', 8);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: /^Delete .*\?$/ });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await pressUntilFocused(page, confirm.getByRole('button', { name: 'Delete' }), 'Tab', 5);
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('alert').filter({ hasText: 'deleted.' })).toBeVisible();
    await expect(deviceRow(page, 'filler-0003')).toHaveCount(0);
  });
});
