import { describe, expect, it } from 'vitest';
import deviceInformationJson from '../mocks/model-repository/dtmi/azure/devicemanagement/deviceinformation-1.json';
import phoneJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/application-3.json';
import accelerometerJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/accelerometer-2.json';
import batteryJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/battery-1.json';
import gyroscopeJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/gyroscope-1.json';
import locationJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/location-1.json';
import magnetJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/magnet-1.json';
import pressureJson from '../mocks/model-repository/dtmi/azure/phoneasiotdevice/sensors/pressure-1.json';
import controllerJson from '../mocks/model-repository/dtmi/com/example/temperaturecontroller-2.json';
import thermostat1Json from '../mocks/model-repository/dtmi/com/example/thermostat-1.json';
import thermostat2Json from '../mocks/model-repository/dtmi/com/example/thermostat-2.json';
import {
  contentKind,
  englishText,
  isDtdlInterface,
  modelDisplayName,
  summarizeCapabilities,
  templateFromModel,
  typesOf,
  type DtdlInterface,
  type ModelResolver,
} from './dtdl';

function asInterface(json: unknown): DtdlInterface {
  if (!isDtdlInterface(json)) throw new Error('not an Interface');
  return json;
}

const thermostat1 = asInterface(thermostat1Json);
const thermostat2 = asInterface(thermostat2Json);
const controller = asInterface(controllerJson);
const deviceInformation = asInterface(deviceInformationJson);
const phone = asInterface(phoneJson);
const sensors = [accelerometerJson, gyroscopeJson, batteryJson, locationJson, magnetJson, pressureJson].map(
  asInterface,
);

function resolverOf(...models: DtdlInterface[]): ModelResolver {
  const byId = new Map(models.map((model) => [model['@id'], model]));
  return (dtmi) => byId.get(dtmi);
}

const repository = resolverOf(thermostat1, thermostat2, controller, deviceInformation, phone, ...sensors);
const nothing: ModelResolver = () => undefined;

describe('DTDL readers', () => {
  it('reads @type as a string or an array', () => {
    expect(typesOf({ '@type': 'Telemetry' })).toEqual(['Telemetry']);
    expect(typesOf({ '@type': ['Telemetry', 'Temperature'] })).toEqual(['Telemetry', 'Temperature']);
    expect(typesOf({})).toEqual([]);
    expect(contentKind({ '@type': ['Property', 'Temperature'], name: 'x' })).toBe('Property');
    expect(contentKind({ '@type': 'Command' })).toBeUndefined();
    expect(contentKind({ '@type': 'Unknown', name: 'x' })).toBeUndefined();
  });

  it('recognizes Interfaces', () => {
    expect(isDtdlInterface(thermostat1Json)).toBe(true);
    expect(isDtdlInterface({ '@type': ['Interface', 'Mixin'], '@id': 'dtmi:a;1' })).toBe(true);
    expect(isDtdlInterface({ '@type': 'Interface' })).toBe(false);
    expect(isDtdlInterface({ '@type': 'Telemetry', '@id': 'dtmi:a;1' })).toBe(false);
    expect(isDtdlInterface([thermostat1Json])).toBe(false);
  });

  it('resolves texts to English', () => {
    expect(englishText('Thermostat')).toBe('Thermostat');
    expect(englishText({ fr: 'Thermostat (fr)', en: 'Thermostat' })).toBe('Thermostat');
    expect(englishText({ de: 'Regler', 'en-US': 'Controller' })).toBe('Controller');
    expect(englishText({ de: 'Regler' })).toBe('Regler');
    expect(englishText({})).toBeUndefined();
    expect(englishText(undefined)).toBeUndefined();
    expect(englishText(42)).toBeUndefined();
  });

  it('names a model by its display name, else by the last segment of its DTMI', () => {
    expect(modelDisplayName(controller)).toBe('Temperature Controller');
    expect(modelDisplayName(sensors[2]!)).toBe('Battery');
  });
});

