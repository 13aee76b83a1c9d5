import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import { deriveDeviceStatus, publicApiStatusFilter, statusAfterUnblock, statusFilter, DEVICE_STATUSES, PUBLIC_API_STATUSES } from './device-status';
import { skipReasonForStatus } from './device-actions';
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
    // Without the demo's extension (a real application), blocked and waiting cannot be told apart.
    expect(deriveDeviceStatus(device({ enabled: false }))).toBe('disabled');
    expect(deriveDeviceStatus(device({ enabled: false, template: undefined }))).toBe('disabled');
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

describe('without the extension (a real application)', () => {
  it("filters each status it offers on the public API's fields only, and selects the devices that show it", () => {
    const devices = [
      device({ provisioned: false }),
      device({ provisioned: true }),
      device({ enabled: false }),
      device({ enabled: false, provisioned: true }),
    ];
    for (const status of PUBLIC_API_STATUSES) {
      const filter = publicApiStatusFilter(status);
      expect(filter).not.toMatch(/blocked|approvalPending/);
      const match = compileFilter(filter, deviceFilterFields);
      for (const d of devices) expect(match(d), `${status}: ${JSON.stringify(d)}`).toBe(deriveDeviceStatus(d) === status);
    }
  });

  it('offers Unblock (which enables) on a disabled device, not Block or Approve', () => {
    expect(skipReasonForStatus('unblock', 'disabled')).toBeNull();
    expect(skipReasonForStatus('block', 'disabled')).toBe('already disabled');
    expect(skipReasonForStatus('approve', 'disabled')).not.toBeNull();
  });
});
