// Shared e2e fixtures: every test starts from a fresh seed and fails on console errors.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
  page: async ({ page }, use) => {
    // A fresh seed: clear the demo's IndexedDB before the app boots.
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('e2e-seeded')) {
        sessionStorage.setItem('e2e-seeded', '1');
        indexedDB.deleteDatabase('keyval-store');
      }
    });
    await use(page);
  },
});

export { expect };

export async function openDevices(page: Page, query = '') {
  await page.goto(`/devices${query}`);
  await expect(page.getByRole('grid', { name: 'Devices' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
}

/** The data rows' device IDs, in order. */
export async function visibleDeviceIds(page: Page): Promise<string[]> {
  const cells = page.getByRole('grid', { name: 'Devices' }).locator('[role="row"] [data-field="id"][role="gridcell"]');
  return cells.allInnerTexts();
}
