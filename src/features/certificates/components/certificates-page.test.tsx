// Administration > Certificates and the X.509 group page: upload, proof of possession and its failures,
// against the demo backend over real HTTP, with openssl-made fixtures and certificates signed at test time.
import { configure, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createEnrollmentGroup, createEnrollmentGroupCertificate } from '../../../api/enrollment-groups';
import { store } from '../../../mocks/node';
import {
  readCertFixture,
  readCertFixtureText,
  readFixtureFingerprints,
  type CertFixtureName,
} from '../../../testing/fixtures/certs';
import { renderRoute } from '../../../testing/render';
import { signVerificationCertificate } from '../../../testing/verification-certificates';

// Lazy routes and WebCrypto take a while on a busy machine; this file's waits allow for it.
configure({ asyncUtilTimeout: 5000 });

const GROUP = 'factory';
const GROUP_NAME = 'Factory line';

async function createGroup(id = GROUP, displayName = GROUP_NAME) {
  await createEnrollmentGroup(id, { displayName, enabled: true, type: 'iot', attestation: { type: 'x509' } });
}

async function uploadViaApi(
  name: CertFixtureName,
  entry: 'primary' | 'secondary' = 'primary',
  verified = false,
) {
  await createEnrollmentGroupCertificate(GROUP, entry, { certificate: readCertFixtureText(name), verified });
}

/** The fixture as a file the picker accepts (it offers .pem, .cer, .crt and .der): garbage gets a .cer name. */
const fixtureFile = (name: CertFixtureName) =>
  new File([readCertFixture(name)], /\.(pem|der)$/.test(name) ? name : `${name}.cer`);
const pemFile = (pem: string, name = 'my-verification.pem') => new File([pem], name);

function entryRecord(entry: 'primary' | 'secondary' = 'primary') {
  const group = store.groups.get(GROUP);
  return group?.attestation.type === 'x509' ? group.attestation[entry] : undefined;
}

/** Opens the Verify dialog for the primary certificate and generates a code; returns the dialog and the code. */
async function startVerification(user: UserEvent) {
  await user.click(
    await screen.findByRole('button', { name: `Verify the primary certificate of ${GROUP_NAME}` }),
  );
  const dialog = await screen.findByRole('dialog', { name: `Verify primary certificate · ${GROUP_NAME}` });
  await user.click(within(dialog).getByRole('button', { name: 'Generate verification code' }));
  const codeField = await within(dialog).findByRole('textbox', { name: 'Verification code' });
  const code = (codeField as HTMLInputElement).value;
  expect(code).toMatch(/^[0-9A-F]{48}$/);
  return { dialog, code };
}

async function verifyWith(user: UserEvent, dialog: HTMLElement, file: File) {
  await user.upload(within(dialog).getByLabelText('Choose the verification certificate'), file);
  await within(dialog).findByText(file.name);
  const verify = within(dialog).getByRole('button', { name: 'Verify' });
  await waitFor(() => expect(verify).toBeEnabled());
  await user.click(verify);
}

const signRsa = (
  commonName: string,
  options: { key?: CertFixtureName; notBefore?: Date; notAfter?: Date } = {},
) =>
  signVerificationCertificate({
    caCertPem: readCertFixtureText('rsa-root-ca.pem'),
    signingKeyPem: readCertFixtureText(options.key ?? 'rsa-root-ca.key.pem'),
    commonName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
  });

