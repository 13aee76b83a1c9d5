import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server, store } from '../../../mocks/node';
import { renderRoute } from '../../../testing/render';

async function openRowMenu(user: ReturnType<typeof renderRoute>['user'], name: string) {
  await user.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
}

describe('Device actions on the Devices route', () => {
  it('Approve from the row menu approves a waiting device', async () => {
    const { user } = renderRoute('/devices?status=waitingForApproval');
    await openRowMenu(user, 'Lobby thermostat 4');
    await user.click(screen.getByRole('menuitem', { name: 'Approve' }));
    expect(await screen.findByText('Lobby thermostat 4 approved.')).toBeInTheDocument();
    expect(store.devices.get('thermostat-0004')?.approvalPending).toBe(false);
  });

  it('reports a server error on Block and leaves the device as it was', async () => {
    server.use(
      http.patch('*/api/devices/:id', () =>
        HttpResponse.json({ error: { code: 'ServiceUnavailable', message: 'Try again in a minute' } }, { status: 503 }),
      ),
    );
    const { user } = renderRoute('/devices?q=filler-0003');
    await openRowMenu(user, 'Server room filling machine 3');
    await user.click(screen.getByRole('menuitem', { name: 'Block' }));
    expect(await screen.findByText('Device "filler-0003": Try again in a minute')).toBeInTheDocument();
    expect(store.devices.get('filler-0003')?.blocked).toBe(false);
  });

  it('says when a device was deleted or changed meanwhile', async () => {
    const { user } = renderRoute('/devices');
    const grid = await screen.findByRole('grid', { name: 'Devices' });
    await within(grid).findByText('thermostat-0001');
    const rows = within(grid).getAllByRole('checkbox', { name: 'Select row' });
    await user.click(rows[0]!);
    await user.click(rows[1]!);
    store.devices.delete('thermostat-0001');
    const changed = store.devices.get('env-sensor-0002');
    if (changed) changed.etag = 'changed-elsewhere';

    await user.click(within(screen.getByRole('toolbar', { name: 'Device actions' })).getByRole('button', { name: 'Block' }));
    // Two devices: Block asks first, naming the count.
    const ask = await screen.findByRole('dialog', { name: 'Block 2 devices?' });
    await user.click(within(ask).getByRole('button', { name: 'Block 2 devices' }));
    const report = await screen.findByRole('dialog', { name: 'Block: finished' });
    expect(within(report).getByText('Device "thermostat-0001" was deleted meanwhile.')).toBeInTheDocument();
    expect(
      within(report).getByText('Device "env-sensor-0002" was changed by someone else meanwhile; refresh and try again.'),
    ).toBeInTheDocument();
    expect(store.devices.get('env-sensor-0002')?.blocked).toBe(false);
  });

  it('Migrate associates an unassociated device with the chosen template', async () => {
    const { user } = renderRoute('/devices?template=unassociated');
    await openRowMenu(user, 'Basement environment sensor 8');
    await user.click(screen.getByRole('menuitem', { name: 'Migrate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Migrate device' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Device template' }));
    await user.click(await screen.findByRole('option', { name: 'Environment sensor' }));
    await user.click(within(dialog).getByRole('button', { name: 'Migrate' }));
    await waitFor(() => expect(store.devices.get('env-sensor-0008')?.template).toBe('dtmi:contoso:EnvironmentSensor;1'));
  });

  it('Delete asks first, naming the device, and does nothing on Cancel', async () => {
    const { user } = renderRoute('/devices');
    await openRowMenu(user, 'Lobby thermostat 1');
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete Lobby thermostat 1?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(store.devices.has('thermostat-0001')).toBe(true);
  });

  it('New refuses a duplicate ID without replacing the existing device', async () => {
    const { user } = renderRoute('/devices');
    await user.click(await screen.findByRole('button', { name: 'New' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a new device' });
    const id = within(dialog).getByRole('textbox', { name: 'Device ID' });
    await user.clear(id);
    await user.type(id, 'thermostat-0001');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('A device with ID "thermostat-0001" already exists. Choose another ID.')).toBeInTheDocument();
    expect(store.devices.get('thermostat-0001')?.displayName).toBe('Lobby thermostat 1');
  });
});
