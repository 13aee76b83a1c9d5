// Shared e2e fixtures. Most specs run against the console server (project "server", `npm start`'s server
// on a throwaway database): before each test the backend is reset to the seed and its demo controls
// (latency, faults) to none. The "in-page" project runs the static build with the demo backend in the
// page, where a new browser context has an empty IndexedDB and so a fresh seed. Tests that ask for
// `consoleErrors` fail on any console error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export type Backend = 'server' | 'page';

export const test = base.extend<{ consoleErrors: string[]; freshBackend: undefined }, { backend: Backend }>({
  backend: ['server', { option: true, scope: 'worker' }],
  freshBackend: [
    async ({ backend, request }, use) => {
      if (backend === 'server') {
        const headers = { Authorization: ADMIN_AUTH };
        const reset = await request.post('/api/extensions/reset?api-version=2022-07-31', { headers });
        expect(reset.status(), 'reset the server to the seed').toBe(204);
        const controls = await request.patch('/api/extensions/demo?api-version=2022-07-31', {
          headers,
          data: { latencyMs: 0, faultRate: 0, faultKinds: ['5xx', '429', 'drop'] },
        });
        expect(controls.status(), 'switch injected faults off').toBe(200);
      }
      await use(undefined);
    },
    { auto: true },
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // An API answering 404 (e.g. a device without an individual enrollment) is an answer, not an error of ours.
      const isApiNotFound = /status of 404/.test(message.text()) && /\/api\//.test(message.location().url);
      if (!isApiNotFound) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
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
  const cells = page
    .getByRole('grid', { name: 'Devices' })
    .locator('[role="row"] [data-field="id"][role="gridcell"]');
  return cells.allInnerTexts();
}

/** A token the demo backend takes as the Administrator's (it checks the SAS shape; `skn` names the role). */
export const ADMIN_AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';

/**
 * Calls the demo backend from the page (it answers inside the page, through MSW) as the Administrator, with
 * IoT Central's api-version; returns the status and the JSON body (null for 204). For answers a test expects
 * to be refused; otherwise use `api`.
 */
export function callApi(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body, auth }) => {
      const response = await fetch(`/api${path}${path.includes('?') ? '&' : '?'}api-version=2022-07-31`, {
        method,
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status === 204) return { status: 204, json: null };
      const text = await response.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON: the text as it is
      }
      return { status: response.status, json };
    },
    { method, path, body, auth: ADMIN_AUTH },
  );
}

/** As callApi, for answers that must succeed: a refusal fails the test with its status and body. */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const { status, json } = await callApi(page, method, path, body);
  if (status < 200 || status > 299) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
}

/** Reseeds the demo backend with `devices` devices, through its reset extension, and reloads. */
export async function reseed(page: Page, devices: number) {
  // Wait until the demo backend answers in the page, or the request would reach the static server.
  await openDevices(page);
  const { status } = await callApi(page, 'POST', `/extensions/reset?devices=${devices}`);
  if (status !== 204) throw new Error(`reset failed: ${status}`);
}

/** The grid row of a device, by its ID. */
export function deviceRow(page: Page, id: string) {
  return page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: id, exact: true }) });
}

/** A device key that is valid base64 but derived from nothing: DPS refuses it. */
export const WRONG_DEVICE_KEY = 'AAECAwQFBgcICQoLDA0ODw==';

/**
 * Registers `registrationId` in the Simulator with the device key typed in (a wrong one by default) and
 * clicks Register; returns the form and the result region.
 */
export async function registerWithTypedKey(page: Page, registrationId: string, key = WRONG_DEVICE_KEY) {
  await page.goto('/simulator');
  const form = page.getByRole('form', { name: 'Register a device' });
  await form.getByRole('textbox', { name: 'Registration ID' }).fill(registrationId);
  await form.getByRole('radio', { name: /Enter the device key/ }).check();
  await form.getByLabel('Device key', { exact: true }).fill(key);
  await form.getByRole('button', { name: 'Register' }).click();
  return { form, result: page.getByRole('region', { name: 'Registration result' }) };
}

/**
 * Runs axe-core on the page (WCAG 2.1 A/AA and best practices) and fails on any serious or critical
 * violation, listing each rule with the elements it found. Run it with a dialog open to check the dialog.
 */
export async function expectNoA11yViolations(
  page: Page,
  options: { include?: string; exclude?: string[] } = {},
) {
  // Let fades and transitions finish, so axe judges the colours the operator ends up seeing.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'best-practice',
  ]);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .map(
            (node) =>
              `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim()}`,
          )
          .join('\n')}`,
    );
  expect(blocking, `serious or critical accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * A self-signed P-256 certificate made by openssl, with `cn` (UTF-8) as its subject's common name, and its
 * SHA-1 thumbprint as openssl prints it. `isCa: false` makes a device (leaf) certificate: openssl req -x509
 * would otherwise mark it CA:TRUE.
 */
export function makeSelfSignedCertificate(cn: string, { isCa = true } = {}): { pem: Buffer; sha1: string } {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-cert-'));
  try {
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'cert.key'),
        '-out',
        cert,
        '-days',
        '30',
        '-utf8',
        '-subj',
        `/CN=${cn}`,
        ...(isCa ? [] : ['-addext', 'basicConstraints=critical,CA:FALSE']),
      ],
      { stdio: 'pipe' },
    );
    const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha1'], {
      encoding: 'utf8',
    });
    return { pem: readFileSync(cert), sha1: fingerprint.trim().replace(/^.*=/, '').replace(/:/g, '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
