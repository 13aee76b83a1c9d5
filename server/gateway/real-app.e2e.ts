// The real-application build through the gateway, in Chromium: an Operator and an Administrator sign in
// through the local OpenID provider and work against Prism, which serves the official spec and checks
// every request against it. Vitest project `real-e2e` (`npm run test:real`, after `npm run build:real`).
import { expect as playwrightExpect, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PRISM_CA_FIXTURE, PRISM_GROUP } from '../../scripts/prism-spec.mjs';
import { certFixturePath } from '../../src/testing/fixtures/certs';
import { signVerificationCertificate } from '../../src/testing/verification-certificates';
import type { GatewayServer } from './app';
import { expectOnlySpecOperations, screenshot, startRealConsole, type RealConsole } from './real-console';
import {
  ADA,
  OTTO,
  type TestApplication,
  type TestProvider,
  type TestUser,
} from './testing';

// Generous, for a loaded 2-core machine: each assertion still passes as soon as the page shows it.
const expectPage = playwrightExpect.configure({ timeout: 30_000 });
let real: RealConsole;
let prism: TestApplication;
let provider: TestProvider;
let gateway: GatewayServer;
let browser: Browser;

beforeAll(async () => {
  real = await startRealConsole();
  ({ prism, provider, gateway, browser } = real);
}, 90_000);

