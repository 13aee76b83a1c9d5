import { describe, expect, it } from 'vitest';
import type { EnrollmentGroup } from '../../api/types';
import { connectionQrValue, registrationIdWarning, sasEnrollmentGroup } from './connection-info';

const group = (
  id: string,
  type: 'symmetricKey' | 'x509',
  kind: 'iot' | 'iotEdge' = 'iot',
): EnrollmentGroup => ({
  id,
  displayName: `${id} name`,
  enabled: true,
  type: kind,
  attestation: { type },
});

describe('sasEnrollmentGroup', () => {
  it('prefers SAS-IoT-Devices, else the first SAS group for IoT devices', () => {
    expect(
      sasEnrollmentGroup([
        group('x', 'x509'),
        group('other', 'symmetricKey'),
        group('SAS-IoT-Devices', 'symmetricKey'),
      ])?.id,
    ).toBe('SAS-IoT-Devices');
    expect(
      sasEnrollmentGroup([group('edge', 'symmetricKey', 'iotEdge'), group('other', 'symmetricKey')])?.id,
    ).toBe('other');
    expect(sasEnrollmentGroup([group('x', 'x509')])).toBeUndefined();
  });
});

describe('connectionQrValue', () => {
  it('is JSON with the ID scope, the device ID and the primary key', () => {
    const value = connectionQrValue({
      idScope: '0ne00ABCDEF',
      deviceId: 'thermostat-0001',
      primaryKey: 'a2V5',
    });
    expect(JSON.parse(value)).toEqual({
      idScope: '0ne00ABCDEF',
      deviceId: 'thermostat-0001',
      primaryKey: 'a2V5',
    });
  });
});

describe('registrationIdWarning', () => {
  it('is silent when the derived ID is the device ID, ignoring case as DPS does', () => {
    expect(
      registrationIdWarning(
        't6t2cg5vnzscr7ty546hj7c7maamkggectqcxkccq637z5bvlnoa',
        'T6T2CG5VNZSCR7TY546HJ7C7MAAMKGGECTQCXKCCQ637Z5BVLNOA',
      ),
    ).toBeNull();
    expect(registrationIdWarning('t6t2cg5v', 'thermostat-0001')).toMatch(
      /not the device ID "thermostat-0001"/,
    );
  });
});
