// Every page and main dialog on a phone (390×844) and a tablet (768×1024): no horizontal page overflow,
// axe clean, the navigation behind a menu button and the top bar's secondary controls in a menu.
// DOCS_SCREENSHOTS=1 writes each screen to docs/ (mobile-*.png, tablet-*.png) for the README.
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoA11yViolations, openDevices, test } from './fixtures';

const SIZES = [
  { name: 'mobile', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** The page is no wider than the window (a grid may scroll inside itself, the page may not). */
async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function check(page: Page, size: string, shot: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await expectNoOverflow(page);
  await expectNoA11yViolations(page);
  if (process.env.DOCS_SCREENSHOTS) await page.screenshot({ path: `docs/${size}-${shot}.png` });
}

async function checkDialog(page: Page, size: string, shot: string, dialog: Locator) {
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveCSS('opacity', '1');
  await check(page, size, shot);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** A device's row by its ID (the Device ID column may be hidden on narrow screens). */
function deviceRow(page: Page, id: string) {
  return page.getByRole('grid', { name: 'Devices' }).locator(`[role="row"][data-id="${id}"]`);
}

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });
    // A dozen screens, each checked by axe: more than the default minute on a busy machine.
    test.describe.configure({ timeout: 180_000 });

    test('Devices, its dialogs, the navigation and the top bar menu', async ({ page, consoleErrors }) => {
      await openDevices(page);
      const grid = page.getByRole('grid', { name: 'Devices' });
      // The columns that stay at any width.
      for (const name of ['Device name', 'Device status', 'Actions']) {
        await expect(grid.getByRole('columnheader', { name })).toBeVisible();
      }
      await check(page, size.name, 'devices');

      // The navigation is a drawer behind the menu button.
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
      await page.getByRole('button', { name: 'Open navigation' }).click();
      const navigation = page.getByRole('navigation', { name: 'Main' });
      await expect(navigation).toBeVisible();
      await check(page, size.name, 'navigation');
      await navigation.getByRole('link', { name: 'Device templates' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Device templates' })).toBeVisible();
      await expect(navigation).toBeHidden();
      await openDevices(page);

      // The top bar's secondary controls are in a menu.
      await page.getByRole('button', { name: 'More options' }).click();
      const menu = page.getByRole('menu');
      await expect(menu.getByRole('menuitem', { name: /Switch to Operator/ })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: 'Reset demo data' })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: 'Demo settings' })).toBeVisible();
      await check(page, size.name, 'top-bar-menu');
      await menu.getByRole('menuitem', { name: 'Demo settings' }).click();
      await checkDialog(page, size.name, 'demo-settings', page.getByRole('dialog', { name: 'Demo settings' }));

      const toolbar = page.getByRole('toolbar', { name: 'Device actions' });
      await toolbar.getByRole('button', { name: 'New' }).click();
      await checkDialog(page, size.name, 'new-device', page.getByRole('dialog', { name: 'Create a new device' }));
      await toolbar.getByRole('button', { name: 'Import' }).click();
      await checkDialog(page, size.name, 'import', page.getByRole('dialog', { name: 'Import devices' }));

      await deviceRow(page, 'env-sensor-0008').getByRole('checkbox').check();
      await check(page, size.name, 'devices-selected');
      await toolbar.getByRole('button', { name: 'Migrate' }).click();
      await checkDialog(page, size.name, 'migrate', page.getByRole('dialog', { name: 'Migrate device' }));
      await toolbar.getByRole('button', { name: 'Export' }).click();
      await checkDialog(page, size.name, 'export', page.getByRole('dialog', { name: 'Export devices' }));
      await toolbar.getByRole('button', { name: 'Delete' }).click();
      await checkDialog(page, size.name, 'delete', page.getByRole('dialog', { name: /^Delete .*\?$/ }));

      await deviceRow(page, 'thermostat-0001').getByRole('button', { name: /^Actions for / }).click();
      await page.getByRole('menuitem', { name: 'Connect' }).click();
      const connect = page.getByRole('dialog', { name: 'Device connection' });
      await expect(connect.getByRole('textbox', { name: 'Primary key' })).toBeVisible();
      await checkDialog(page, size.name, 'connect', connect);
      expect(consoleErrors).toEqual([]);
    });

    test('the other pages', async ({ page }) => {
      await openDevices(page);
      for (const [path, heading, shot] of [
        ['/devices/thermostat-0001', 'Lobby thermostat 1', 'device'],
        ['/device-templates', 'Device templates', 'device-templates'],
        ['/device-templates/dtmi:com:example:Thermostat;1', 'Thermostat', 'device-template'],
        ['/simulator', 'Device simulator', 'simulator'],
        ['/admin/device-connection', 'Device connection', 'device-connection'],
        ['/admin/device-connection/groups/SAS-IoT-Devices', 'SAS-IoT-Devices', 'enrollment-group'],
        ['/admin/certificates', 'Certificates', 'certificates'],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(heading);
        await expect(page.getByRole('progressbar')).toHaveCount(0);
        await check(page, size.name, shot);
      }
    });
  });
}

test('no horizontal page overflow at 360, 1024 and 1440 px either', async ({ page }) => {
  for (const width of [360, 1024, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/devices', '/devices/thermostat-0001', '/simulator', '/admin/device-connection']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      await expectNoOverflow(page);
    }
    const grid = page.getByRole('grid', { name: 'Devices' });
    await page.goto('/devices');
    for (const name of ['Device name', 'Device status', 'Actions']) {
      await expect(grid.getByRole('columnheader', { name })).toBeVisible();
    }
  }
});
