// Security journeys against the production build: markup in names stays text everywhere (grid,
// dialogs, notifications, device page, export); keys never reach console output or URLs; and the
// Content-Security-Policy is sent, enforced and never violated by the app itself.
import { readFile } from 'node:fs/promises';
import type { ConsoleMessage, Page, Request } from '@playwright/test';
import Papa from 'papaparse';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../scripts/csp.js';
import { api, deviceRow, expect, openDevices, test } from './fixtures';

const XSS_NAME = '<img src=x onerror=alert(1)>';
const XSS_GROUP_NAME = '<img src=x onerror=alert(2)> "quoted" & more';
const XSS_DEVICE = 'xss-device';

/**
 * Chrome logs every 4xx answer. Expected here: GET /devices/{id}/attestation answers 404 without an
 * individual enrollment (IoT Central's API), and the demo DPS refuses a registration without credentials.
 */
const isExpectedRefusal = (message: ConsoleMessage) => {
  const url = message.location().url;
  return (
    message.text().startsWith('Failed to load resource: the server responded with a status of 4') &&
    ((/\/api\//.test(url) && message.text().includes('status of 404')) ||
      url.startsWith('https://global.azure-devices-provisioning.net/') ||
      /^http:\/\/[^/]+\/dps\//.test(url))
  );
};

/** Watches a page: alert()/confirm() dialogs, console errors, every console message and request URL. */
function watch(page: Page) {
  const seen = {
    dialogs: [] as string[],
    errors: [] as string[],
    console: [] as string[],
    urls: [] as string[],
  };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    seen.console.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error' && !isExpectedRefusal(message)) seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('request', (request: Request) => seen.urls.push(request.url()));
  page.on('framenavigated', (frame) => seen.urls.push(frame.url()));
  return seen;
}

/** The element an injected onerror would need: it must never exist. */
const expectNoInjectedImage = (page: Page) => expect(page.locator('img[src="x"]')).toHaveCount(0);

test.describe('Names are text, not markup', () => {
  test(`a device named ${XSS_NAME} shows as text in the grid, dialogs, notifications, device page and export`, async ({
    page,
  }) => {
    const seen = watch(page);
    await openDevices(page);

    // New: the name goes in through the form.
    await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'New' }).click();
    const create = page.getByRole('dialog', { name: 'Create a new device' });
    await create.getByRole('textbox', { name: 'Device name' }).fill(XSS_NAME);
    await create.getByRole('textbox', { name: 'Device ID' }).fill(XSS_DEVICE);
    await create.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('alert').filter({ hasText: `Device "${XSS_NAME}" created.` })).toBeVisible();
    await expectNoInjectedImage(page);

    // The grid: the name cell and the row's Actions button name.
    await openDevices(page, `?q=${XSS_DEVICE}`);
    const row = deviceRow(page, XSS_DEVICE);
    await expect(row.getByRole('link', { name: XSS_NAME, exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: `Actions for ${XSS_NAME}` })).toBeVisible();
    await expectNoInjectedImage(page);

    // Delete: the confirmation names the device; cancel it.
    await row.getByRole('button', { name: `Actions for ${XSS_NAME}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${XSS_NAME}?` });
    await expect(confirm).toBeVisible();
    await expectNoInjectedImage(page);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();

    // Connect: the dialog's subtitle is "name (id)".
    await row.getByRole('button', { name: `Actions for ${XSS_NAME}` }).click();
    await page.getByRole('menuitem', { name: 'Connect' }).click();
    const connect = page.getByRole('dialog', { name: 'Device connection' });
    await expect(connect.getByText(`${XSS_NAME} (${XSS_DEVICE})`, { exact: true })).toBeVisible();
    await expectNoInjectedImage(page);
    await connect.getByRole('button', { name: 'Close' }).click();
    await expect(connect).toBeHidden();

    // Migrate: the dialog, then the notification that names the device.
    await row.getByRole('button', { name: `Actions for ${XSS_NAME}` }).click();
    await page.getByRole('menuitem', { name: 'Migrate' }).click();
    const migrate = page.getByRole('dialog', { name: 'Migrate device' });
    await migrate.getByRole('combobox', { name: 'Device template' }).click();
    await page.getByRole('option', { name: 'Thermostat' }).click();
    await migrate.getByRole('button', { name: 'Migrate' }).click();
    await expect(page.getByRole('alert').filter({ hasText: `${XSS_NAME} migrated.` })).toBeVisible();

    // Block from the row menu: another notification with the name.
    await row.getByRole('button', { name: `Actions for ${XSS_NAME}` }).click();
    await page.getByRole('menuitem', { name: 'Block' }).click();
    await expect(page.getByRole('alert').filter({ hasText: `${XSS_NAME} blocked.` })).toBeVisible();
    await expectNoInjectedImage(page);

    // The device page: heading, breadcrumb and properties.
    await page.goto(`/devices/${XSS_DEVICE}`);
    await expect(page.getByRole('heading', { name: XSS_NAME, level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(XSS_NAME);
    await expectNoInjectedImage(page);

    // Export: the CSV cell holds the name exactly, and nothing in it is guarded or escaped away.
    await openDevices(page, `?q=${XSS_DEVICE}`);
    await deviceRow(page, XSS_DEVICE).getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'Export' })
      .click();
    const exportDialog = page.getByRole('dialog', { name: 'Export devices' });
    const downloading = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    const text = (await readFile((await download.path())!)).toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const nameColumn = header!.indexOf('IOTC_DEVICENAME');
    expect(rows.map((r) => [r[0], r[nameColumn]])).toEqual([[XSS_DEVICE, XSS_NAME]]);
    await expectNoInjectedImage(page);

    expect(seen.dialogs, 'alert() ran').toEqual([]);
    expect(seen.errors, 'console errors').toEqual([]);
  });

  test('an enrollment group named with markup shows as text on Device connection and its page', async ({
    page,
  }) => {
    const seen = watch(page);
    await openDevices(page);
    await api(page, 'PUT', '/enrollmentGroups/xss-group', {
      displayName: XSS_GROUP_NAME,
      type: 'iot',
      enabled: true,
      attestation: { type: 'symmetricKey' },
    });
    await page.goto('/admin/device-connection');
    const groups = page.getByRole('table', { name: 'Enrollment groups' });
    await expect(groups.getByRole('link', { name: XSS_GROUP_NAME })).toBeVisible();
    await expectNoInjectedImage(page);
    await groups.getByRole('link', { name: XSS_GROUP_NAME }).click();
    await expect(page.getByRole('heading', { name: XSS_GROUP_NAME, level: 1 })).toBeVisible();
    await expectNoInjectedImage(page);
    expect(seen.dialogs, 'alert() ran').toEqual([]);
    expect(seen.errors, 'console errors').toEqual([]);
  });
});

