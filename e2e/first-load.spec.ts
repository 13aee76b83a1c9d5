// A cold first load draws the shell before any script runs: the top bar, the navigation's place and a
// loading line, from index.html's inline style (the CSP allows inline styles, and no inline script).
import { expect, openDevices, test } from './fixtures';

test('the shell shows before the scripts load, and the console replaces it', async ({ page, consoleErrors }) => {
  // Hold the scripts back, as a slow network would.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/*.js', async (route) => {
    await held;
    await route.continue();
  });
  const response = page.goto('/devices');
  await expect(page.getByText('Device console')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Loading the console…');
  expect(await page.locator('script:not([src])').count(), 'no inline script').toBe(0);
  release();
  await response;
  await openDevices(page);
  await expect(page.getByText('Loading the console…')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
