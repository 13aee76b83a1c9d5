import { act, configure, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { deriveDeviceKey } from '../../../lib/sas-keys';
import { server, store } from '../../../mocks/node';
import { DEFAULT_SAS_GROUP_ID } from '../../../mocks/store/seed';
import { renderRoute } from '../../../testing/render';

// Lazy routes and WebCrypto take a while on a busy machine; this file's waits allow for it.
configure({ asyncUtilTimeout: 5000 });

const SAS_PATH = `/admin/device-connection/groups/${DEFAULT_SAS_GROUP_ID}`;

/**
 * The notification with this text. Notifications queue (one shows at a time, and the queue outlives a
 * test), so close the ones in front of it.
 */
async function findNotification(user: UserEvent, text: RegExp): Promise<HTMLElement> {
  for (let i = 0; i < 20; i++) {
    const alert = await screen.findByRole('alert');
    if (text.test(alert.textContent ?? '')) return alert;
    await user.click(within(alert).getByRole('button', { name: 'Close' }));
  }
  throw new Error(`No notification matching ${text}`);
}

function sasKeys(id = DEFAULT_SAS_GROUP_ID) {
  const group = store.groups.get(id);
  if (group?.attestation.type !== 'symmetricKey') throw new Error(`${id} is not a SAS group`);
  return group.attestation;
}

describe('Device connection page', () => {
  it('shows Auto approve, the ID scope and the enrollment groups', async () => {
    renderRoute('/admin/device-connection');
    expect(await screen.findByRole('heading', { name: 'Device connection', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('switch', { name: 'Auto approve' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'ID scope' })).toHaveValue(store.settings.idScope);
    const table = await screen.findByRole('table', { name: 'Enrollment groups' });
    const row = within(table).getByRole('row', { name: /SAS-IoT-Devices/ });
    expect(within(row).getByText('Shared access signature (SAS)')).toBeInTheDocument();
    expect(within(row).getByText('IoT devices')).toBeInTheDocument();
    expect(within(row).getByText('Enabled')).toBeInTheDocument();
  });

  it('turns Auto approve off and on, and the backend keeps it', async () => {
    const { user } = renderRoute('/admin/device-connection');
    const toggle = await screen.findByRole('switch', { name: 'Auto approve' });
    await user.click(toggle);
    await waitFor(() => expect(store.settings.autoApprove).toBe(false));
    expect(
      await screen.findByText(/Off: a device that registers itself waits for approval/),
    ).toBeInTheDocument();
    expect(toggle).not.toBeChecked();
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    await waitFor(() => expect(store.settings.autoApprove).toBe(true));
  });

  it('shows a load error with Retry', async () => {
    server.use(
      http.get('*/api/enrollmentGroups', () =>
        HttpResponse.json(
          // A 403 is not retried, so the error shows at once.
          { error: { code: 'Forbidden', message: 'Your role cannot read enrollment groups' } },
          { status: 403 },
        ),
      ),
    );
    const { user } = renderRoute('/admin/device-connection');
    expect(
      await screen.findByText(
        /Could not load the enrollment groups: Your role cannot read enrollment groups/,
      ),
    ).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'SAS-IoT-Devices' })).toBeInTheDocument();
  });

  it('creates a SAS group with generated keys and opens it', async () => {
    const { user, router } = renderRoute('/admin/device-connection');
    await user.click(await screen.findByRole('button', { name: 'New' }));
    const dialog = await screen.findByRole('dialog', { name: 'New enrollment group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Edge gateways');
    expect(within(dialog).getByRole('textbox', { name: 'Group ID' })).toHaveValue('edge-gateways');
    await user.click(within(dialog).getByRole('radio', { name: 'IoT Edge devices' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(router.location.pathname).toBe('/admin/device-connection/groups/edge-gateways'),
    );
    expect(await screen.findByRole('heading', { name: 'Edge gateways', level: 1 })).toBeInTheDocument();
    const record = store.groups.get('edge-gateways');
    expect(record).toMatchObject({ displayName: 'Edge gateways', type: 'iotEdge', enabled: true });
    const keys = sasKeys('edge-gateways');
    const primary = screen.getByLabelText('Primary key');
    expect(primary).toHaveAttribute('type', 'password');
    await user.click(screen.getByRole('button', { name: 'Show Primary key' }));
    expect(primary).toHaveValue(keys.primaryKey);
    expect(primary).toHaveAttribute('type', 'text');
  });

  it('checks the ID and supplied keys before creating', async () => {
    const { user } = renderRoute('/admin/device-connection');
    await user.click(await screen.findByRole('button', { name: 'New' }));
    const dialog = await screen.findByRole('dialog', { name: 'New enrollment group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Line 1');
    const id = within(dialog).getByRole('textbox', { name: 'Group ID' });
    await user.clear(id);
    await user.type(id, 'SAS-IoT-Devices');
    await user.click(within(dialog).getByRole('switch', { name: 'Auto generate keys' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Primary key' }), 'notbase64!!');
    await user.type(within(dialog).getByRole('textbox', { name: 'Secondary key' }), 'c2hvcnQ=');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await within(dialog).findByText(
        'An enrollment group with the ID "SAS-IoT-Devices" already exists. Choose another ID.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/"!" is not a base64 character/)).toBeInTheDocument();
    expect(
      within(dialog).getByText('Key is 5 bytes; use 16 to 64 bytes (e.g. press Generate).'),
    ).toBeInTheDocument();
    expect(store.groups.size).toBe(1);

    const key = btoa('k'.repeat(32));
    await user.clear(id);
    await user.type(id, 'line-1');
    for (const name of ['Primary key', 'Secondary key']) {
      const field = within(dialog).getByRole('textbox', { name });
      await user.clear(field);
      await user.type(field, key);
    }
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(store.groups.get('line-1')).toBeDefined());
    expect(sasKeys('line-1')).toMatchObject({ primaryKey: key, secondaryKey: key });
  });

  it('creates an X.509 group; its page offers the CA certificates', async () => {
    const { user } = renderRoute('/admin/device-connection');
    await user.click(await screen.findByRole('button', { name: 'New' }));
    const dialog = await screen.findByRole('dialog', { name: 'New enrollment group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Factory X.509');
    await user.click(within(dialog).getByRole('radio', { name: 'Certificates (X.509)' }));
    expect(within(dialog).queryByRole('switch', { name: 'Auto generate keys' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('heading', { name: 'CA certificates (X.509)' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'CA certificates of Factory X.509' });
    expect(within(table).getAllByText('No certificate')).toHaveLength(2);
    expect(
      within(table).getByRole('button', { name: 'Upload the primary certificate of Factory X.509' }),
    ).toBeEnabled();
    expect(store.groups.get('factory-x-509')?.attestation).toEqual({ type: 'x509' });
  });
});

describe('Enrollment group page', () => {
  it('edits the name and disables the group; a disabled group says it refuses registrations', async () => {
    const { user } = renderRoute(SAS_PATH);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit "SAS-IoT-Devices"' });
    expect(within(dialog).getByRole('textbox', { name: 'Group ID' })).toBeDisabled();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Plant devices');
    await user.click(within(dialog).getByRole('switch', { name: 'Enabled' }));
    expect(within(dialog).getByText(/Disabled: the group refuses every registration/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { name: 'Plant devices', level: 1 })).toBeInTheDocument();
    expect(store.groups.get(DEFAULT_SAS_GROUP_ID)).toMatchObject({
      displayName: 'Plant devices',
      enabled: false,
    });
    expect(screen.getByText(/This group is disabled: it refuses every registration/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(store.groups.get(DEFAULT_SAS_GROUP_ID)?.enabled).toBe(true));
    await waitFor(() => expect(screen.queryByText(/This group is disabled/)).not.toBeInTheDocument());
  });

  it('shows a conflict when someone else changed the group', async () => {
    const { user } = renderRoute(SAS_PATH);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    if (group) group.etag = 'changed-elsewhere';
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), ' 2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/was changed by someone else since you loaded it/),
    ).toBeInTheDocument();
  });

  it('regenerates a key only after a warning that every derived device key changes', async () => {
    const { user } = renderRoute(SAS_PATH);
    const before = { ...sasKeys() };
    await user.click(await screen.findByRole('button', { name: 'Regenerate primary key' }));
    let confirm = await screen.findByRole('dialog', { name: 'Regenerate the primary key?' });
    expect(confirm).toHaveTextContent(
      /Every device key derived from the primary key of "SAS-IoT-Devices" changes/,
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(sasKeys().primaryKey).toBe(before.primaryKey);

    await user.click(await screen.findByRole('button', { name: 'Regenerate primary key' }));
    confirm = await screen.findByRole('dialog', { name: 'Regenerate the primary key?' });
    await user.click(within(confirm).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(sasKeys().primaryKey).not.toBe(before.primaryKey));
    expect(sasKeys().secondaryKey).toBe(before.secondaryKey);
    expect(atob(sasKeys().primaryKey)).toHaveLength(64);
    await user.click(await screen.findByRole('button', { name: 'Show Primary key' }));
    await waitFor(() => expect(screen.getByLabelText('Primary key')).toHaveValue(sasKeys().primaryKey));
  });

  it('derives device keys as dps-keygen does, for one or many IDs', async () => {
    const { user } = renderRoute(SAS_PATH);
    const ids = await screen.findByRole('textbox', { name: 'Device IDs' });
    await user.type(ids, 'pump-001{Enter}pump-002, pump-003');
    await user.click(screen.getByRole('button', { name: 'Derive keys' }));
    const table = await screen.findByRole('table', { name: 'Derived device keys' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table).not.toHaveTextContent(await deriveDeviceKey(sasKeys().primaryKey, 'pump-001'));
    await user.click(screen.getByRole('switch', { name: 'Show device keys' }));
    for (const id of ['pump-001', 'pump-002', 'pump-003']) {
      const row = within(table).getByRole('row', { name: new RegExp(id) });
      expect(row).toHaveTextContent(await deriveDeviceKey(sasKeys().primaryKey, id));
    }

    // The secondary key gives other keys.
    await user.click(screen.getByRole('combobox', { name: 'Group key' }));
    await user.click(await screen.findByRole('option', { name: 'Secondary key' }));
    await user.click(screen.getByRole('button', { name: 'Derive keys' }));
    const row = within(await screen.findByRole('table', { name: 'Derived device keys' })).getByRole('row', {
      name: /pump-002/,
    });
    expect(row).toHaveTextContent(await deriveDeviceKey(sasKeys().secondaryKey, 'pump-002'));
  });

  it('explains invalid device IDs and fixes upper case in one click', async () => {
    const { user } = renderRoute(SAS_PATH);
    const ids = await screen.findByRole('textbox', { name: 'Device IDs' });
    await user.type(ids, 'Pump-001 pump_2');
    await user.click(screen.getByRole('button', { name: 'Derive keys' }));
    const alert = await screen.findByText(/2 device IDs are not valid/);
    expect(alert).toHaveTextContent('Device IDs are lower case: use "pump-001".');
    expect(alert).toHaveTextContent(
      'Device ID may contain only lower-case letters, digits and "-" (found "_").',
    );
    expect(screen.queryByRole('table', { name: 'Derived device keys' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use lower case' }));
    expect(ids).toHaveValue('pump-001 pump_2');

    await user.clear(ids);
    await user.click(screen.getByRole('button', { name: 'Derive keys' }));
    expect(await screen.findByText('Enter one or more device IDs.')).toBeInTheDocument();
  });

  it('refuses to delete the last SAS group, and deletes another group', async () => {
    const { user, router } = renderRoute(SAS_PATH);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    let confirm = await screen.findByRole('dialog', { name: 'Delete "SAS-IoT-Devices"?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await findNotification(user, /This is the last SAS group/)).toBeInTheDocument();
    expect(store.groups.has(DEFAULT_SAS_GROUP_ID)).toBe(true);

    store.groups.set('spare', {
      id: 'spare',
      displayName: 'Spare',
      enabled: true,
      type: 'iot',
      etag: 'e',
      attestation: { type: 'x509' },
    });
    await act(async () => {
      await router.navigate('/admin/device-connection/groups/spare');
    });
    expect(await screen.findByRole('heading', { name: 'Spare', level: 1 })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    confirm = await screen.findByRole('dialog', { name: 'Delete "Spare"?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.location.pathname).toBe('/admin/device-connection'));
    expect(store.groups.has('spare')).toBe(false);
  });

  it('says so when the group does not exist', async () => {
    renderRoute('/admin/device-connection/groups/nope');
    expect(
      await screen.findByText('There is no enrollment group "nope". It may have been deleted.'),
    ).toBeInTheDocument();
  });
});
