// The real-application e2e's console (real-app.e2e.ts, real-app-operations.e2e.ts): the real-application
// build behind the gateway, Prism as the application and the local OpenID provider, a Chromium, and every
// line the gateway logged; and the check that the application got only spec operations of the allow-list.
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { launchOptions } from '../../scripts/browser.mjs';
import { GATEWAY_ROUTES } from './allow-list';
import { startGateway, type GatewayServer } from './app';
import {
  freePort,
  startApplicationAndProvider,
  testGatewayConfig,
  type PrismOptions,
  type TestApplication,
  type TestProvider,
} from './testing';

const DIST = resolve('dist-real');

export interface RealConsole {
  prism: TestApplication;
  provider: TestProvider;
  gateway: GatewayServer;
  browser: Browser;
  /** What the gateway logged: `METHOD /template status` for each request to the application, sign-ins, refusals. */
  forwarded: string[];
  close(): Promise<void>;
}

export async function startRealConsole(prismOptions: PrismOptions = {}): Promise<RealConsole> {
  if (!existsSync(resolve(DIST, 'index.html'))) throw new Error('No dist-real/: run `npm run build:real` first.');
  const port = await freePort();
  const { prism, provider } = await startApplicationAndProvider([port], prismOptions);
  const forwarded: string[] = [];
  const gateway = await startGateway({
    config: testGatewayConfig(prism.origin, provider),
    distDir: DIST,
    port,
    log: (line) => forwarded.push(line),
  });
  const browser = await chromium.launch(launchOptions());
  return {
    prism,
    provider,
    gateway,
    browser,
    forwarded,
    close: async () => {
      await browser.close();
      await Promise.all([gateway.close(), provider.close(), prism.close()]);
    },
  };
}

/** Every request the gateway sent the application was a spec operation of the allow-list, and Prism accepted it. */
export function expectOnlySpecOperations(forwarded: readonly string[], atLeast: number): void {
  const templates = new Set(GATEWAY_ROUTES.map((r) => `${r.method} ${r.path}`));
  const lines = forwarded.filter((l) => !l.startsWith('signed in') && !l.startsWith('refused'));
  expect(lines.length).toBeGreaterThanOrEqual(atLeast);
  for (const line of lines) {
    const [method, path, status] = line.split(' ');
    expect(templates.has(`${method} ${path}`), line).toBe(true);
    // Prism answers 4xx to a request the spec does not allow (a missing api-version, a bad body, no token).
    expect(Number(status), line).toBeLessThan(400);
  }
  expect(forwarded.filter((l) => l.startsWith('refused'))).toEqual([]);
}
