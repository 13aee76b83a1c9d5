import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDevice } from '../../../lib/dps-client';
import { deriveDeviceKey } from '../../../lib/sas-keys';
import { dpsControls } from '../../../mocks/dps/registrations';
import { store } from '../../../mocks/node';
import { DEFAULT_SAS_GROUP_ID } from '../../../mocks/store/seed';
import { renderRoute } from '../../../testing/render';

/** A device announces a model only the public model repository has, so the backend makes its template. */
async function connectTemperatureController(registrationId: string) {
  const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
  if (group?.attestation.type !== 'symmetricKey') throw new Error('no SAS group');
  await registerDevice({
    idScope: store.settings.idScope,
    registrationId,
    credential: {
      type: 'symmetricKey',
      key: await deriveDeviceKey(group.attestation.primaryKey, registrationId),
    },
    payload: { modelId: 'dtmi:com:example:TemperatureController;2' },
    sleep: async () => undefined,
  });
}

beforeEach(() => {
  dpsControls.assignmentDelayMs = 0;
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
});

describe('Device templates route', { timeout: 30_000 }, () => {
  it('lists the templates with DTMI, source and device counts linking to the filtered grid', async () => {
    renderRoute('/device-templates');
    const table = await screen.findByRole('table', { name: 'Device templates' });
    const row = (await within(table).findByRole('link', { name: 'Thermostat' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('dtmi:com:example:Thermostat;1')).toBeInTheDocument();
    expect(within(row).getByText('This application')).toBeInTheDocument();
    const count = await within(row).findByRole('link', { name: '18 devices' });
    expect(count).toHaveAttribute('href', '/devices?template=dtmi%3Acom%3Aexample%3AThermostat%3B1');
    expect(await screen.findByRole('link', { name: '6 devices' })).toHaveAttribute(
      'href',
      '/devices?template=unassociated',
    );
  });

  it('shows a template made from the public model repository when a device announces its model', async () => {
    await connectTemperatureController('controller-1');
    renderRoute('/device-templates');
    const link = await screen.findByRole('link', { name: 'Temperature Controller' });
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Public model repository')).toBeInTheDocument();
    expect(await within(row).findByRole('link', { name: '1 device' })).toBeInTheDocument();
  });

  it("shows a template's capabilities, its components and a link to its devices", async () => {
    await connectTemperatureController('controller-2');
    const { user } = renderRoute('/device-templates');
    await user.click(await screen.findByRole('link', { name: 'Temperature Controller' }));
    expect(
      await screen.findByRole('heading', { name: 'Temperature Controller', level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View devices' })).toHaveAttribute(
      'href',
      '/devices?template=dtmi%3Acom%3Aexample%3ATemperatureController%3B2',
    );
    expect(
      within(screen.getAllByRole('table', { name: 'Telemetry' })[0] as HTMLElement).getByText('Working Set'),
    ).toBeInTheDocument();
    expect(
      within(screen.getAllByRole('table', { name: 'Commands' })[0] as HTMLElement).getByText('Reboot'),
    ).toBeInTheDocument();
    const components = screen.getAllByRole('table', { name: 'Components' })[0] as HTMLElement;
    expect(within(components).getByText('dtmi:com:example:Thermostat;1')).toBeInTheDocument();
    const thermostat1 = screen.getByRole('region', { name: 'Component thermostat1' });
    expect(
      within(within(thermostat1).getByRole('table', { name: 'Telemetry' })).getByText('temperature'),
    ).toBeInTheDocument();
    expect(
      within(within(thermostat1).getByRole('table', { name: 'Properties' })).getByText('targetTemperature'),
    ).toBeInTheDocument();
  });

  it('says so when the template does not exist', async () => {
    renderRoute('/device-templates/dtmi%3Acontoso%3ANope%3B1');
    expect(
      await screen.findByText(
        'There is no device template "dtmi:contoso:Nope;1" in this application.',
        {}
      ),
    ).toBeInTheDocument();
  });
});
