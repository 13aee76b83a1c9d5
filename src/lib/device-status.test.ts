import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import { deriveDeviceStatus, statusAfterUnblock, statusFilter, DEVICE_STATUSES } from './device-status';
import { compileFilter } from './odata';
import { deviceFilterFields } from './device-fields';

const T = 'dtmi:com:example:Thermostat;1';
const device = (d: Partial<ExtendedDevice>, ext?: Partial<NonNullable<ExtendedDevice['extensions']>>): ExtendedDevice => ({
  id: 'd',
  enabled: true,
  provisioned: false,
  template: T,
  ...d,
  extensions: ext ? { approvalPending: false, blocked: false, ...ext } : undefined,
});

describe('deriveDeviceStatus', () => {
  it('maps the API fields as IoT Central documents them', () => {
    expect(deriveDeviceStatus(device({ provisioned: false }))).toBe('registered');
    expect(deriveDeviceStatus(device({ provisioned: true }))).toBe('provisioned');
    expect(deriveDeviceStatus(device({ enabled: false }))).toBe('blocked');
    expect(deriveDeviceStatus(device({ template: undefined }))).toBe('unassociated');
    expect(deriveDeviceStatus(device({ template: '' }))).toBe('unassociated');
  });

  it('uses the extension to tell Waiting for approval from Blocked', () => {
    expect(deriveDeviceStatus(device({ enabled: false }, { approvalPending: true }))).toBe('waitingForApproval');
    expect(deriveDeviceStatus(device({ enabled: false }, { blocked: true }))).toBe('blocked');
  });

  it('applies the precedence Blocked > Waiting > Unassociated > Provisioned > Registered', () => {
    expect(deriveDeviceStatus(device({ enabled: false, template: undefined }, { blocked: true, approvalPending: true }))).toBe(
      'blocked',
    );
    expect(deriveDeviceStatus(device({ enabled: false, template: undefined }, { approvalPending: true }))).toBe(
      'waitingForApproval',
    );
    expect(deriveDeviceStatus(device({ template: undefined, provisioned: true }, {}))).toBe('unassociated');
  });

  it('knows what Unblock returns to', () => {
    expect(statusAfterUnblock(device({ enabled: false, provisioned: true }, { blocked: true }))).toBe('provisioned');
    expect(statusAfterUnblock(device({ enabled: false }, { blocked: true, approvalPending: true }))).toBe(
      'waitingForApproval',
    );
  });

  it('has a $filter for each status that selects exactly the devices showing it', () => {
    const samples: ExtendedDevice[] = [
      device({}, {}),
      device({ provisioned: true }, {}),
      device({ enabled: false }, { approvalPending: true }),
      device({ enabled: false }, { blocked: true }),
      device({ enabled: false, template: undefined }, { blocked: true, approvalPending: true }),
      device({ template: undefined }, {}),
      device({ template: undefined, provisioned: true }, {}),
    ];
    for (const status of DEVICE_STATUSES) {
      const predicate = compileFilter(statusFilter(status), deviceFilterFields);
      for (const sample of samples) {
        expect(predicate(sample), `${status} vs ${JSON.stringify(sample)}`).toBe(deriveDeviceStatus(sample) === status);
      }
    }
  });
});
