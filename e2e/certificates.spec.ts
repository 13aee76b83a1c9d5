// Administration > Certificates: upload a CA certificate, prove possession of its key with a one-time
// verification code, and see Verified; each way it can go wrong shows its reason. The verification
// certificates are signed here, in Node, with the openssl-made fixtures' CA keys (real signatures).
import type { Page } from '@playwright/test';
import { certFixturePath, readCertFixtureText, type CertFixtureName } from '../src/testing/fixtures/certs';
import { signVerificationCertificate } from '../src/testing/verification-certificates';
import { expect, test } from './fixtures';

const GROUP_NAME = 'Factory line';

/** A failed verification is a 400, which the browser logs as a failed resource; any other error counts. */
function watchUnexpectedErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 400/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

async function createX509Group(page: Page) {
  await page.goto('/admin/device-connection');
  await page.getByRole('button', { name: 'New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New enrollment group' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(GROUP_NAME);
  await dialog.getByRole('radio', { name: 'Certificates (X.509)' }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: GROUP_NAME, level: 1 })).toBeVisible();
}

async function uploadCa(page: Page, file: CertFixtureName, entry: 'primary' | 'secondary' = 'primary') {
  await page.getByRole('button', { name: `Upload the ${entry} certificate of ${GROUP_NAME}` }).click();
  const dialog = page.getByRole('dialog', { name: `Add ${entry} certificate · ${GROUP_NAME}` });
  await dialog.getByLabel('Choose a certificate file').setInputFiles(certFixturePath(file));
  return dialog;
}

async function startVerification(page: Page) {
  await page.getByRole('button', { name: `Verify the primary certificate of ${GROUP_NAME}` }).click();
  const dialog = page.getByRole('dialog', { name: `Verify primary certificate · ${GROUP_NAME}` });
  await dialog.getByRole('button', { name: 'Generate verification code' }).click();
  const codeField = dialog.getByRole('textbox', { name: 'Verification code' });
  await expect(codeField).toHaveValue(/^[0-9A-F]{48}$/);
  return { dialog, code: await codeField.inputValue() };
}

async function uploadVerification(
  dialog: ReturnType<Page['getByRole']>,
  pem: string,
  name = 'my-verification.pem',
) {
  await dialog
    .getByLabel('Choose the verification certificate')
    .setInputFiles({ name, mimeType: 'application/x-pem-file', buffer: Buffer.from(pem) });
  await expect(dialog.getByText(name)).toBeVisible();
  await dialog.getByRole('button', { name: 'Verify' }).click();
}

