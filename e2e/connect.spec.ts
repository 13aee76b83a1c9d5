// Connect, from the device page: the group's derived keys, and individual enrollments (SAS, X.509,
// TPM) that survive a reload; a bad certificate upload says why. The X.509 certificate for the
// device is made by openssl in the test setup, as an operator would make it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type ConsoleMessage, type Page } from '@playwright/test';
import { test as fixtures, makeSelfSignedCertificate } from './fixtures';

const DEVICE_ID = 'thermostat-0001';
const CERTS = fileURLToPath(new URL('../src/testing/fixtures/certs/', import.meta.url));
// azure-iot-cli-extension TEST_ENDORSEMENT_KEY and the registration ID DPS derives from it.
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';
const CLI_TEST_EK_REGISTRATION_ID = 't6t2cg5vnzscr7ty546hj7c7maamkggectqcxkccq637z5bvlnoa';

/**
 * GET /devices/{id}/attestation answers 404 for a device without an individual enrollment (that is
 * IoT Central's API), and Chrome logs every 404 response. Any other console error fails the test.
 */
const isNoEnrollment404 = (message: ConsoleMessage) =>
  message.text().startsWith('Failed to load resource: the server responded with a status of 404') &&
  /\/api\/devices\/[^/]+\/attestation\b/.test(message.location().url);

