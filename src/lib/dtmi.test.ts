import { describe, expect, it } from 'vitest';
import { dtmiToRepositoryPath, isValidDtmi, modelIdFromRegistrationPayload, parseDtmi } from './dtmi';

describe('isValidDtmi', () => {
  it.each([
    'dtmi:com:example:Thermostat;1',
    'dtmi:azure:DeviceManagement:DeviceInformation;1',
    'dtmi:azure:PhoneAsIoTDevice:Sensors:Accelerometer;2',
    'dtmi:foo_bar:baz_extra:x1;999999999',
    'dtmi:a;1',
    'dtmi:A1:b_2:C;42',
  ])('accepts %s', (id) => {
    expect(isValidDtmi(id)).toBe(true);
  });

  it.each([
    ['no version', 'dtmi:com:example:Thermostat'],
    ['version 0', 'dtmi:com:example:Thermostat;0'],
    ['leading zero', 'dtmi:com:example:Thermostat;01'],
    ['ten-digit version', 'dtmi:com:example:Thermostat;1000000000'],
    ['minor version', 'dtmi:com:example:Thermostat;1.2'],
    ['segment starting with a digit', 'dtmi:com:1example:Thermostat;1'],
    ['segment starting with an underscore', 'dtmi:com:_example:Thermostat;1'],
    ['segment ending with an underscore', 'dtmi:com:example_:Thermostat;1'],
    ['empty segment', 'dtmi:com::Thermostat;1'],
    ['no segment', 'dtmi:;1'],
    ['other characters', 'dtmi:com:ex-ample:Thermostat;1'],
    ['upper-case scheme', 'DTMI:com:example:Thermostat;1'],
    ['a urn', 'urn:contoso:thermostat:1'],
    ['surrounding space', ' dtmi:com:example:Thermostat;1'],
    ['empty', ''],
  ])('rejects %s', (_, id) => {
    expect(isValidDtmi(id)).toBe(false);
  });

  it('rejects non-strings and IDs over 2048 characters', () => {
    expect(isValidDtmi(42)).toBe(false);
    expect(isValidDtmi(undefined)).toBe(false);
    const long = `dtmi:${'a'.repeat(2040)};1`;
    expect(long.length).toBe(2047);
    expect(isValidDtmi(long)).toBe(true);
    expect(isValidDtmi(`dtmi:${'a'.repeat(2042)};1`)).toBe(false);
  });

  it('parses segments and version', () => {
    expect(parseDtmi('dtmi:com:example:Thermostat;12')).toEqual({
      segments: ['com', 'example', 'Thermostat'],
      version: 12,
    });
    expect(parseDtmi('dtmi:com:example:Thermostat')).toBeUndefined();
  });
});

describe('dtmiToRepositoryPath', () => {
  it('lower-cases and maps ":" to "/" and ";" to "-"', () => {
    expect(dtmiToRepositoryPath('dtmi:com:example:Thermostat;1')).toBe('dtmi/com/example/thermostat-1.json');
    expect(dtmiToRepositoryPath('dtmi:azure:PhoneAsIoTDevice:Sensors:Battery;1')).toBe(
      'dtmi/azure/phoneasiotdevice/sensors/battery-1.json',
    );
  });

  it('throws on an invalid DTMI', () => {
    expect(() => dtmiToRepositoryPath('dtmi:com:example:Thermostat')).toThrow(RangeError);
    expect(() => dtmiToRepositoryPath('../../etc/passwd;1')).toThrow(/not a valid DTMI/);
  });
});

describe('modelIdFromRegistrationPayload', () => {
  const id = 'dtmi:com:example:Thermostat;1';

  it('reads modelId', () => {
    expect(modelIdFromRegistrationPayload({ modelId: id })).toBe(id);
  });

  it('reads the older iotcModelId', () => {
    expect(modelIdFromRegistrationPayload({ iotcModelId: id })).toBe(id);
  });

  it('reads __iot:interfaces.CapabilityModelId', () => {
    expect(modelIdFromRegistrationPayload({ '__iot:interfaces': { CapabilityModelId: id } })).toBe(id);
  });

  it('reads the dps-keygen data wrapper', () => {
    expect(modelIdFromRegistrationPayload({ data: { '__iot:interfaces': { CapabilityModelId: id } } })).toBe(
      id,
    );
    expect(modelIdFromRegistrationPayload({ data: { iotcModelId: id } })).toBe(id);
  });

  it('prefers modelId, then iotcModelId, then CapabilityModelId, then the wrapper', () => {
    const other = 'dtmi:com:example:Thermostat;2';
    expect(modelIdFromRegistrationPayload({ modelId: id, iotcModelId: other })).toBe(id);
    expect(
      modelIdFromRegistrationPayload({ iotcModelId: id, '__iot:interfaces': { CapabilityModelId: other } }),
    ).toBe(id);
    expect(modelIdFromRegistrationPayload({ modelId: id, data: { modelId: other } })).toBe(id);
  });

  it('skips values that are not valid DTMIs', () => {
    expect(modelIdFromRegistrationPayload({ modelId: 42, iotcModelId: id })).toBe(id);
    expect(modelIdFromRegistrationPayload({ modelId: 'thermostat', iotcModelId: id })).toBe(id);
    expect(
      modelIdFromRegistrationPayload({
        '__iot:interfaces': { CapabilityModelId: 'urn:contoso:thermostat:1' },
      }),
    ).toBeUndefined();
    expect(modelIdFromRegistrationPayload({ modelId: '' })).toBeUndefined();
  });

  it('returns undefined for payloads without a model id', () => {
    for (const payload of [undefined, null, 'dtmi:com:example:Thermostat;1', 42, [], {}, { data: id }]) {
      expect(modelIdFromRegistrationPayload(payload)).toBeUndefined();
    }
    expect(modelIdFromRegistrationPayload({ '__iot:interfaces': id })).toBeUndefined();
    expect(modelIdFromRegistrationPayload({ '__iot:interfaces.CapabilityModelId': id })).toBeUndefined();
  });
});
