// The real-application e2e's console (real-app.e2e.ts, real-app-operations.e2e.ts): the real-application
// build behind the gateway, Prism as the application and the local OpenID provider, a Chromium, and every
// line the gateway logged; and the check that the application got only spec operations of the allow-list.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import spec from '../../src/api/spec/iotcentral.json';
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

interface SpecParameter {
  $ref?: string;
  name?: string;
  in?: string;
}
interface SpecOperation {
  parameters?: SpecParameter[];
  'x-ms-pageable'?: unknown;
}

/** The spec's operations as the application serves them (under /api), with the query parameters each names. */
const sharedParameters = spec.parameters as unknown as Record<string, SpecParameter>;
const specOperations = Object.entries(spec.paths as unknown as Record<string, Record<string, SpecOperation>>).flatMap(
  ([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'patch', 'post', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^/api${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        query: new Set(
          (operation.parameters ?? [])
            .map((p) => (p.$ref ? sharedParameters[p.$ref.split('/').pop() ?? ''] : p))
            .filter((p) => p?.in === 'query')
            .map((p) => p?.name),
        ),
        isList: operation['x-ms-pageable'] !== undefined,
      })),
);
/** The OData options IoT Central documents for its lists (and the cursor of their nextLinks). */
const ODATA_OPTIONS = ['$top', '$filter', '$orderby', '$maxpagesize', '$skiptoken'];

/**
 * Every request the gateway sent the application (at least `atLeast`) was a spec operation of the allow-list,
 * its query only the parameters the spec names for it (plus IoT Central's documented OData options on a list)
 * with api-version 2022-07-31, and Prism accepted it; nothing was refused.
 */
export async function expectOnlySpecOperations(real: RealConsole, atLeast: number): Promise<void> {
  const { forwarded, prism } = real;
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

  // What reached the application, whole (once a request still in flight from a closed page has been answered,
  // the recorder has all Prism logged).
  await expect.poll(() => prism.requests().length - prism.received().length, { timeout: 30_000 }).toBe(0);
  for (const { method, url, status } of prism.requests()) {
    const request = `${method} ${url.pathname}${url.search}`;
    const operation = specOperations.find((o) => o.method === method && o.pattern.test(url.pathname));
    expect(operation, `${request} is no spec operation`).toBeDefined();
    const allowed = new Set([...(operation?.query ?? []), ...(operation?.isList ? ODATA_OPTIONS : [])]);
    for (const name of url.searchParams.keys()) expect(allowed, `${request}: ${name}`).toContain(name);
    expect(url.searchParams.getAll('api-version'), request).toEqual(['2022-07-31']);
    expect(status, request).toBeLessThan(400);
  }
}

/** With IOTC_E2E_SCREENSHOTS=DIR, saves the page as an operator sees it (DIR/name). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.IOTC_E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, name), animations: 'disabled' });
}