const test = fixtures.extend<{ consoleCheck: undefined }>({
  consoleCheck: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !isNoEnrollment404(message)) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(undefined);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

async function openConnect(page: Page) {
  await page.goto(`/devices/${DEVICE_ID}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Device connection' });
  await expect(dialog.getByRole('textbox', { name: 'ID scope' })).toHaveValue(/^0ne[0-9A-F]{8}$/);
  return dialog;
}

async function choose(page: Page, label: string, option: string) {
  await page
    .getByRole('dialog', { name: 'Device connection' })
    .getByRole('combobox', { name: label })
    .click();
  await page.getByRole('option', { name: option }).click();
}

test.describe('Connect', () => {
  test('shows the keys derived from the SAS-IoT-Devices group, masked, and the QR code on request', async ({
    page,
  }) => {
    const dialog = await openConnect(page);
    await expect(dialog.getByRole('textbox', { name: 'Device ID' })).toHaveValue(DEVICE_ID);
    await expect(dialog.getByRole('combobox', { name: 'Authentication type' })).toHaveText(
      'Shared access signature (SAS)',
    );
    await expect(dialog.getByRole('textbox', { name: 'Enrollment group' })).toHaveValue('SAS-IoT-Devices');
    const primary = dialog.getByRole('textbox', { name: 'Primary key' });
    await expect(primary).toHaveAttribute('type', 'password');
    await dialog.getByRole('button', { name: 'Show Primary key' }).click();
    await expect(primary).toHaveAttribute('type', 'text');
    await expect(primary).toHaveValue(/^[A-Za-z0-9+/]{43}=$/); // base64 of a 32-byte HMAC-SHA256

    await expect(dialog.getByRole('img', { name: /QR code/ })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Show QR code' }).click();
    await expect(
      dialog.getByRole('img', { name: `QR code with the connection information of ${DEVICE_ID}` }),
    ).toBeVisible();
  });

  test('an individual SAS enrollment is kept after a reload, and removing it returns the device to the group', async ({
    page,
  }) => {
    let dialog = await openConnect(page);
    await dialog.getByRole('button', { name: 'Show Primary key' }).click();
    const derivedKey = await dialog.getByRole('textbox', { name: 'Primary key' }).inputValue();

    await choose(page, 'Authentication type', 'Individual enrollment');
    await expect(
      dialog.getByText(/An individual enrollment takes precedence over the group enrollments/),
    ).toBeVisible();
    const primary = dialog.getByRole('textbox', { name: 'Primary key' });
    await primary.fill('AAAAAAAAAAA=');
    await expect(dialog.getByText('Key is 8 bytes; use 16 to 64 bytes (e.g. press Generate).')).toBeVisible();
    await dialog.getByRole('button', { name: 'Generate primary key' }).click();
    await expect(dialog.getByText(/Key is 8 bytes/)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Show Primary key' }).click();
    const key = await primary.inputValue();
    expect(key).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Saved: Shared access signature (SAS)')).toBeVisible();

    await page.reload();
    dialog = await openConnect(page);
    await expect(dialog.getByRole('combobox', { name: 'Authentication type' })).toHaveText(
      'Individual enrollment',
    );
    await expect(dialog.getByText('Saved: Shared access signature (SAS)')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Primary key' })).toHaveValue(key);

    await dialog.getByRole('button', { name: 'Remove individual enrollment' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove individual enrollment?' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Authentication type' })).toHaveText(
      'Shared access signature (SAS)',
    );
    await page.reload();
    dialog = await openConnect(page);
    await dialog.getByRole('button', { name: 'Show Primary key' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Primary key' })).toHaveValue(derivedKey);
  });

  test('closing with an uploaded certificate that is not saved asks first', async ({ page }) => {
    const { pem } = makeSelfSignedCertificate(DEVICE_ID, { isCa: false });
    const dialog = await openConnect(page);
    await choose(page, 'Authentication type', 'Individual enrollment');
    await choose(page, 'Authentication method', 'Certificates (X.509)');
    await dialog
      .getByLabel('Upload primary certificate')
      .setInputFiles({ name: `${DEVICE_ID}.pem`, mimeType: 'application/x-pem-file', buffer: pem });
    await expect(dialog.getByRole('table', { name: 'Primary certificate details' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard the uploaded certificate?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByRole('table', { name: 'Primary certificate details' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toBeHidden();
  });

  test('an individual X.509 enrollment is kept after a reload, with the thumbprint openssl prints', async ({
    page,
  }) => {
    const { pem, sha1 } = makeSelfSignedCertificate(DEVICE_ID, { isCa: false });
    let dialog = await openConnect(page);
    await choose(page, 'Authentication type', 'Individual enrollment');
    await choose(page, 'Authentication method', 'Certificates (X.509)');
    await dialog
      .getByLabel('Upload primary certificate')
      .setInputFiles({ name: `${DEVICE_ID}.pem`, mimeType: 'application/x-pem-file', buffer: pem });
    const details = dialog.getByRole('table', { name: 'Primary certificate details' });
    await expect(details.getByRole('row', { name: /^Subject/ })).toContainText(`CN=${DEVICE_ID}`);
    await expect(details.getByRole('row', { name: /^SHA-1 thumbprint/ })).toContainText(sha1);
    await expect(details.getByRole('row', { name: /^SHA-256 thumbprint/ })).toContainText(/[0-9A-F]{64}/);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Saved: Certificates (X.509)')).toBeVisible();

    await page.reload();
    dialog = await openConnect(page);
    await expect(dialog.getByRole('combobox', { name: 'Authentication method' })).toHaveText(
      'Certificates (X.509)',
    );
    await expect(
      dialog.getByRole('textbox', { name: 'Saved primary certificate (SHA-1 thumbprint)' }),
    ).toHaveValue(sha1);
  });

  test('a bad certificate upload shows its reason', async ({ page }) => {
    const dialog = await openConnect(page);
    await choose(page, 'Authentication type', 'Individual enrollment');
    await choose(page, 'Authentication method', 'Certificates (X.509)');
    const upload = dialog.getByLabel('Upload primary certificate');
    const slot = dialog.getByRole('region', { name: 'Primary certificate' });
    const cases: [string, string, RegExp][] = [
      ['rsa-self-signed-device-001.key.pem', 'device.pem', /This is a private key, not a certificate/],
      [
        'rsa-self-signed-device-001.pem',
        'device-001.pem',
        /common name \(CN\) is "device-001", but the device ID is "thermostat-0001"/,
      ],
      ['rsa-root-ca.pem', 'root.pem', /This is a CA certificate/],
      ['garbage.txt', 'notes.crt', /not an X\.509 certificate/],
    ];
    for (const [fixture, name, reason] of cases) {
      await upload.setInputFiles({
        name,
        mimeType: 'application/octet-stream',
        buffer: readFileSync(join(CERTS, fixture)),
      });
      await expect(slot.getByRole('alert')).toHaveText(reason);
    }
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Not saved yet')).toBeVisible();
  });

  test('an individual TPM enrollment shows the derived registration ID and is kept after a reload', async ({
    page,
  }) => {
    let dialog = await openConnect(page);
    await choose(page, 'Authentication type', 'Individual enrollment');
    await choose(page, 'Authentication method', 'Trusted Platform Module (TPM)');
    const endorsementKey = dialog.getByRole('textbox', { name: 'Endorsement key' });
    await endorsementKey.fill('AAAA');
    await expect(dialog.getByText(/The TPM2B_PUBLIC is empty/)).toBeVisible();
    await endorsementKey.fill(CLI_TEST_EK);
    await expect(dialog.getByRole('textbox', { name: 'Registration ID' })).toHaveValue(
      CLI_TEST_EK_REGISTRATION_ID,
    );
    await expect(dialog.getByText(/is not the device ID "thermostat-0001"/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Saved: Trusted Platform Module (TPM)')).toBeVisible();

    await page.reload();
    dialog = await openConnect(page);
    await expect(dialog.getByRole('textbox', { name: 'Endorsement key' })).toHaveValue(CLI_TEST_EK);
    await expect(dialog.getByRole('textbox', { name: 'Registration ID' })).toHaveValue(
      CLI_TEST_EK_REGISTRATION_ID,
    );
  });
});
