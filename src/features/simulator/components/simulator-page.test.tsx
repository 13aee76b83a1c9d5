import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCapabilities } from '../../../api/capabilities';
import { apiConfig, configureApi } from '../../../api/config';
import type { DpsRelayRequest } from '../../../api/extensions';
import { DEMO_EXTENSIONS } from '../../../lib/demo-extensions';
import { DPS_GLOBAL_ENDPOINT } from '../../../lib/dps-protocol';
import { parseCertificateFile } from '../../../lib/x509';
import { dpsControls } from '../../../mocks/dps/registrations';
import { server, store } from '../../../mocks/node';
import { DEFAULT_SAS_GROUP_ID } from '../../../mocks/store/seed';
import { readCertFixture, readCertFixtureText } from '../../../testing/fixtures/certs';
import { renderRoute } from '../../../testing/render';

beforeEach(() => {
  dpsControls.assignmentDelayMs = 0;
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
});

async function openSimulator() {
  const view = renderRoute('/simulator');
  // The route is lazy: its first load (cold module graph) can take a few seconds.
  await screen.findByRole('form', { name: 'Register a device' });
  return view;
}

// Each test drives a whole registration through the UI (WebCrypto, MUI, jsdom): allow for a busy machine.
describe('Simulator route', { timeout: 60_000 }, () => {
  it('registers a device with a key derived from the group key and shows every protocol step', async () => {
    const { user } = await openSimulator();
    const form = screen.getByRole('form', { name: 'Register a device' });
    expect(within(form).getByRole('textbox', { name: 'ID scope' })).toHaveValue(store.settings.idScope);
    await user.type(within(form).getByRole('textbox', { name: 'Registration ID' }), 'sim-test-1');
    await user.click(within(form).getByRole('button', { name: "Use the group's primary key" }));
    expect(await within(form).findByLabelText('Derived device key')).toHaveAttribute('type', 'password');
    await user.click(within(form).getByRole('combobox', { name: 'Model ID (optional)' }));
    await user.paste('dtmi:com:example:Thermostat;1');
    await user.click(within(form).getByRole('button', { name: 'Register' }));

    const result = await screen.findByRole('region', { name: 'Registration result' });
    expect(within(result).getByText('Assigned')).toBeInTheDocument();
    expect(await within(result).findByText('Provisioned')).toBeInTheDocument();
    expect(within(result).getByRole('link', { name: 'Open device' })).toHaveAttribute(
      'href',
      '/devices/sim-test-1',
    );

    const steps = screen.getByRole('list', { name: 'Protocol steps' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining(
        `PUT /${store.settings.idScope}/registrations/sim-test-1/register?api-version=2021-10-01`,
      ),
      expect.stringContaining('202 Accepted'),
      expect.stringContaining('Wait 0 seconds'),
      expect.stringContaining('GET /'),
      expect.stringContaining('200 OK'),
    ]);
    // The SAS token's signature is masked until asked for.
    expect(items[0]?.textContent).toContain('&sig=••••••&se=');
    await user.click(screen.getByLabelText('Show signatures'));
    expect(within(steps).getAllByRole('listitem')[0]?.textContent).not.toContain('••••••');
    expect(store.devices.get('sim-test-1')).toMatchObject({
      provisioned: true,
      template: 'dtmi:com:example:Thermostat;1',
    });
  });

  it('shows Waiting for approval when Auto approve is off', async () => {
    store.settings = { ...store.settings, autoApprove: false };
    const { user } = await openSimulator();
    expect(screen.getAllByText(/Auto approve is off/)[0]).toHaveTextContent(
      /Auto approve is off: a new device with valid credentials is created Waiting for approval/,
    );
    const form = screen.getByRole('form', { name: 'Register a device' });
    await user.type(within(form).getByRole('textbox', { name: 'Registration ID' }), 'sim-pending-1');
    await user.click(within(form).getByRole('button', { name: "Use the group's primary key" }));
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const result = await screen.findByRole('region', { name: 'Registration result' });
    expect(within(result).getByText(/Registration failed \(error 400209\)/)).toBeInTheDocument();
    expect(within(result).getByText(/waiting for approval, because Auto approve is off/)).toBeInTheDocument();
    expect(await within(result).findByText('Waiting for approval')).toBeInTheDocument();
  });

  it('says what is missing, and shows DPS refusing a wrong key', async () => {
    const { user } = await openSimulator();
    const form = screen.getByRole('form', { name: 'Register a device' });
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect(within(form).getByText('Enter the registration ID (the device ID).')).toBeInTheDocument();
    expect(within(form).getByText('Enter the group key.')).toBeInTheDocument();

    await user.type(within(form).getByRole('textbox', { name: 'Registration ID' }), 'sim-wrong-1');
    await user.click(within(form).getByRole('radio', { name: /Enter the device key/ }));
    await user.type(within(form).getByLabelText('Device key'), 'not-base64');
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect(within(form).getByText(/Device key: Not valid base64/)).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('Device key'));
    await user.type(within(form).getByLabelText('Device key'), 'AAECAwQFBgcICQoLDA0ODw==');
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const result = await screen.findByRole('region', { name: 'Registration result' });
    expect(
      within(result).getByText('DPS refused the registration (HTTP 401, error 401002)'),
    ).toBeInTheDocument();
    expect(await within(result).findByText('not created')).toBeInTheDocument();
    expect(store.devices.has('sim-wrong-1')).toBe(false);
  });

  it('says when the role cannot read the groups, and takes a pasted group key', async () => {
    const admin = apiConfig().getAuthHeader;
    configureApi({
      getAuthHeader: () => 'SharedAccessSignature sr=test&sig=test&skn=operator&se=4102444800',
    });
    try {
      const { user } = await openSimulator();
      const form = screen.getByRole('form', { name: 'Register a device' });
      expect(
        await within(form).findByText(
          /Reading the enrollment groups needs an administrator: .* paste it\./,
        ),
      ).toBeInTheDocument();
      expect(within(form).getByRole('button', { name: "Use the group's primary key" })).toBeDisabled();
      await user.type(within(form).getByRole('textbox', { name: 'Registration ID' }), 'sim-operator-1');
      const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
      if (group?.attestation.type !== 'symmetricKey') throw new Error('no SAS group');
      await user.click(within(form).getByLabelText('Group key'));
      await user.paste(group.attestation.primaryKey);
      await user.click(within(form).getByRole('button', { name: 'Register' }));
      const result = await screen.findByRole('region', { name: 'Registration result' });
      expect(within(result).getByText('Assigned')).toBeInTheDocument();
    } finally {
      configureApi({ getAuthHeader: admin });
    }
  });

  it('registers with an uploaded X.509 certificate and private key', async () => {
    const root = await parseCertificateFile(readCertFixture('ec-root-ca.pem'));
    if (!root.ok) throw new Error(root.message);
    store.groups.set('x509', {
      id: 'x509',
      displayName: 'Factory X.509',
      enabled: true,
      type: 'iot',
      etag: 'e',
      attestation: {
        type: 'x509',
        primary: {
          certificate: root.cert.derBase64,
          sha1Thumbprint: root.cert.sha1Thumbprint,
          verified: true,
          etag: 'c',
        },
      },
    });
    const { user } = await openSimulator();
    const form = screen.getByRole('form', { name: 'Register a device' });
    await user.click(within(form).getByRole('combobox', { name: 'Authentication type' }));
    await user.click(await screen.findByRole('option', { name: 'Certificates (X.509)' }));
    const file = (name: string, text: string) => new File([text], name, { type: 'application/x-pem-file' });
    await user.upload(
      within(form).getByLabelText('Choose certificate'),
      file('device.pem', readCertFixtureText('ec-device-001-chain.pem')),
    );
    await waitFor(() =>
      expect(within(form).getByRole('textbox', { name: 'Registration ID' })).toHaveValue('device-001'),
    );
    expect(within(form).getByText(/chain: 1 more/)).toBeInTheDocument();
    await user.upload(
      within(form).getByLabelText('Choose private key'),
      file('device.key', readCertFixtureText('ec-self-signed-device-001.key.pem')),
    );
    expect(
      await within(form).findByText(/does not belong to the certificate "device-001"/),
    ).toBeInTheDocument();
    await user.upload(
      within(form).getByLabelText('Choose private key'),
      file('device.key', readCertFixtureText('ec-device-001.key.pem')),
    );
    await waitFor(() => expect(within(form).queryByText(/does not belong/)).not.toBeInTheDocument());
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const result = await screen.findByRole('region', { name: 'Registration result' });
    expect(within(result).getByText('Assigned')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Protocol steps' }).textContent).toContain(
      'X-Client-Cert-Signature: ••••••',
    );
  });

  it('registers a virtual TPM after enrolling it', async () => {
    const { user } = await openSimulator();
    const form = screen.getByRole('form', { name: 'Register a device' });
    await user.click(within(form).getByRole('combobox', { name: 'Authentication type' }));
    await user.click(await screen.findByRole('option', { name: 'Trusted Platform Module (TPM)' }));
    await user.click(within(form).getByRole('button', { name: 'Generate a virtual TPM' }));
    const registrationId = (await within(form).findByRole('textbox', {
      name: 'Registration ID',
    })) as HTMLInputElement;
    expect(registrationId.value).toMatch(/^[a-z2-7]{52}$/);
    await user.click(await within(form).findByRole('button', { name: 'Create the device' }));
    expect(await within(form).findByText(/Enrolled: device/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const result = await screen.findByRole('region', { name: 'Registration result' });
    expect(within(result).getByText('Assigned')).toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'Protocol steps' })).getAllByRole('listitem');
    expect(steps[1]?.textContent).toContain('401 Unauthorized');
    expect(steps[2]?.textContent).toContain('TPM activates the authentication key');
  });

  it('registers a batch of devices from a group key with progress', async () => {
    const { user } = await openSimulator();
    await user.click(screen.getByRole('tab', { name: 'Register many devices' }));
    const form = screen.getByRole('form', { name: 'Register many devices' });
    await user.click(within(form).getByRole('button', { name: "Use the group's primary key" }));
    await user.clear(within(form).getByRole('textbox', { name: 'Number of devices' }));
    await user.type(within(form).getByRole('textbox', { name: 'Number of devices' }), '25');
    await user.clear(within(form).getByRole('textbox', { name: 'Device ID prefix' }));
    await user.type(within(form).getByRole('textbox', { name: 'Device ID prefix' }), 'fleet-');
    expect(within(form).getByText(/Device IDs fleet-0001 to fleet-0025/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Register devices' }));
    const progress = screen.getByRole('region', { name: 'Batch progress' });
    expect(
      await within(progress).findByText(
        'Done: every device got an answer from DPS.',
        {}
      ),
    ).toBeInTheDocument();
    expect(within(progress).getByText(/25 of 25 registered/)).toBeInTheDocument();
    expect(within(progress).getByText('25 devices assigned')).toBeInTheDocument();
    expect(within(progress).getByRole('progressbar', { name: 'Registration progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    expect(store.devices.get('fleet-0025')).toMatchObject({ provisioned: true });
  });

  it('cancels a batch: devices in flight and not yet started are reported as not attempted', async () => {
    dpsControls.assignmentDelayMs = 1000;
    const { user } = await openSimulator();
    await user.click(screen.getByRole('tab', { name: 'Register many devices' }));
    const form = screen.getByRole('form', { name: 'Register many devices' });
    await user.click(within(form).getByRole('button', { name: "Use the group's primary key" }));
    await user.clear(within(form).getByRole('textbox', { name: 'Number of devices' }));
    await user.type(within(form).getByRole('textbox', { name: 'Number of devices' }), '300');
    await user.click(within(form).getByRole('button', { name: 'Register devices' }));
    await user.click(await within(form).findByRole('button', { name: 'Cancel' }));
    const progress = screen.getByRole('region', { name: 'Batch progress' });
    expect(
      await within(progress).findByText(/devices? not attempted \(cancelled\)/),
    ).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Register devices' })).toBeEnabled();
    expect(store.devices.has('sim-0300')).toBe(false);
  });

  it('on the console server, registers through DPS over HTTPS: each request goes through the relay', async () => {
    setCapabilities({ backend: 'demo', extensions: [...DEMO_EXTENSIONS, 'devices'] });
    const relayed: DpsRelayRequest[] = [];
    server.use(
      http.get('*/api/extensions/endpoints', () =>
        HttpResponse.json({
          idScope: store.settings.idScope,
          dps: { https: 'localhost:8443', mqtts: 'localhost:8883' },
          hub: { mqtts: 'localhost:8883' },
          assignedHub: 'localhost',
          caCertificate: '',
        }),
      ),
      // The console server sends it over TLS; here the page's DPS answers, which is the same handlers.
      http.post('*/api/extensions/dpsRelay', async ({ request }) => {
        const body = (await request.json()) as DpsRelayRequest;
        relayed.push(body);
        const answer = await fetch(`${DPS_GLOBAL_ENDPOINT}${body.path}`, {
          method: body.method,
          headers: body.headers,
          ...(body.body ? { body: body.body } : {}),
        });
        const headers: Record<string, string> = {};
        for (const name of ['retry-after', 'location', 'x-ms-request-id']) {
          const value = answer.headers.get(name);
          if (value) headers[name] = value;
        }
        return HttpResponse.json({ method: body.method, url: `https://localhost:8443${body.path}`, status: answer.status, headers, body: await answer.text() });
      }),
    );
    try {
      const { user } = await openSimulator();
      await user.click(screen.getByRole('combobox', { name: 'DPS endpoint' }));
      await user.click(await screen.findByRole('option', { name: 'DPS over HTTPS (localhost:8443)' }));
      const form = screen.getByRole('form', { name: 'Register a device' });
      await user.type(within(form).getByRole('textbox', { name: 'Registration ID' }), 'sim-https-1');
      await user.click(within(form).getByRole('button', { name: "Use the group's primary key" }));
      await within(form).findByLabelText('Derived device key');
      await user.click(within(form).getByRole('button', { name: 'Register' }));

      const result = await screen.findByRole('region', { name: 'Registration result' });
      expect(within(result).getByText('Assigned')).toBeInTheDocument();
      expect(screen.getByText(/^Sent to https:\/\/localhost:8443 over TLS by the console server/)).toBeInTheDocument();
      expect(relayed.map((r) => `${r.method} ${r.path.split('?')[0]?.split('/').slice(-2).join('/')}`)).toEqual([
        'PUT sim-https-1/register',
        expect.stringMatching(/^GET operations\/5\./),
      ]);
      expect(relayed[0]?.headers?.authorization).toMatch(/^SharedAccessSignature sr=/);
      expect(relayed[0]?.clientCertificate).toBeUndefined();
    } finally {
      setCapabilities({ backend: 'demo', extensions: [...DEMO_EXTENSIONS] });
    }
  });
});