test.describe('Secrets', () => {
  test('revealing, copying, deriving and exporting keys never puts a key in the console or a URL', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const seen = watch(page);
    await openDevices(page);

    // The keys to look for, from the API: the group's keys and a device's derived keys.
    const group = await api<{ attestation: { symmetricKey: { primaryKey: string; secondaryKey: string } } }>(
      page,
      'GET',
      '/enrollmentGroups/SAS-IoT-Devices',
    );
    const device = 'thermostat-0001';
    const credentials = await api<{ symmetricKey: { primaryKey: string; secondaryKey: string } }>(
      page,
      'GET',
      `/devices/${device}/credentials`,
    );
    const secrets = [
      group.attestation.symmetricKey.primaryKey,
      group.attestation.symmetricKey.secondaryKey,
      credentials.symmetricKey.primaryKey,
      credentials.symmetricKey.secondaryKey,
    ];
    expect(new Set(secrets).size).toBe(4);

    // Connect dialog: show the device keys, copy one.
    const row = deviceRow(page, device);
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Connect' }).click();
    const connect = page.getByRole('dialog', { name: 'Device connection' });
    const primary = connect.getByRole('textbox', { name: 'Primary key' });
    await expect(primary).toHaveAttribute('type', 'password');
    await connect.getByRole('button', { name: 'Show Primary key' }).click();
    await expect(primary).toHaveValue(credentials.symmetricKey.primaryKey);
    await connect.getByRole('button', { name: 'Show Secondary key' }).click();
    await connect.getByRole('button', { name: 'Copy Primary key' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(credentials.symmetricKey.primaryKey);
    await connect.getByRole('button', { name: 'Close' }).click();

    // Device connection > the SAS group: show and copy the group keys.
    await page.goto('/admin/device-connection/groups/SAS-IoT-Devices');
    const groupPrimary = page.getByRole('textbox', { name: 'Primary key' });
    await page.getByRole('button', { name: 'Show Primary key' }).click();
    await expect(groupPrimary).toHaveValue(group.attestation.symmetricKey.primaryKey);
    await page.getByRole('button', { name: 'Show Secondary key' }).click();
    await page.getByRole('button', { name: 'Copy Secondary key' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(group.attestation.symmetricKey.secondaryKey);

    // Derive device keys: shown, copied, downloaded.
    await page.getByRole('textbox', { name: 'Device IDs' }).fill(`${device}\nanother-device`);
    await page.getByRole('button', { name: 'Derive keys' }).click();
    await page.getByRole('switch', { name: 'Show device keys' }).check();
    const derived = page.getByRole('table', { name: 'Derived device keys' });
    await expect(derived).toContainText(credentials.symmetricKey.primaryKey);
    await derived.getByRole('button', { name: `Copy device key for ${device}` }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(credentials.symmetricKey.primaryKey);
    const derivedDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect((await readFile((await (await derivedDownload).path())!)).toString('utf8')).toContain(
      credentials.symmetricKey.primaryKey,
    );

    // Export with keys.
    await openDevices(page);
    await deviceRow(page, device).getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Device actions' })
      .getByRole('button', { name: 'Export' })
      .click();
    const exported = page.waitForEvent('download');
    await page
      .getByRole('dialog', { name: 'Export devices' })
      .getByRole('button', { name: 'Export', exact: true })
      .click();
    const exportText = (await readFile((await (await exported).path())!)).toString('utf8');
    expect(exportText).toContain(credentials.symmetricKey.secondaryKey);

    // The journeys really happened and were watched...
    expect(seen.urls.length).toBeGreaterThan(10);
    expect(seen.urls.some((url) => url.includes('/admin/device-connection/groups/'))).toBe(true);
    // ...and no key, raw or URL-encoded, is in a console message or a URL.
    const variants = secrets.flatMap((s) => [s, encodeURIComponent(s), s.replace(/=+$/, '')]);
    for (const secret of variants) {
      expect(
        seen.console.filter((m) => m.includes(secret)),
        'console messages with a key',
      ).toEqual([]);
      expect(
        seen.urls.filter((u) => u.includes(secret) || decodeURIComponent(u).includes(secret)),
        'URLs with a key',
      ).toEqual([]);
    }
    expect(page.url()).not.toMatch(/key/i);
    expect(seen.errors, 'console errors').toEqual([]);
  });
});

test.describe('Content-Security-Policy', () => {
  test('the server sends the policy, the page carries it too, and the browser enforces it', async ({
    page,
  }) => {
    const response = await page.goto('/devices');
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toBe(contentSecurityPolicy());
    expect(header).toContain("script-src 'self';");
    expect(header).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(header).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(meta).toHaveAttribute('content', metaContentSecurityPolicy());
    // A deep link and the assets get it as well.
    const deep = await page.request.get('/admin/device-connection/groups/SAS-IoT-Devices');
    expect(deep.headers()['content-security-policy']).toBe(contentSecurityPolicy());

    // Enforced: an inline script and an image from elsewhere are refused, and reported as violations.
    // (page.evaluate itself runs through DevTools, which CSP exempts: the check is on what it inserts.)
    await expect(page.getByRole('grid', { name: 'Devices' })).toBeVisible();
    const refused = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://example.com/pixel.png';
      document.body.append(image);
      const handler = document.createElement('div');
      handler.setAttribute('onclick', 'window.__handlerRan = true');
      document.body.append(handler);
      handler.click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      script.remove();
      image.remove();
      handler.remove();
      return { inlineRan: '__inlineRan' in window, handlerRan: '__handlerRan' in window, violations };
    });
    expect(refused.inlineRan).toBe(false);
    expect(refused.handlerRan).toBe(false);
    expect(refused.violations).toEqual(
      expect.arrayContaining(['script-src-elem', 'script-src-attr', 'img-src']),
    );
  });

  test('no violation on any page or main dialog, nor while a device registers through the demo DPS', async ({
    page,
    backend,
  }) => {
    await page.addInitScript(() => {
      const list: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
      document.addEventListener('securitypolicyviolation', (e) =>
        list.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    const seen = watch(page);
    const violations = () =>
      page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    const checkPage = async () => expect(await violations(), page.url()).toEqual([]);

    await openDevices(page);
    for (const [path, heading] of [
      ['/devices/thermostat-0001', 'Lobby thermostat 1'],
      ['/device-templates', 'Device templates'],
      ['/admin/device-connection', 'Device connection'],
      ['/admin/device-connection/groups/SAS-IoT-Devices', 'SAS-IoT-Devices'],
      ['/admin/certificates', 'Certificates'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(heading);
      await checkPage();
    }

    // The dialogs with forms (zod), the grid's menus, the Connect dialog with its QR code.
    await openDevices(page);
    const toolbar = page.getByRole('toolbar', { name: 'Device actions' });
    await toolbar.getByRole('button', { name: 'New' }).click();
    const create = page.getByRole('dialog', { name: 'Create a new device' });
    await create.getByRole('textbox', { name: 'Device name' }).fill('CSP check');
    await create.getByRole('textbox', { name: 'Device ID' }).fill('csp-check');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect(create).toBeHidden();
    await deviceRow(page, 'thermostat-0001')
      .getByRole('button', { name: /^Actions for / })
      .click();
    await page.getByRole('menuitem', { name: 'Connect' }).click();
    const connect = page.getByRole('dialog', { name: 'Device connection' });
    await expect(connect.getByRole('textbox', { name: 'Primary key' })).toBeVisible();
    const qr = connect.getByRole('button', { name: /QR code/i });
    if (await qr.count()) await qr.first().click();
    await connect.getByRole('button', { name: 'Close' }).click();
    await toolbar.getByRole('button', { name: 'Import' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Cancel|Close/ })
      .first()
      .click();
    await checkPage();

    // A device registers with DPS from the page: the fetch to DPS (the console server's /dps, or DPS's global
    // endpoint, which the in-page demo answers) is allowed.
    const dps = backend === 'server' ? '/dps' : 'https://global.azure-devices-provisioning.net';
    const registered = await page.evaluate(async (dps) => {
      const response = await fetch(
        `${dps}/0ne00000000/registrations/csp-probe/register?api-version=2021-06-01`,
        {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ registrationId: 'csp-probe' }),
        },
      );
      return response.status;
    }, dps);
    expect(registered).toBeGreaterThanOrEqual(400); // the demo DPS answered (no credentials), not the CSP
    await checkPage();
    expect(seen.errors, 'console errors').toEqual([]);
  });
});