describe('Certificates page', () => {
  it('points to Device connection when no group uses X.509', async () => {
    renderRoute('/admin/certificates');
    expect(await screen.findByText(/No enrollment group uses X.509 certificates yet/)).toBeInTheDocument();
    const hint = screen.getByText(/No enrollment group uses X.509 certificates yet/);
    expect(within(hint).getByRole('link', { name: 'Device connection' })).toHaveAttribute(
      'href',
      '/admin/device-connection',
    );
  });

  it("lists every X.509 group's primary and secondary certificates with their status", async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem', 'primary');
    await uploadViaApi('ec-intermediate-ca.pem', 'secondary', true);
    await createGroup('spare', 'Spare line');
    renderRoute('/admin/certificates');

    const table = await screen.findByRole('table', { name: 'CA certificates' });
    expect(within(table).getByRole('link', { name: GROUP_NAME })).toHaveAttribute(
      'href',
      `/admin/device-connection/groups/${GROUP}`,
    );
    const primary = within(table).getByRole('row', { name: `Primary certificate of ${GROUP_NAME}` });
    expect(await within(primary).findByText('Test Root CA RSA')).toBeInTheDocument();
    expect(within(primary).getByText('Root CA (self-signed)')).toBeInTheDocument();
    expect(within(primary).getByText('Unverified')).toBeInTheDocument();
    const sha1 = readFixtureFingerprints().find((f) => f.file === 'rsa-root-ca.pem')?.sha1 ?? '';
    expect(within(primary).getByText(sha1)).toBeInTheDocument();

    const secondary = within(table).getByRole('row', { name: `Secondary certificate of ${GROUP_NAME}` });
    expect(await within(secondary).findByText('Issued by Test Root CA EC')).toBeInTheDocument();
    expect(within(secondary).getByText('Verified on upload')).toBeInTheDocument();
    expect(within(secondary).getByText('Proof of possession skipped')).toBeInTheDocument();
    expect(within(secondary).queryByRole('button', { name: /Verify/ })).not.toBeInTheDocument();

    const spare = within(table).getByRole('row', { name: 'Primary certificate of Spare line' });
    expect(within(spare).getByText('No certificate')).toBeInTheDocument();
    expect(screen.getByText(/1 certificate is Unverified/)).toBeInTheDocument();
  });

  it('shows subject, issuer, validity and thumbprints in the details', async () => {
    await createGroup();
    await uploadViaApi('ec-root-ca.pem');
    const { user } = renderRoute('/admin/certificates');
    await user.click(
      await screen.findByRole('button', { name: `Show details of the primary certificate of ${GROUP_NAME}` }),
    );
    const details = await screen.findByRole('table', {
      name: `Details of the primary certificate of ${GROUP_NAME}`,
    });
    const fingerprint = readFixtureFingerprints().find((f) => f.file === 'ec-root-ca.pem');
    expect(details).toHaveTextContent('O=Device Console Tests, CN=Test Root CA EC');
    expect(details).toHaveTextContent(fingerprint?.sha256 ?? 'missing');
    expect(details).toHaveTextContent('EC P-256');
    expect(details).toHaveTextContent(/Valid to21\d\d-/);
  });
});

