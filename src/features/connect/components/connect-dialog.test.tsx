// The Connect dialog against the demo backend (MSW), by role and IoT Central's words.
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createDeviceAttestation, createOrReplaceDevice } from '../../../api/devices';
import { bytesToBase64 } from '../../../lib/base64';
import { deriveDeviceKey } from '../../../lib/sas-keys';
import { server, store } from '../../../mocks/node';
import { FIXTURE_DEVICE_ID, readCertFixture, readFixtureFingerprints } from '../../../testing/fixtures/certs';
import { renderWithProviders } from '../../../testing/render';
import { ConnectDialog } from './connect-dialog';

// azure-iot-cli-extension TEST_ENDORSEMENT_KEY and the registration ID derived from it (dps-protocol.md §5).
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';
const CLI_TEST_EK_REGISTRATION_ID = 't6t2cg5vnzscr7ty546hj7c7maamkggectqcxkccq637z5bvlnoa';
/** The first load of a test file also loads modules; give it time on a busy machine. */
const KEY_32 = bytesToBase64(new Uint8Array(32).fill(9));

function groupKeys() {
  const group = store.groups.get('SAS-IoT-Devices');
  if (group?.attestation.type !== 'symmetricKey') throw new Error('the seed has a SAS group');
  return group.attestation;
}

async function openDialog(deviceId = 'thermostat-0001') {
  const onClose = vi.fn();
  const view = renderWithProviders(<ConnectDialog open deviceId={deviceId} onClose={onClose} />);
  const dialog = await screen.findByRole('dialog', { name: 'Device connection' });
  await within(dialog).findByLabelText('ID scope');
  return { ...view, dialog, onClose };
}

