import { describe, expect, it } from 'vitest';
import { routes } from './routes';

describe('routes', () => {
  it('links to the Devices grid filtered to a template, or to the Unassociated devices', () => {
    expect(routes.devices()).toBe('/devices');
    expect(routes.devices({ template: 'dtmi:com:example:Thermostat;1' })).toBe('/devices?template=dtmi%3Acom%3Aexample%3AThermostat%3B1');
    expect(routes.devices({ template: undefined })).toBe('/devices?template=unassociated');
  });

  it('encodes ids in paths', () => {
    expect(routes.device('a b/c')).toBe('/devices/a%20b%2Fc');
    expect(routes.enrollmentGroup('g 1')).toBe('/admin/device-connection/groups/g%201');
    expect(routes.deviceTemplate('dtmi:x;1')).toBe('/device-templates/dtmi%3Ax%3B1');
  });
});