const sign = (
  commonName: string,
  options: { alg?: 'rsa' | 'ec'; keyOf?: 'rsa' | 'ec'; expired?: boolean } = {},
) =>
  signVerificationCertificate({
    caCertPem: readCertFixtureText(`${options.alg ?? 'rsa'}-root-ca.pem`),
    signingKeyPem: readCertFixtureText(`${options.keyOf ?? options.alg ?? 'rsa'}-root-ca.key.pem`),
    commonName,
    ...(options.expired ? { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') } : {}),
  });

test.describe('Certificates and proof of possession', () => {
  test('upload a root, generate a code, upload the verification certificate, and see Verified', async ({
    page,
    consoleErrors,
  }) => {
    await createX509Group(page);
    const upload = await uploadCa(page, 'rsa-root-ca.pem');
    const details = upload.getByRole('table', { name: 'Certificate to upload' });
    await expect(details).toContainText('Root CA (self-signed)');
    await expect(details).toContainText('O=Device Console Tests, CN=Test Root CA RSA');
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect(upload).toBeHidden();

    const row = page.getByRole('row', { name: `Primary certificate of ${GROUP_NAME}` });
    await expect(row.getByText('Unverified')).toBeVisible();

    const { dialog, code } = await startVerification(page);
    await expect(dialog.getByLabel('openssl commands')).toContainText(`/CN=${code}`);
    await uploadVerification(dialog, await sign(code));
    await expect(dialog.getByText(/^Verified\. Devices whose certificates chain to this CA/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(row.getByText('Verified', { exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: /^Verify/ })).toHaveCount(0);

    // The Certificates page lists it, and a reload keeps it (the demo persists its data).
    await page.getByRole('link', { name: 'Certificates' }).click();
    const listed = page
      .getByRole('table', { name: 'CA certificates' })
      .getByRole('row', { name: `Primary certificate of ${GROUP_NAME}` });
    await expect(listed.getByText('Verified', { exact: true })).toBeVisible();
    await page.reload();
    await expect(listed.getByText('Test Root CA RSA')).toBeVisible();
    await expect(listed.getByText('Verified', { exact: true })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('an EC root verifies the same way', async ({ page, consoleErrors }) => {
    await createX509Group(page);
    await (await uploadCa(page, 'ec-root-ca.pem')).getByRole('button', { name: 'Upload' }).click();
    const { dialog, code } = await startVerification(page);
    await uploadVerification(dialog, await sign(code, { alg: 'ec' }));
    await expect(dialog.getByText(/^Verified\./)).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('each failure shows its reason, and the certificate stays Unverified', async ({ page }) => {
    const errors = watchUnexpectedErrors(page);
    await createX509Group(page);
    await (await uploadCa(page, 'rsa-root-ca.pem')).getByRole('button', { name: 'Upload' }).click();
    const { dialog, code } = await startVerification(page);
    const failure = dialog.getByRole('alert').filter({ hasText: 'Not verified.' });

    await uploadVerification(dialog, readCertFixtureText('rsa-verification-wrong-cn.pem'), 'wrong-cn.pem');
    await expect(failure).toContainText(
      `The verification certificate's common name (CN) is "A901A843EFF75419AC1F0EB460E85DF153092A0547AA30F5", but the current verification code is "${code}"`,
    );
    await expect(failure).toContainText('The certificate stays Unverified.');

    await uploadVerification(dialog, await sign(code, { keyOf: 'ec' }), 'wrong-key.pem');
    await expect(failure).toContainText(
      'names "Test Root CA RSA" as its issuer but was signed by another key',
    );

    await uploadVerification(dialog, await sign(code, { expired: true }), 'expired.pem');
    await expect(failure).toContainText('The verification certificate expired on 2021-01-01 00:00 UTC');

    await dialog.getByRole('button', { name: 'Generate a new code' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Verification code' })).not.toHaveValue(code);
    const newCode = await dialog.getByRole('textbox', { name: 'Verification code' }).inputValue();
    await uploadVerification(dialog, await sign(code), 'stale.pem');
    await expect(failure).toContainText(
      `This verification certificate was made for an old verification code (${code}): a newer code replaced it. Make a new verification certificate with CN=${newCode}`,
    );

    await dialog.getByRole('button', { name: 'Close' }).click();
    const row = page.getByRole('row', { name: `Primary certificate of ${GROUP_NAME}` });
    await expect(row.getByText('Unverified')).toBeVisible();

    // The outstanding code still works after all those failures.
    await row.getByRole('button', { name: `Verify the primary certificate of ${GROUP_NAME}` }).click();
    const again = page.getByRole('dialog', { name: `Verify primary certificate · ${GROUP_NAME}` });
    await again.getByRole('button', { name: 'Generate verification code' }).click();
    const latest = await again.getByRole('textbox', { name: 'Verification code' }).inputValue();
    await uploadVerification(again, await sign(latest));
    await expect(again.getByText(/^Verified\./)).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a refusal shows at the top of the dialog, in view, and marks the upload step failed', async ({ page }) => {
    await createX509Group(page);
    await (await uploadCa(page, 'rsa-root-ca.pem')).getByRole('button', { name: 'Upload' }).click();
    const { dialog, code } = await startVerification(page);
    await uploadVerification(dialog, await sign(code, { alg: 'ec' }), 'other-ca.pem');
    const failure = dialog.getByRole('alert').filter({ hasText: 'Not verified.' });
    await expect(failure).toBeInViewport();
    // Above the steps, not under the Verify button below the fold.
    const failureBox = await failure.boundingBox();
    const stepsBox = await dialog.getByText('Generate verification code', { exact: true }).first().boundingBox();
    expect(failureBox!.y).toBeLessThan(stepsBox!.y);
    await expect(dialog.getByText('Refused: see the reason above')).toBeVisible();
  });

  test('a leaf, an expired CA and a private key are refused on upload with the reason', async ({
    page,
    consoleErrors,
  }) => {
    await createX509Group(page);
    const dialog = await uploadCa(page, 'rsa-device-001.pem');
    const reason = dialog.getByRole('alert');
    await expect(reason).toContainText(
      'This is a device (leaf) certificate ("device-001"), not a CA certificate',
    );
    await expect(dialog.getByRole('button', { name: 'Upload' })).toBeDisabled();
    await dialog.getByLabel('Choose a certificate file').setInputFiles(certFixturePath('ec-expired-ca.pem'));
    await expect(reason).toContainText('The certificate expired on 2001-01-01 00:00 UTC');
    await dialog
      .getByLabel('Choose a certificate file')
      .setInputFiles(certFixturePath('rsa-device-001.key.pem'));
    await expect(reason).toContainText('This is a private key, not a certificate');
    await dialog.getByLabel('Choose a certificate file').setInputFiles(certFixturePath('garbage-cert.pem'));
    await expect(reason).toContainText('damaged and cannot be read');
    await expect(dialog.getByRole('button', { name: 'Upload' })).toBeDisabled();
    expect(consoleErrors).toEqual([]);
  });

  test('"Verified on upload" skips the proof and says so', async ({ page, consoleErrors }) => {
    await createX509Group(page);
    const dialog = await uploadCa(page, 'ec-intermediate-ca.pem', 'secondary');
    await expect(dialog.getByRole('table', { name: 'Certificate to upload' })).toContainText(
      'Intermediate CA',
    );
    await dialog.getByRole('checkbox', { name: 'Verified on upload (skip proof of possession)' }).check();
    await expect(
      dialog.getByText(/marked verified without proving that you hold its private key/),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Upload' }).click();
    const row = page.getByRole('row', { name: `Secondary certificate of ${GROUP_NAME}` });
    await expect(row.getByText('Verified on upload')).toBeVisible();
    await expect(row.getByText('Proof of possession skipped')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
