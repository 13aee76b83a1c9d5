import { defineConfig } from '@playwright/test';
import type { Backend } from './e2e/fixtures';
import { launchOptions } from './scripts/browser.mjs';

// E2E_PORT lets two checkouts run their suites side by side; the in-page build is served on the next port.
const port = Number(process.env.E2E_PORT ?? 4173);
const pagePort = port + 1;

export default defineConfig<object, { backend: Backend }>({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: launchOptions(),
  },
  projects: [
    {
      // Every journey, against `npm start`'s console server (dist/ and dist-server/) on a throwaway database.
      name: 'server',
      testIgnore: /in-page\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${port}`, backend: 'server' },
    },
    {
      // The static demo (dist-static/), with the backend in the page: a smoke journey and the tab ownership rule.
      name: 'in-page',
      testMatch: /in-page\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${pagePort}`, backend: 'page' },
    },
  ],
  webServer: [
    {
      command: `node dist-server/main.js --port ${port} --data .data/e2e/demo.sqlite --reset --dps-port 0 --mqtt-port 0 --dps-retry-after 1`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve.mjs --port ${pagePort} --dir dist-static`,
      url: `http://127.0.0.1:${pagePort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