describe('summarizeCapabilities', () => {
  it('summarizes Thermostat;1', () => {
    const summary = summarizeCapabilities(thermostat1, nothing);
    expect(summary.telemetry).toEqual([
      {
        name: 'temperature',
        displayName: 'Temperature',
        description: 'Temperature in degrees Celsius.',
        semanticTypes: ['Temperature'],
        definedBy: 'dtmi:com:example:Thermostat;1',
        schema: 'double',
        unit: 'degreeCelsius',
      },
    ]);
    expect(summary.properties.map(({ name, writable }) => ({ name, writable }))).toEqual([
      { name: 'targetTemperature', writable: true },
      { name: 'maxTempSinceLastReboot', writable: false },
    ]);
    expect(summary.commands).toHaveLength(1);
    expect(summary.commands[0]).toMatchObject({
      name: 'getMaxMinReport',
      displayName: 'Get Max-Min report.',
      semanticTypes: [],
      request: { name: 'since', displayName: 'Since', schema: 'dateTime' },
      response: { name: 'tempReport', displayName: 'Temperature Report', schema: 'Object' },
    });
    expect(summary.components).toEqual([]);
    expect(summary.relationships).toEqual([]);
    expect(summary.unresolved).toEqual([]);
  });

  it('summarizes TemperatureController;2 with its components', () => {
    const summary = summarizeCapabilities(controller, repository);
    expect(summary.telemetry.map((t) => [t.name, t.displayName, t.semanticTypes])).toEqual([
      ['workingSet', 'Working Set', ['DataSize']],
    ]);
    expect(summary.properties).toMatchObject([
      { name: 'serialNumber', displayName: 'Serial Number', writable: false },
    ]);
    expect(summary.commands).toMatchObject([
      { name: 'reboot', request: { name: 'delay', schema: 'integer' } },
    ]);
    expect(summary.commands[0]?.response).toBeUndefined();
    expect(summary.components.map((c) => [c.name, c.displayName, c.schema])).toEqual([
      ['thermostat1', 'thermostat1', 'dtmi:com:example:Thermostat;1'],
      ['thermostat2', 'thermostat2', 'dtmi:com:example:Thermostat;2'],
      ['deviceInformation', 'DeviceInfo', 'dtmi:azure:DeviceManagement:DeviceInformation;1'],
    ]);
    const [first, , info] = summary.components;
    expect(first?.capabilities?.telemetry.map((t) => t.name)).toEqual(['temperature']);
    expect(first?.capabilities?.properties.find((p) => p.writable)?.name).toBe('targetTemperature');
    expect(info?.capabilities?.properties.map((p) => p.displayName)).toContain('Total memory');
    expect(info?.capabilities?.properties).toHaveLength(8);
    expect(summary.unresolved).toEqual([]);
  });

  it('lists component schemas it cannot resolve', () => {
    const summary = summarizeCapabilities(controller, resolverOf(thermostat1));
    expect(summary.components.map((c) => c.capabilities !== undefined)).toEqual([true, false, false]);
    expect(summary.unresolved).toEqual([
      'dtmi:com:example:Thermostat;2',
      'dtmi:azure:DeviceManagement:DeviceInformation;1',
    ]);
  });

  it('summarizes the phone app with its sensors', () => {
    const summary = summarizeCapabilities(phone, repository);
    expect(summary.telemetry).toEqual([]);
    expect(summary.properties.map((p) => [p.name, p.schema, p.writable])).toEqual([
      ['telemetryInterval', 'Enum', true],
      ['theme', 'Enum', true],
    ]);
    expect(summary.commands).toMatchObject([
      { name: 'lightOn', displayName: 'LightOn', request: { name: 'parameters', schema: 'Object' } },
      { name: 'clearConnectivity', displayName: 'Clear Connectivity' },
    ]);
    expect(summary.components.map((c) => c.name)).toEqual([
      'accelerometer',
      'gyroscope',
      'battery',
      'location',
      'magnet',
      'pressure',
      'device_info',
    ]);
    for (const component of summary.components) {
      expect(component.capabilities, component.name).toBeDefined();
    }
    const byName = new Map(summary.components.map((c) => [c.name, c.capabilities]));
    expect(byName.get('battery')?.telemetry).toMatchObject([
      { name: 'battery', displayName: 'Battery Level', schema: 'integer' },
    ]);
    expect(byName.get('battery')?.properties).toMatchObject([{ name: 'enabled', writable: true }]);
    expect(byName.get('location')?.telemetry[0]).toMatchObject({
      schema: 'geopoint',
      semanticTypes: ['Location'],
    });
    expect(byName.get('accelerometer')?.telemetry[0]).toMatchObject({
      displayName: 'Acceleration',
      schema: 'vector',
    });
    expect(summary.unresolved).toEqual([]);
  });

  it('includes what a model inherits through extends', () => {
    const model: DtdlInterface = {
      '@id': 'dtmi:com:example:SmartThermostat;1',
      '@type': 'Interface',
      extends: [
        'dtmi:com:example:Thermostat;1',
        {
          '@id': 'dtmi:com:example:SmartThermostat:mixin;1',
          '@type': 'Interface',
          contents: [{ '@type': 'Telemetry', name: 'humidity', schema: 'double' }],
        },
        'dtmi:com:example:Missing;1',
      ],
      contents: [
        { '@type': 'Property', name: 'mode', schema: 'string', writable: true },
        { '@type': 'Relationship', name: 'room', target: 'dtmi:com:example:Room;1' },
      ],
    };
    const summary = summarizeCapabilities(model, repository);
    expect(summary.properties.map((p) => [p.name, p.definedBy])).toEqual([
      ['mode', 'dtmi:com:example:SmartThermostat;1'],
      ['targetTemperature', 'dtmi:com:example:Thermostat;1'],
      ['maxTempSinceLastReboot', 'dtmi:com:example:Thermostat;1'],
    ]);
    expect(summary.telemetry.map((t) => [t.name, t.displayName, t.definedBy])).toEqual([
      ['temperature', 'Temperature', 'dtmi:com:example:Thermostat;1'],
      ['humidity', 'humidity', 'dtmi:com:example:SmartThermostat:mixin;1'],
    ]);
    expect(summary.commands.map((c) => c.name)).toEqual(['getMaxMinReport']);
    expect(summary.relationships).toEqual([
      {
        name: 'room',
        displayName: 'room',
        semanticTypes: [],
        definedBy: 'dtmi:com:example:SmartThermostat;1',
        target: 'dtmi:com:example:Room;1',
        writable: false,
      },
    ]);
    expect(summary.unresolved).toEqual(['dtmi:com:example:Missing;1']);
  });

  it('reports what nested components could not resolve', () => {
    const outer: DtdlInterface = {
      '@id': 'dtmi:test:Outer;1',
      '@type': 'Interface',
      contents: [{ '@type': 'Component', name: 'inner', schema: 'dtmi:test:Inner;1' }],
    };
    const inner: DtdlInterface = {
      '@id': 'dtmi:test:Inner;1',
      '@type': 'Interface',
      extends: 'dtmi:test:Gone;1',
    };
    const summary = summarizeCapabilities(outer, resolverOf(outer, inner));
    expect(summary.components[0]?.capabilities?.unresolved).toEqual(['dtmi:test:Gone;1']);
    expect(summary.unresolved).toEqual(['dtmi:test:Gone;1']);
  });

  it('terminates on cycles and skips malformed contents', () => {
    const a: DtdlInterface = {
      '@id': 'dtmi:test:A;1',
      '@type': 'Interface',
      extends: 'dtmi:test:B;1',
      contents: [
        { '@type': 'Component', name: 'self', schema: 'dtmi:test:A;1' },
        { '@type': 'Telemetry', name: 'same', schema: 'double' },
      ],
    };
    const b: DtdlInterface = {
      '@id': 'dtmi:test:B;1',
      '@type': 'Interface',
      extends: 'dtmi:test:A;1',
      contents: [{ '@type': 'Telemetry', name: 'same', schema: 'float' }],
    };
    const malformed = JSON.parse('[null, 42, {"@type": "Telemetry"}, {"name": "untyped"}]') as [];
    a.contents?.push(...malformed);
    const summary = summarizeCapabilities(a, resolverOf(a, b));
    expect(summary.telemetry.map((t) => [t.name, t.schema])).toEqual([['same', 'double']]);
    expect(summary.components).toMatchObject([{ name: 'self', schema: 'dtmi:test:A;1' }]);
    expect(summary.components[0]?.capabilities).toBeUndefined();
    const template = templateFromModel(a, resolverOf(a, b));
    expect(template.capabilityModel.contents?.[0]).toMatchObject({ schema: 'dtmi:test:A;1' });
    expect(template.capabilityModel.extends).toMatchObject({
      '@id': 'dtmi:test:B;1',
      extends: 'dtmi:test:A;1',
    });
  });
});

