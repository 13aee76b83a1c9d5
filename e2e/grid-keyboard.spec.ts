// The Devices grid by keyboard, with the grid's own model: one Tab stop into the grid, arrows between cells,
// Enter on a name opens the device, Space selects the row, and the row's actions from the keyboard.
import type { Page } from '@playwright/test';
import { expect, openDevices, test } from './fixtures';

/** The grid field of the focused cell (data-field), or null outside the grid. */
function focusedField(page: Page) {
  return page.evaluate(() => document.activeElement?.closest('[role="gridcell"]')?.getAttribute('data-field') ?? null);
}

function focusedRowId(page: Page) {
  return page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('data-id') ?? null);
}

async function moveTo(page: Page, field: string) {
  for (let i = 0; i < 8 && (await focusedField(page)) !== field; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedField(page)).toBe(field);
}

test('the grid is one Tab stop; arrows, Enter, Space and the Actions menu work in it', async ({ page, consoleErrors }) => {
  await openDevices(page);
  const grid = page.getByRole('grid', { name: 'Devices' });
  const isInGrid = () => grid.evaluate((el) => el.contains(document.activeElement));

  // From the search box, Tab reaches the grid in a few presses.
  await page.getByRole('searchbox', { name: 'Search devices' }).focus();
  let presses = 0;
  while (!(await isInGrid()) && presses < 12) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  expect(await isInGrid(), 'Tab reaches the grid').toBe(true);

  // One more Tab leaves the grid for its pager: rows' links and buttons are not Tab stops.
  await page.keyboard.press('Tab');
  expect(await isInGrid(), 'one Tab leaves the grid').toBe(false);
  await expect(page.getByRole('button', { name: /next page/i })).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(isInGrid).toBe(true);

  // Arrows: down into the first row, right to the name.
  await page.keyboard.press('ArrowDown');
  const firstRow = await focusedRowId(page);
  expect(firstRow).toBeTruthy();
  await moveTo(page, 'displayName');
  const firstName = grid.getByRole('row').nth(1).getByRole('link');
  await expect(firstName).toBeFocused();

  // Space on the name selects the row, and again clears it; the page does not scroll away.
  await page.keyboard.press('Space');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1);
  await expect(page.getByText('1 device selected.')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);
  await page.keyboard.press('Space');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1);
  await page.keyboard.press('ArrowUp');

  // The row's actions: the Actions button takes the focus; Enter opens its menu, Escape closes it.
  await moveTo(page, 'actions');
  const actions = grid.getByRole('row').nth(1).getByRole('button', { name: /^Actions for / });
  await expect(actions).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Connect' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(actions).toBeFocused();

  // Enter on the name opens the device.
  for (let i = 0; i < 8 && (await focusedField(page)) !== 'displayName'; i++) await page.keyboard.press('ArrowLeft');
  await expect(firstName).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/devices/${firstRow}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