afterAll(async () => {
  await real?.close();
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

/** The requests that reached the application (Prism) as `METHOD /path`, with their status. */
const reached = (method: string, path: string) =>
  prism.requests().filter((r) => r.method === method && r.url.pathname === path);

/** Waits until more requests `METHOD /path` than `before` reached the application, each answered 2xx. */
async function expectReached(method: string, path: string, before = 0) {
  await expect
    .poll(() => reached(method, path).length, { timeout: 30_000, message: `${method} ${path}` })
    .toBeGreaterThan(before);
  for (const r of reached(method, path)) expect(r.status, `${method} ${r.url.href}`).toBeLessThan(300);
}

const devicesGrid = (page: Page) => page.getByRole('grid', { name: 'Devices' });
const deviceRow = (page: Page, id: string) => devicesGrid(page).getByRole('row').filter({ hasText: id });

async function openRowMenu(page: Page, name: string) {
  await devicesGrid(page).getByRole('button', { name: `Actions for ${name}` }).click();
  return page.getByRole('menu');
}

it('an Operator pages through nextLinks to page 3 and sees only what the public API can say', async () => {
  const page = await signedIn(OTTO, '/devices');
  const grid = page.getByRole('grid', { name: 'Devices' });
  await expectPage(grid.getByText('prism-device-1-1')).toBeVisible();
  await expectPage(page.getByText('Otto Operator · Operator')).toBeVisible();
  await expectPage(grid.getByText('Disabled: blocked or waiting for approval')).toBeVisible();
  await expectPage(page.getByText('1–3 of more than 3')).toBeVisible();
  await screenshot(page, 'real-grid.png');
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expectPage(page.getByText('4–6 of more than 6')).toBeVisible();
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expectPage(page.getByText('7–9 of more than 9')).toBeVisible();
  await expectPage(grid.getByText('prism-device-1-1')).toBeVisible();
  // Import runs in the gateway through the public API (real-app-operations.e2e.ts).
  await expectPage(page.getByRole('button', { name: 'Import' })).toBeEnabled();
  // Administration is for administrators: the gateway would refuse it too.
  await expectPage(page.getByRole('link', { name: /Device connection/ })).toHaveCount(0);
  await page.close();
}, 60_000);

it('an Administrator sees Device connection say what is set in IoT Central', async () => {
  const page = await signedIn(ADA, '/admin/device-connection');
  await expectPage(page.getByText('Auto approve and ID scope: set in IoT Central')).toBeVisible();
  await page.close();
}, 60_000);

it("an Operator filters the grid by each status the public API can say, by template and by name, in the API's terms", async () => {
  const page = await signedIn(OTTO, '/devices');
  await expectPage(devicesGrid(page).getByText('prism-device-1-1')).toBeVisible();
  const filtered = (filter: string) =>
    prism.requests().filter((r) => r.url.pathname === '/api/devices' && r.url.searchParams.get('$filter') === filter);
  const choose = async (filter: 'Device status' | 'Device template', option: string, expected: string) => {
    await page.getByRole('combobox', { name: filter }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await expectPage(page.getByRole('combobox', { name: filter })).toHaveText(option);
    await expect.poll(() => filtered(expected).length, { timeout: 30_000, message: expected }).toBeGreaterThan(0);
    expect(filtered(expected).every((r) => r.status === 200)).toBe(true);
    await expectPage(devicesGrid(page).getByText('prism-device-1-1')).toBeVisible();
  };
  // The public API has enabled and provisioned; Blocked and Waiting for approval are one status there.
  await choose('Device status', 'Registered', 'enabled eq true and provisioned eq false');
  await expectPage(page).toHaveURL(/status=registered/);
  await choose('Device status', 'Provisioned', 'enabled eq true and provisioned eq true');
  await choose('Device status', 'Disabled: blocked or waiting for approval', 'enabled eq false');
  await choose('Device template', 'Thermostat', "(enabled eq false) and (template eq 'dtmi:contoso:thermostat;1')");
  await choose('Device template', 'Unassociated', '(enabled eq false) and (template eq null)');
  await page.getByRole('combobox', { name: 'Device status' }).click();
  await page.getByRole('option', { name: 'All statuses' }).click();
  await expect.poll(() => filtered('template eq null').length, { timeout: 30_000 }).toBeGreaterThan(0);
  // Search by display name, and sort by it: what the public API offers (not by ID).
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('Prism');
  await page.getByRole('searchbox', { name: 'Search devices' }).press('Enter');
  await expect
    .poll(() => filtered("(template eq null) and (contains(displayName, 'Prism'))").length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await devicesGrid(page).getByRole('columnheader', { name: 'Device name' }).click();
  await expect
    .poll(() => reached('GET', '/api/devices').filter((r) => r.url.searchParams.get('$orderby') === 'displayName').length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await page.close();
}, 90_000);

it('an Operator blocks, unblocks, migrates, deletes and creates devices, each a write the application accepts', async () => {
  const page = await signedIn(OTTO, '/devices');
  await expectPage(devicesGrid(page).getByText('prism-device-1-1')).toBeVisible();
  // A static mock answers each write and changes nothing: what counts is what the operator is told and
  // that the application got the request and accepted it as the spec says.
  let before = reached('PATCH', '/api/devices/prism-device-1-1').length;
  await (await openRowMenu(page, 'Prism device 1.1')).getByRole('menuitem', { name: 'Block' }).click();
  await expectPage(page.getByText(/Prism device 1\.1\W* blocked\./)).toBeVisible();
  await expectReached('PATCH', '/api/devices/prism-device-1-1', before);
  // Undo looks at the device first (unchanged since: its etag), then enables it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectPage(page.getByText(/Prism device 1\.1\W* is back as it was\./)).toBeVisible();
  await expectReached('PATCH', '/api/devices/prism-device-1-1', before + 1);

  // A disabled device may be blocked or waiting for approval: Unblock enables it either way.
  const menu = await openRowMenu(page, 'Prism device 1.3');
  await expectPage(menu.getByRole('menuitem', { name: 'Approve' })).toHaveCount(0);
  await menu.getByRole('menuitem', { name: 'Unblock' }).click();
  await expectPage(page.getByText(/Prism device 1\.3\W* unblocked\./)).toBeVisible();
  await expectReached('PATCH', '/api/devices/prism-device-1-3');

  before = reached('PATCH', '/api/devices/prism-device-1-2').length;
  const before11 = reached('PATCH', '/api/devices/prism-device-1-1').length;
  for (const id of ['prism-device-1-1', 'prism-device-1-2']) {
    await deviceRow(page, id).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Migrate', exact: true }).click();
  const migrate = page.getByRole('dialog', { name: 'Migrate 2 devices' });
  await migrate.getByRole('combobox', { name: 'Device template' }).click();
  await page.getByRole('option', { name: 'Environment sensor' }).click();
  await migrate.getByRole('button', { name: 'Migrate' }).click();
  const report = page.getByRole('dialog', { name: 'Migrate: finished' });
  await expectPage(report.getByText('2 devices migrated.')).toBeVisible();
  await report.getByRole('button', { name: 'Close' }).click();
  await expectReached('PATCH', '/api/devices/prism-device-1-2', before);
  await expectReached('PATCH', '/api/devices/prism-device-1-1', before11);

  await (await openRowMenu(page, 'Prism device 1.2')).getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: /Delete Prism device 1\.2/ });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expectPage(page.getByText(/Prism device 1\.2\W* deleted\./)).toBeVisible();
  await expectReached('DELETE', '/api/devices/prism-device-1-2');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'Create a new device' });
  await create.getByRole('textbox', { name: 'Device name' }).fill('Boiler 7');
  await create.getByRole('textbox', { name: 'Device ID' }).fill('boiler-7');
  await create.getByRole('combobox', { name: 'Device template' }).click();
  await page.getByRole('option', { name: 'Thermostat' }).click();
  await create.getByRole('button', { name: 'Create' }).click();
  // The message names the device as the application answered it (here Prism's example device).
  await expectPage(page.getByText(/Device ".*" created\./)).toBeVisible();
  await expectPage(create).toBeHidden();
  // New asks whether the ID is taken (a list by ID), then creates with PUT.
  expect(prism.requests().some((r) => r.url.searchParams.get('$filter') === "id eq 'boiler-7'")).toBe(true);
  await expectReached('PUT', '/api/devices/boiler-7');
  await page.close();
}, 120_000);

it("an Operator opens Connect: the ID scope, the device ID and the individual enrollment's keys, masked", async () => {
  const page = await signedIn(OTTO, '/devices');
  await (await openRowMenu(page, 'Prism device 1.1')).getByRole('menuitem', { name: 'Connect' }).click();
  const dialog = page.getByRole('dialog', { name: /Device connection/ });
  await expectPage(dialog.getByRole('textbox', { name: 'ID scope' })).toHaveValue('0ne00C0FFEE');
  await expectPage(dialog.getByRole('textbox', { name: 'Device ID' })).toHaveValue('prism-device-1-1');
  await expectPage(dialog.getByRole('combobox', { name: 'Authentication method' })).toHaveText(/Shared access signature/);
  // The keys are masked until the operator asks to see one.
  const primary = dialog.getByLabel(/^Primary key/);
  await expectPage(primary).toHaveAttribute('type', 'password');
  await expectPage(dialog.getByLabel(/^Secondary key/)).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Show Primary key' }).click();
  await expectPage(primary).toHaveAttribute('type', 'text');
  await expectPage(primary).toHaveValue(/^[A-Za-z0-9+/]{43}=$/);
  await expectReached('GET', '/api/devices/prism-device-1-1/credentials');
  await expectReached('GET', '/api/devices/prism-device-1-1/attestation');
  await page.close();
}, 60_000);

it('an Operator opens a device: its overview says what the public API tells, and nothing stays loading', async () => {
  const page = await signedIn(OTTO, '/devices/prism-device-1-1');
  const overview = page.getByRole('region', { name: 'Overview' });
  await expectPage(overview.getByText(/^Individual enrollment, shared access signature \(SAS\)/)).toBeVisible();
  await expectPage(overview.getByText('Provisioned', { exact: true })).toBeVisible();
  await expectPage(overview.getByText('Thermostat')).toBeVisible();
  await expectPage(overview.getByText('Loading…')).toHaveCount(0);
  await expectPage(page.getByText(/public API does not give a device's status history/)).toBeVisible();
  await page.close();
}, 60_000);

it('an Administrator creates and edits enrollment groups, adds an X.509 CA certificate and verifies one', async () => {
  const page = await signedIn(ADA, '/admin/device-connection');
  await expectPage(page.getByRole('link', { name: PRISM_GROUP.displayName })).toBeVisible();

  // One group of each attestation: SAS (its keys made in the browser) and X.509.
  for (const [name, id, attestation] of [
    ['Sensors', 'sensors', 'Shared access signature (SAS)'],
    ['Assembly line', 'assembly-line', 'Certificates (X.509)'],
  ] as const) {
    await page.goto(`${gateway.url}/admin/device-connection`);
    await page.getByRole('button', { name: 'New' }).click();
    const create = page.getByRole('dialog', { name: 'New enrollment group' });
    await create.getByRole('textbox', { name: 'Name' }).fill(name);
    await create.getByRole('radio', { name: attestation }).check();
    await create.getByRole('button', { name: 'Create' }).click();
    await expectPage(page.getByText(/Enrollment group ".*" created\./)).toBeVisible();
    await expectReached('PUT', `/api/enrollmentGroups/${id}`);
  }

  // The group the application has (its answer to every read: a static mock).
  await page.goto(`${gateway.url}/admin/device-connection/groups/${PRISM_GROUP.id}`);
  await expectPage(page.getByRole('heading', { name: PRISM_GROUP.displayName, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: /Edit/ });
  await edit.getByRole('textbox', { name: 'Name' }).fill('Factory line 2');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expectPage(page.getByText(/Enrollment group "\W*Factory line 2\W*" saved\./)).toBeVisible();
  await expectReached('PATCH', `/api/enrollmentGroups/${PRISM_GROUP.id}`);

  // A second CA for the empty secondary slot (openssl-made, src/testing/fixtures/certs).
  await page.getByRole('button', { name: `Upload the secondary certificate of ${PRISM_GROUP.displayName}` }).click();
  const upload = page.getByRole('dialog', { name: `Add secondary certificate · ${PRISM_GROUP.displayName}` });
  await upload.getByLabel('Choose a certificate file').setInputFiles(certFixturePath('rsa-root-ca.pem'));
  const details = upload.getByRole('table', { name: 'Certificate to upload' });
  await expectPage(details).toContainText('Root CA (self-signed)');
  await expectPage(details).toContainText('CN=Test Root CA RSA');
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expectPage(upload).toBeHidden();
  await expectReached('PUT', `/api/enrollmentGroups/${PRISM_GROUP.id}/certificates/secondary`);

  // The primary, as the application has it: Unverified until its key is proved with a code.
  const certificate = `/api/enrollmentGroups/${PRISM_GROUP.id}/certificates/primary`;
  await page.getByRole('button', { name: `Verify the primary certificate of ${PRISM_GROUP.displayName}` }).click();
  const verify = page.getByRole('dialog', { name: `Verify primary certificate · ${PRISM_GROUP.displayName}` });
  await verify.getByRole('button', { name: 'Generate verification code' }).click();
  const codeField = verify.getByRole('textbox', { name: 'Verification code' });
  await expectPage(codeField).toHaveValue(/^[0-9A-F]{48}$/);
  await expectReached('POST', `${certificate}/generateVerificationCode`);
  const pem = await signVerificationCertificate({
    caCertPem: readFileSync(PRISM_CA_FIXTURE, 'utf8'),
    signingKeyPem: readFileSync(PRISM_CA_FIXTURE.replace(/\.pem$/, '.key.pem'), 'utf8'),
    commonName: await codeField.inputValue(),
  });
  await verify
    .getByLabel('Choose the verification certificate')
    .setInputFiles({ name: 'verification.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(pem) });
  await verify.getByRole('button', { name: 'Verify', exact: true }).click();
  await expectPage(verify.getByText(/^Verified\. Devices whose certificates chain to this CA/)).toBeVisible();
  await expectPage(page.getByText(`The primary certificate of "${PRISM_GROUP.displayName}" is verified.`)).toBeVisible();
  await expectReached('POST', `${certificate}/verify`);
  await verify.getByRole('button', { name: 'Done' }).click();
  await page.close();
}, 120_000);

it('sent the application only spec operations of the allow-list, with only the query the spec names', async () => {
  await expectOnlySpecOperations(real, 4);
  const requests = prism.requests();
  // Three pages of devices, through rewritten nextLinks; every write of the tests above.
  expect(reached('GET', '/api/devices').filter((r) => r.url.searchParams.has('$skiptoken')).length).toBeGreaterThanOrEqual(2);
  const writes = new Set(requests.filter((r) => r.method !== 'GET').map((r) => r.method));
  expect([...writes].sort()).toEqual(['DELETE', 'PATCH', 'POST', 'PUT']);
});
