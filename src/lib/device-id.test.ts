import { describe, expect, it } from 'vitest';
import { checkDeviceId, checkDeviceName, randomDeviceId } from './device-id';

describe('checkDeviceId', () => {
  it('accepts lower-case letters, digits and dashes up to 128 characters', () => {
    expect(checkDeviceId('thermostat-01')).toBeNull();
    expect(checkDeviceId('a'.repeat(128))).toBeNull();
  });
  it('offers the lower-case fix for upper-case ids', () => {
    expect(checkDeviceId('Thermostat-01')).toMatchObject({ kind: 'upper-case', fix: 'thermostat-01' });
  });
  it('rejects 129 characters, empty ids and other characters', () => {
    expect(checkDeviceId('a'.repeat(129))?.kind).toBe('too-long');
    expect(checkDeviceId('')?.kind).toBe('empty');
    expect(checkDeviceId('my device_1')).toMatchObject({ kind: 'invalid-characters' });
    expect(checkDeviceId('my device_1')?.message).toContain('space');
  });
  it('limits names to 148 characters', () => {
    expect(checkDeviceName('x'.repeat(148))).toBeNull();
    expect(checkDeviceName('x'.repeat(149))).toMatch(/148/);
  });
  it('generates valid random ids', () => {
    for (let i = 0; i < 100; i++) expect(checkDeviceId(randomDeviceId())).toBeNull();
  });
});
