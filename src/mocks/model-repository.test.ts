import { describe, expect, it } from 'vitest';
import { summarizeCapabilities, templateFromModel } from '../lib/dtdl';
import {
  hasPublicModel,
  loadModelWithDependencies,
  loadPublicModel,
  publicModelIds,
  publicModelPaths,
  resolveLoadedModel,
} from './model-repository';

describe('public model repository', () => {
  it('lists the bundled files synchronously', () => {
    const paths = publicModelPaths();
    expect(paths).toHaveLength(14);
    expect(paths).toContain('dtmi/com/example/thermostat-1.json');
    expect(paths).toContain('dtmi/azure/phoneasiotdevice/sensors/battery-1.json');
    expect(paths.every((path) => path.startsWith('dtmi/') && path.endsWith('.json'))).toBe(true);
  });

  it('knows whether a DTMI has a file', () => {
    expect(hasPublicModel('dtmi:com:example:Thermostat;1')).toBe(true);
    expect(hasPublicModel('dtmi:com:example:Thermostat;3')).toBe(false);
    expect(hasPublicModel('not a dtmi')).toBe(false);
  });

  it('loads a model by DTMI', async () => {
    const model = await loadPublicModel('dtmi:com:example:Thermostat;1');
    expect(model?.['@id']).toBe('dtmi:com:example:Thermostat;1');
    expect(model?.displayName).toBe('Thermostat');
    expect(resolveLoadedModel('dtmi:com:example:Thermostat;1')).toBe(model);
  });

  it('returns undefined for unknown, invalid or wrongly cased DTMIs', async () => {
    await expect(loadPublicModel('dtmi:com:example:Thermostat;3')).resolves.toBeUndefined();
    await expect(loadPublicModel('dtmi:com:example:Thermostat')).resolves.toBeUndefined();
    await expect(loadPublicModel('dtmi:com:example:thermostat;2')).resolves.toBeUndefined();
    await expect(loadPublicModel('dtmi:com:example:Thermostat;2')).resolves.toBeDefined();
  });

  it('lists the DTMIs of all bundled models', async () => {
    const ids = await publicModelIds();
    expect(ids).toHaveLength(publicModelPaths().length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'dtmi:com:example:TemperatureController;2',
        'dtmi:azure:PhoneAsIoTDevice:Application;3',
        'dtmi:azure:PhoneAsIoTDevice:Sensors:Accelerometer;2',
        'dtmi:azurertos:devkit:gsgmxchip;2',
        'dtmi:com:example:azuresphere:co2monitor;2',
        'dtmi:com:example:climatemonitor;1',
      ]),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('loads a model with its component Interfaces and resolves them synchronously', async () => {
    const resolve = await loadModelWithDependencies('dtmi:azure:PhoneAsIoTDevice:Application;3');
    const phone = resolve('dtmi:azure:PhoneAsIoTDevice:Application;3');
    expect(phone).toBeDefined();
    expect(resolve('dtmi:azure:PhoneAsIoTDevice:Sensors:Pressure;1')?.['@id']).toBe(
      'dtmi:azure:PhoneAsIoTDevice:Sensors:Pressure;1',
    );
    const summary = summarizeCapabilities(phone!, resolve);
    expect(summary.unresolved).toEqual([]);
    expect(summary.components.every((c) => c.capabilities !== undefined)).toBe(true);
  });

  it('makes a template from a model and its dependencies', async () => {
    const id = 'dtmi:com:example:TemperatureController;2';
    const resolve = await loadModelWithDependencies(id);
    const template = templateFromModel(resolve(id)!, resolve);
    expect(template).toMatchObject({ '@id': id, displayName: 'Temperature Controller' });
    expect(summarizeCapabilities(template.capabilityModel, () => undefined).components).toHaveLength(3);
    expect(summarizeCapabilities(template.capabilityModel, () => undefined).unresolved).toEqual([]);
  });

  it('resolves nothing for a model the repository does not have', async () => {
    const resolve = await loadModelWithDependencies('dtmi:contoso:Unknown;1');
    expect(resolve('dtmi:contoso:Unknown;1')).toBeUndefined();
  });
});
