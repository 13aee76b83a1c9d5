import { describe, expect, it } from 'vitest';
import { checkGroupId, groupIdFromName } from './group-id';

describe('groupIdFromName', () => {
  it.each([
    ['Factory line 2 (X.509)', 'factory-line-2-x-509'],
    ['  Café Öl  ', 'cafe-ol'],
    ['SAS-IoT-Edge-Devices', 'sas-iot-edge-devices'],
    ['***', ''],
  ])('%s -> %s', (name, id) => {
    expect(groupIdFromName(name)).toBe(id);
    if (id) expect(checkGroupId(id)).toBeNull();
  });

  it('stays within the limit', () => {
    expect(groupIdFromName('a '.repeat(300)).length).toBeLessThanOrEqual(255);
  });
});

describe('checkGroupId', () => {
  it('explains what is wrong', () => {
    expect(checkGroupId('')).toBe('Enter an ID: letters, digits and "-".');
    expect(checkGroupId('my group_1')).toBe(
      'The ID may contain only letters, digits and "-" (found space, "_").',
    );
    expect(checkGroupId('x'.repeat(256))).toBe('The ID is 256 characters long; the limit is 255.');
    expect(checkGroupId('sas-iot-devices', ['SAS-IoT-Devices'])).toBe(
      'An enrollment group with the ID "sas-iot-devices" already exists. Choose another ID.',
    );
    expect(checkGroupId('Line-2')).toBeNull();
  });
});