describe('Uploading a CA certificate', () => {
  it('reads the file, shows what it is, and uploads it as Unverified', async () => {
    await createGroup();
    const { user } = renderRoute('/admin/certificates');
    await user.click(
      await screen.findByRole('button', { name: `Upload the primary certificate of ${GROUP_NAME}` }),
    );
    const dialog = await screen.findByRole('dialog', { name: `Add primary certificate · ${GROUP_NAME}` });
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
    await user.upload(
      within(dialog).getByLabelText('Choose a certificate file'),
      fixtureFile('rsa-root-ca.der'),
    );
    const details = await within(dialog).findByRole('table', { name: 'Certificate to upload' });
    expect(details).toHaveTextContent('Root CA (self-signed)');
    expect(details).toHaveTextContent(
      readFixtureFingerprints().find((f) => f.file === 'rsa-root-ca.der')?.sha1 ?? '-',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(entryRecord()).toMatchObject({ verified: false, verifiedOnUpload: false });
    expect(await screen.findByText('Unverified')).toBeInTheDocument();
  });

  it.each<[CertFixtureName, RegExp]>([
    [
      'rsa-device-001.pem',
      /This is a device \(leaf\) certificate \("device-001"\), not a CA certificate: it is not marked CA:TRUE/,
    ],
    ['ec-expired-ca.pem', /The certificate expired on 2001-01-01 00:00 UTC/],
    ['garbage.bin', /This file is not an X.509 certificate/],
    ['garbage-cert.pem', /damaged and cannot be read/],
    ['ec-device-001.key.der', /This is a private key, not a certificate/],
  ])('refuses %s with the reason, and uploads nothing', async (name, reason) => {
    await createGroup();
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    await user.click(
      await screen.findByRole('button', { name: `Upload the primary certificate of ${GROUP_NAME}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText('Choose a certificate file'), fixtureFile(name));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(reason);
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
    expect(entryRecord()).toBeUndefined();
  });

  it('"Verified on upload" is marked as skipping proof of possession', async () => {
    await createGroup();
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    await user.click(
      await screen.findByRole('button', { name: `Upload the secondary certificate of ${GROUP_NAME}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.upload(
      within(dialog).getByLabelText('Choose a certificate file'),
      fixtureFile('ec-root-ca.pem'),
    );
    await within(dialog).findByRole('table', { name: 'Certificate to upload' });
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Verified on upload (skip proof of possession)' }),
    );
    expect(
      within(dialog).getByText(/marked verified without proving that you hold its private key/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const row = await screen.findByRole('row', { name: `Secondary certificate of ${GROUP_NAME}` });
    expect(await within(row).findByText('Verified on upload')).toBeInTheDocument();
    expect(within(row).getByText('Proof of possession skipped')).toBeInTheDocument();
    expect(entryRecord('secondary')).toMatchObject({ verified: true, verifiedOnUpload: true });
  });

  it("shows the backend's refusal in the dialog", async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem', 'primary');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    await user.click(
      await screen.findByRole('button', { name: `Upload the secondary certificate of ${GROUP_NAME}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.upload(
      within(dialog).getByLabelText('Choose a certificate file'),
      fixtureFile('rsa-root-ca.pem'),
    );
    await within(dialog).findByRole('table', { name: 'Certificate to upload' });
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByText(/already this group's primary certificate/)).toBeInTheDocument();
  });

  it('removes a certificate after confirmation', async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem');
    const { user } = renderRoute('/admin/certificates');
    await user.click(
      await screen.findByRole('button', { name: `Remove the primary certificate of ${GROUP_NAME}` }),
    );
    const confirm = await screen.findByRole('dialog', { name: 'Remove the primary certificate?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(entryRecord()).toBeUndefined());
    expect(
      await screen.findByRole('button', { name: `Upload the primary certificate of ${GROUP_NAME}` }),
    ).toBeInTheDocument();
  });
});

describe('VerifyCertificateDialog (proof of possession)', () => {
  it('generates a code, shows the openssl commands with it, and verifies a certificate signed with the CA key', async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    const { dialog, code } = await startVerification(user);
    expect(entryRecord()?.verificationCode).toBe(code);
    const commands = within(dialog).getByLabelText('openssl commands');
    expect(commands).toHaveTextContent(`-subj /CN=${code}`);
    expect(commands).toHaveTextContent('-CA test-root-ca-rsa.pem -CAkey test-root-ca-rsa.key');

    await verifyWith(user, dialog, pemFile(await signRsa(code)));
    expect(
      await within(dialog).findByText(/Verified\. Devices whose certificates chain to this CA/),
    ).toBeInTheDocument();
    expect(entryRecord()).toMatchObject({ verified: true, verifiedOnUpload: false });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const row = await screen.findByRole('row', { name: `Primary certificate of ${GROUP_NAME}` });
    expect(await within(row).findByText('Verified')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /^Verify/ })).not.toBeInTheDocument();
  });

  it('verifies an EC root too', async () => {
    await createGroup();
    await uploadViaApi('ec-root-ca.pem');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    const { dialog, code } = await startVerification(user);
    const pem = await signVerificationCertificate({
      caCertPem: readCertFixtureText('ec-root-ca.pem'),
      signingKeyPem: readCertFixtureText('ec-root-ca.key.pem'),
      commonName: code,
    });
    await verifyWith(user, dialog, pemFile(pem));
    expect(await within(dialog).findByText(/^Verified\./)).toBeInTheDocument();
    expect(entryRecord()?.verified).toBe(true);
  });

  it.each<[string, (code: string) => Promise<File>, RegExp]>([
    [
      'the wrong CN',
      async () => fixtureFile('rsa-verification-wrong-cn.pem'),
      /common name \(CN\) is "A901A843EFF75419AC1F0EB460E85DF153092A0547AA30F5", but the current verification code is/,
    ],
    [
      'a signature by another key',
      async (code) => pemFile(await signRsa(code, { key: 'ec-root-ca.key.pem' })),
      /names "Test Root CA RSA" as its issuer but was signed by another key/,
    ],
    [
      'an expired certificate',
      async (code) =>
        pemFile(
          await signRsa(code, { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') }),
        ),
      /The verification certificate expired on 2021-01-01 00:00 UTC/,
    ],
    [
      'a certificate issued by another CA',
      async (code) =>
        pemFile(
          await signVerificationCertificate({
            caCertPem: readCertFixtureText('ec-root-ca.pem'),
            signingKeyPem: readCertFixtureText('ec-root-ca.key.pem'),
            commonName: code,
          }),
        ),
      /was issued by "O=Device Console Tests, CN=Test Root CA EC", not by this CA/,
    ],
  ])('refuses %s with the reason, and the certificate stays Unverified', async (_, makeFile, reason) => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    const { dialog, code } = await startVerification(user);
    await verifyWith(user, dialog, await makeFile(code));
    const alert = (await within(dialog).findByText(/^Not verified\./)).closest('[role="alert"]');
    expect(alert).toHaveTextContent(reason);
    expect(alert).toHaveTextContent('The certificate stays Unverified.');
    // The operator can try again with another file.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Verify' })).toBeEnabled());
    expect(entryRecord()?.verified).toBe(false);
  });

  it('refuses a file that is not a certificate before sending it', async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    const { dialog } = await startVerification(user);
    await user.upload(
      within(dialog).getByLabelText('Choose the verification certificate'),
      fixtureFile('garbage.txt'),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /This file is not an X.509 certificate/,
    );
    expect(within(dialog).getByRole('button', { name: 'Verify' })).toBeDisabled();
  });

  it('calls a certificate made for a replaced code stale, then verifies with the new code', async () => {
    await createGroup();
    await uploadViaApi('rsa-root-ca.pem');
    const { user } = renderRoute(`/admin/device-connection/groups/${GROUP}`);
    const { dialog, code: oldCode } = await startVerification(user);
    const stale = pemFile(await signRsa(oldCode), 'stale.pem');
    await user.click(within(dialog).getByRole('button', { name: 'Generate a new code' }));
    const codeField = within(dialog).getByRole('textbox', { name: 'Verification code' });
    await waitFor(() => expect(codeField).not.toHaveValue(oldCode));
    const newCode = (codeField as HTMLInputElement).value;

    await verifyWith(user, dialog, stale);
    expect(await within(dialog).findByText(/^Not verified\./)).toBeInTheDocument();
    expect(
      within(dialog)
        .getByText(/^Not verified\./)
        .closest('[role="alert"]'),
    ).toHaveTextContent(
      `This verification certificate was made for an old verification code (${oldCode}): a newer code replaced it. Make a new verification certificate with CN=${newCode}, the current code.`,
    );
    expect(entryRecord()?.verified).toBe(false);

    await verifyWith(user, dialog, pemFile(await signRsa(newCode), 'fresh.pem'));
    expect(await within(dialog).findByText(/^Verified\./)).toBeInTheDocument();
    expect(entryRecord()?.verified).toBe(true);
  });
});