async function choose(user: ReturnType<typeof renderWithProviders>['user'], label: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

const certificateFile = (fixture: Parameters<typeof readCertFixture>[0], name: string) =>
  new File([readCertFixture(fixture)], name);

describe('ConnectDialog: SAS through the group', () => {
  it('shows the ID scope, device ID and the keys derived from the SAS-IoT-Devices group, masked', async () => {
    const { dialog, user, onClose } = await openDialog();
    expect(within(dialog).getByLabelText('ID scope')).toHaveValue(store.settings.idScope);
    expect(within(dialog).getByLabelText('Device ID')).toHaveValue('thermostat-0001');
    expect(within(dialog).getByRole('combobox', { name: 'Authentication type' })).toHaveTextContent(
      'Shared access signature (SAS)',
    );
    expect(await within(dialog).findByLabelText('Enrollment group')).toHaveValue('SAS-IoT-Devices');

    const primary = within(dialog).getByLabelText('Primary key');
    expect(primary).toHaveAttribute('type', 'password');
    expect(primary).toHaveValue(await deriveDeviceKey(groupKeys().primaryKey, 'thermostat-0001'));
    expect(within(dialog).getByLabelText('Secondary key')).toHaveValue(
      await deriveDeviceKey(groupKeys().secondaryKey, 'thermostat-0001'),
    );

    await user.click(within(dialog).getByRole('button', { name: 'Copy Primary key' }));
    expect(await navigator.clipboard.readText()).toBe(
      await deriveDeviceKey(groupKeys().primaryKey, 'thermostat-0001'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Copy ID scope' }));
    expect(await navigator.clipboard.readText()).toBe(store.settings.idScope);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('derives the published vector: dps-keygen group key A and its registration ID', async () => {
    groupKeys().primaryKey =
      '8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==';
    await createOrReplaceDevice('sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6', {});
    const { dialog } = await openDialog('sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6');
    expect(within(dialog).getByLabelText('Primary key')).toHaveValue(
      'Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=',
    );
  });

  it('shows the QR code only on request', async () => {
    const { dialog, user } = await openDialog();
    expect(within(dialog).queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Show QR code' }));
    expect(
      within(dialog).getByRole('img', { name: 'QR code with the connection information of thermostat-0001' }),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Hide QR code' }));
    expect(within(dialog).queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();
  });

  it('says when the connection information cannot be loaded, and retries', async () => {
    server.use(
      http.get('*/api/devices/:id/credentials', () =>
        HttpResponse.json({ error: { code: 'Boom', message: 'Storage is unavailable' } }, { status: 500 }),
      ),
    );
    const onClose = vi.fn();
    const { user } = renderWithProviders(<ConnectDialog open deviceId="thermostat-0001" onClose={onClose} />);
    expect(
      await screen.findByText(
        /Could not load the connection information of "thermostat-0001": Storage is unavailable/,
        {}
      ),
    ).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('ID scope')).toHaveValue(store.settings.idScope);
  });
});

describe('ConnectDialog: opening and closing', () => {
  it('keeps the last device while closing when the caller clears the device ID', async () => {
    const { dialog, rerender } = await openDialog();
    // An unhandled request (e.g. /devices//credentials) would fail the test.
    rerender(<ConnectDialog open={false} deviceId="" onClose={() => undefined} />);
    expect(within(dialog).getByRole('textbox', { name: 'Device ID' })).toHaveValue('thermostat-0001');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    rerender(<ConnectDialog open deviceId="filler-0003" onClose={() => undefined} />);
    expect(await screen.findByRole('textbox', { name: 'Device ID' })).toHaveValue('filler-0003');
  });
});

describe('ConnectDialog: individual SAS enrollment', () => {
  it('explains the precedence, validates keys inline, and saves', async () => {
    const { dialog, user } = await openDialog();
    await choose(user, 'Authentication type', 'Individual enrollment');
    expect(
      within(dialog).getByText(/An individual enrollment takes precedence over the group enrollments/),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('combobox', { name: 'Authentication method' })).toHaveTextContent(
      'Shared access signature (SAS)',
    );
    expect(within(dialog).getByText('Not saved yet')).toBeInTheDocument();

    const primary = within(dialog).getByLabelText(/^Primary key/);
    expect(primary).toHaveAttribute('type', 'password');
    expect((primary as HTMLInputElement).value).toMatch(/^[A-Za-z0-9+/]{86}==$/); // generated, 64 bytes

    await user.clear(primary);
    await user.type(primary, 'not-base64!');
    expect(await within(dialog).findByText(/"-" and "_" belong to base64url/)).toBeInTheDocument();
    await user.clear(primary);
    await user.type(primary, 'AAAAAAAAAAA=');
    expect(
      await within(dialog).findByText('Key is 8 bytes; use 16 to 64 bytes (e.g. press Generate).'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(store.devices.get('thermostat-0001')?.attestation).toBeUndefined();

    await user.clear(primary);
    await user.type(primary, KEY_32);
    await waitFor(() => expect(within(dialog).queryByText(/Key is 8 bytes/)).not.toBeInTheDocument());
    const secondary = within(dialog).getByLabelText(/^Secondary key/) as HTMLInputElement;
    await user.click(within(dialog).getByRole('button', { name: 'Generate secondary key' }));
    const generated = secondary.value;
    expect(generated).toMatch(/^[A-Za-z0-9+/]{86}==$/);

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Saved: Shared access signature (SAS)')).toBeInTheDocument();
    expect(store.devices.get('thermostat-0001')?.attestation).toEqual({
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_32, secondaryKey: generated },
    });
    expect(within(dialog).getByLabelText(/^Primary key/)).toHaveValue(KEY_32);
    expect(await screen.findByText(/Individual enrollment saved/)).toBeInTheDocument();
  });

  it("shows the server's reason when saving fails", async () => {
    server.use(
      http.put('*/api/devices/:id/attestation', () =>
        HttpResponse.json(
          { error: { code: 'BadRequest', message: 'The enrollment service is read-only' } },
          { status: 400 },
        ),
      ),
    );
    const { dialog, user } = await openDialog();
    await choose(user, 'Authentication type', 'Individual enrollment');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(
        'Could not save the individual enrollment: The enrollment service is read-only',
      ),
    ).toBeInTheDocument();
  });
});

describe('ConnectDialog: individual X.509 enrollment', () => {
  it('rejects a bad upload with its reason, shows a good certificate, and saves it', async () => {
    await createOrReplaceDevice(FIXTURE_DEVICE_ID, {});
    const { dialog, user } = await openDialog(FIXTURE_DEVICE_ID);
    await choose(user, 'Authentication type', 'Individual enrollment');
    await choose(user, 'Authentication method', 'Certificates (X.509)');

    const input = within(dialog).getByLabelText('Upload primary certificate');
    await user.upload(input, certificateFile('rsa-self-signed-other-device.pem', 'other.pem'));
    expect(
      await within(dialog).findByText(
        /common name \(CN\) is "other-device", but the device ID is "device-001"/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('table', { name: 'Primary certificate details' })).toHaveTextContent(
      'CN=other-device',
    );

    await user.upload(input, certificateFile('rsa-self-signed-device-001.key.pem', 'device-001.pem'));
    expect(await within(dialog).findByText(/This is a private key, not a certificate/)).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('table', { name: 'Primary certificate details' }),
    ).not.toBeInTheDocument();

    await user.upload(input, certificateFile('rsa-self-signed-device-001.der', 'device-001.cer'));
    const details = await within(dialog).findByRole('table', { name: 'Primary certificate details' });
    const fingerprint = readFixtureFingerprints().find((f) => f.file === 'rsa-self-signed-device-001.der');
    expect(details).toHaveTextContent('CN=device-001');
    expect(details).toHaveTextContent(`SHA-1 thumbprint${fingerprint?.sha1}`);
    expect(details).toHaveTextContent(`SHA-256 thumbprint${fingerprint?.sha256}`);
    expect(details).toHaveTextContent(/Valid to\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const primarySlot = within(dialog).getByRole('region', { name: 'Primary certificate' });
    expect(within(primarySlot).queryByRole('alert')).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByLabelText('Saved primary certificate (SHA-1 thumbprint)')).toHaveValue(
      fingerprint?.sha1,
    );
    const saved = store.devices.get(FIXTURE_DEVICE_ID)?.attestation;
    expect(saved?.type === 'x509' && saved.x509.clientCertificates?.primary.certificate).toBe(
      bytesToBase64(readCertFixture('rsa-self-signed-device-001.der')),
    );
  });

  it('asks for the primary certificate before saving', async () => {
    await createOrReplaceDevice(FIXTURE_DEVICE_ID, {});
    const { dialog, user } = await openDialog(FIXTURE_DEVICE_ID);
    await choose(user, 'Authentication type', 'Individual enrollment');
    await choose(user, 'Authentication method', 'Certificates (X.509)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Upload the primary certificate (.pem, .cer or .crt).'),
    ).toBeInTheDocument();
  });
});

describe('ConnectDialog: individual TPM enrollment', () => {
  it('shows the registration ID derived from the EK, warns that it is not the device ID, and saves', async () => {
    const { dialog, user } = await openDialog();
    await choose(user, 'Authentication type', 'Individual enrollment');
    await choose(user, 'Authentication method', 'Trusted Platform Module (TPM)');
    const field = within(dialog).getByLabelText(/^Endorsement key/);

    await user.click(field);
    await user.paste('AAAA');
    expect(await within(dialog).findByText(/The TPM2B_PUBLIC is empty/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.paste(CLI_TEST_EK);
    expect(await within(dialog).findByLabelText('Registration ID')).toHaveValue(CLI_TEST_EK_REGISTRATION_ID);
    expect(
      within(dialog).getByText(
        /The registration ID derived from this endorsement key is not the device ID "thermostat-0001"/,
      ),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Saved: Trusted Platform Module (TPM)')).toBeInTheDocument();
    expect(store.devices.get('thermostat-0001')?.attestation).toEqual({
      type: 'tpm',
      tpm: { endorsementKey: CLI_TEST_EK },
    });
  });
});

describe('ConnectDialog: removing the individual enrollment', () => {
  it('opens on the saved enrollment, and Remove (confirmed) returns the device to the group', async () => {
    await createDeviceAttestation('thermostat-0001', {
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_32, secondaryKey: KEY_32 },
    });
    const { dialog, user } = await openDialog();
    expect(within(dialog).getByRole('combobox', { name: 'Authentication type' })).toHaveTextContent(
      'Individual enrollment',
    );
    expect(within(dialog).getByText('Saved: Shared access signature (SAS)')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Remove individual enrollment' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove individual enrollment?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(store.devices.get('thermostat-0001')?.attestation).toBeDefined();

    // While the confirmation closes, the Connect dialog is still hidden from assistive technology.
    await user.click(await within(dialog).findByRole('button', { name: 'Remove individual enrollment' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Remove individual enrollment?' })).getByRole(
        'button',
        { name: 'Remove' },
      ),
    );
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: 'Authentication type' })).toHaveTextContent(
        'Shared access signature (SAS)',
      ),
    );
    expect(store.devices.get('thermostat-0001')?.attestation).toBeUndefined();
    expect(await within(dialog).findByLabelText('Primary key')).toHaveValue(
      await deriveDeviceKey(groupKeys().primaryKey, 'thermostat-0001'),
    );
  });

  it('warns that the enrollment overrides the group when the group is chosen', async () => {
    await createDeviceAttestation('thermostat-0001', { type: 'tpm', tpm: { endorsementKey: CLI_TEST_EK } });
    const { dialog, user } = await openDialog();
    await choose(user, 'Authentication type', 'Shared access signature (SAS)');
    expect(
      within(dialog).getByText(
        /This device has an individual enrollment \(Trusted Platform Module \(TPM\)\), which takes precedence/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Primary key')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Remove individual enrollment' })).toBeInTheDocument();
  });
});
