// The real-application build through the gateway, in Chromium: an Operator and an Administrator sign in
// through the local OpenID provider and work against Prism, which serves the official spec and checks
// every request against it. Vitest project `real-e2e` (`npm run test:real`, after `npm run build:real`).
import { expect as expectPage, type Page } from '@playwright/test';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectOnlySpecOperations, startRealConsole, type RealConsole } from './real-console';
import { ADA, OTTO, type TestUser } from './testing';

let real: RealConsole;

beforeAll(async () => {
  real = await startRealConsole();
}, 90_000);

afterAll(async () => {
  await real?.close();
});

async function signedIn(user: TestUser, path: string): Promise<Page> {
  real.provider.signInNext(user);
  const page = await real.browser.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${real.gateway.url}${path}`);
  return page;
}

it('an Operator pages through nextLinks to page 3 and sees only what the public API can say', async () => {
  const page = await signedIn(OTTO, '/devices');
  const grid = page.getByRole('grid', { name: 'Devices' });
  await expectPage(grid.getByText('prism-device-1-1')).toBeVisible({ timeout: 30_000 });
  await expectPage(page.getByText('Otto Operator · Operator')).toBeVisible();
  await expectPage(grid.getByText('Disabled: blocked or waiting for approval')).toBeVisible();
  await expectPage(page.getByText('1–25 of more than 25')).toBeVisible();
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expectPage(page.getByText('26–50 of more than 50')).toBeVisible();
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expectPage(page.getByText('51–75 of more than 75')).toBeVisible();
  await expectPage(grid.getByText('prism-device-1-1')).toBeVisible();
  // Import runs in the gateway through the public API (real-app-operations.e2e.ts).
  await expectPage(page.getByRole('button', { name: 'Import' })).toBeEnabled();
  // Administration is for administrators: the gateway would refuse it too.
  await expectPage(page.getByRole('link', { name: /Device connection/ })).toHaveCount(0);
  await page.close();
}, 60_000);

it('an Administrator sees Device connection say what is set in IoT Central', async () => {
  const page = await signedIn(ADA, '/admin/device-connection');
  await expectPage(page.getByText('Auto approve and ID scope: set in IoT Central')).toBeVisible({ timeout: 30_000 });
  await page.close();
}, 60_000);

it('sent the application only spec operations of the allow-list, each accepted as the spec says', () => {
  expectOnlySpecOperations(real.forwarded, 4);
  // Three pages of devices, through rewritten nextLinks.
  expect(real.prism.received().filter((r) => r === 'GET /api/devices').length).toBeGreaterThanOrEqual(3);
});