describe('templateFromModel', () => {
  it('makes a device template with component Interfaces inlined', () => {
    const template = templateFromModel(controller, repository);
    expect(template['@id']).toBe('dtmi:com:example:TemperatureController;2');
    expect(template['@type']).toEqual(['ModelDefinition', 'DeviceModel']);
    expect(template['@context']).toEqual(['dtmi:iotcentral:context;2', 'dtmi:dtdl:context;2']);
    expect(template.displayName).toBe('Temperature Controller');
    expect(template).not.toHaveProperty('description');
    const model = template.capabilityModel;
    expect(model['@id']).toBe(controller['@id']);
    expect(model).not.toHaveProperty('@context');
    const components = (model.contents ?? []).filter((c) => contentKind(c) === 'Component');
    expect(components).toHaveLength(3);
    for (const component of components) {
      expect(isDtdlInterface('schema' in component ? component.schema : undefined)).toBe(true);
      expect(component).toHaveProperty('schema.contents');
      expect(component).not.toHaveProperty('schema.@context');
    }
    expect(components[0]).toHaveProperty('schema.@id', 'dtmi:com:example:Thermostat;1');
  });

  it('takes the description in English and keeps a DTDL context', () => {
    const template = templateFromModel(thermostat1, nothing);
    expect(template.displayName).toBe('Thermostat');
    expect(template.description).toBe(
      'Reports current temperature and provides desired temperature control.',
    );
    expect(template['@context']).toEqual(['dtmi:iotcentral:context;2', 'dtmi:dtdl:context;2']);
    expect(templateFromModel(sensors[0]!, nothing)['@context']).toEqual([
      'dtmi:iotcentral:context;2',
      'dtmi:dtdl:context;2',
    ]);
    const { '@context': _, ...noContext } = thermostat1;
    expect(templateFromModel(noContext, nothing)['@context']).toEqual([
      'dtmi:iotcentral:context;2',
      'dtmi:dtdl:context;2',
    ]);
  });

  it('keeps unresolvable component schemas as DTMIs', () => {
    const template = templateFromModel(controller, resolverOf(thermostat1));
    const schemas = (template.capabilityModel.contents ?? []).flatMap((c) =>
      contentKind(c) === 'Component' && 'schema' in c ? [c.schema] : [],
    );
    expect(typeof schemas[0]).toBe('object');
    expect(schemas.slice(1)).toEqual([
      'dtmi:com:example:Thermostat;2',
      'dtmi:azure:DeviceManagement:DeviceInformation;1',
    ]);
  });

  it('inlines extended Interfaces', () => {
    const model: DtdlInterface = {
      '@id': 'dtmi:com:example:SmartThermostat;1',
      '@type': 'Interface',
      extends: 'dtmi:com:example:Thermostat;1',
    };
    const template = templateFromModel(model, repository);
    expect(template.capabilityModel.extends).toMatchObject({ '@id': 'dtmi:com:example:Thermostat;1' });
    expect(template.displayName).toBe('SmartThermostat');
  });

  it('is self-contained: its capability model summarizes without a resolver', () => {
    const template = templateFromModel(phone, repository);
    expect(summarizeCapabilities(template.capabilityModel, nothing)).toEqual(
      summarizeCapabilities(phone, repository),
    );
  });

  it('shares nothing with the models it was made from', () => {
    const before = JSON.stringify(controller);
    const template = templateFromModel(controller, repository);
    template.capabilityModel.contents?.splice(0);
    template.capabilityModel.displayName = 'changed';
    expect(JSON.stringify(controller)).toBe(before);
    expect(templateFromModel(controller, repository).capabilityModel.contents).toHaveLength(6);
  });
});
