// The real-application build through the gateway, in Chromium: an Operator and an Administrator sign in
// through the local OpenID provider and work against Prism, which serves the official spec and checks
// every request against it. Vitest project `real-e2e` (`npm run test:real`, after `npm run build:real`).
import { chromium, expect as expectPage, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchOptions } from '../../scripts/browser.mjs';
import { GATEWAY_ROUTES } from './allow-list';
import { startGateway, type GatewayServer } from './app';
import {
  ADA,
  freePort,
  OTTO,
  startApplicationAndProvider,
  testGatewayConfig,
  type TestApplication,
  type TestProvider,
  type TestUser,
} from './testing';

const DIST = resolve('dist-real');
let prism: TestApplication;
let provider: TestProvider;
let gateway: GatewayServer;
let browser: Browser;
/** What the gateway forwarded, as `METHOD /template status`. */
const forwarded: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(DIST, 'index.html'))) throw new Error('No dist-real/: run `npm run build:real` first.');
  const port = await freePort();
  ({ prism, provider } = await startApplicationAndProvider([port]));
  gateway = await startGateway({
    config: testGatewayConfig(prism.origin, provider),
    distDir: DIST,
    port,
    log: (line) => forwarded.push(line),
  });
  browser = await chromium.launch(launchOptions());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([gateway?.close(), provider?.close(), prism?.close()]);
});

async function signedIn(user: TestUser, path: string): Promise<Page> {
  provider.signInNext(user);
  const page = await browser.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${gateway.url}${path}`);
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
  const templates = new Set(GATEWAY_ROUTES.map((r) => `${r.method} ${r.path}`));
  const lines = forwarded.filter((l) => !l.startsWith('signed in') && !l.startsWith('refused'));
  expect(lines.length).toBeGreaterThan(3);
  for (const line of lines) {
    const [method, path, status] = line.split(' ');
    expect(templates.has(`${method} ${path}`), line).toBe(true);
    // Prism answers 4xx to a request the spec does not allow (a missing api-version, a bad body, no token).
    expect(Number(status), line).toBeLessThan(400);
  }
  expect(forwarded.filter((l) => l.startsWith('refused'))).toEqual([]);
  // Three pages of devices, through rewritten nextLinks.
  expect(prism.received().filter((r) => r === 'GET /api/devices').length).toBeGreaterThanOrEqual(3);
});
