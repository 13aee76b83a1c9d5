import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import {
  approve,
  block,
  isEnabled,
  migrate,
  provisionByDevice,
  registerByOperator,
  setEnabled,
  unblock,
  type LifecycleState,
  type Transition,
} from './device-lifecycle';
import { deriveDeviceStatus } from './device-status';

const T = 'dtmi:com:example:Thermostat;1';

function status(state: LifecycleState) {
  const device: ExtendedDevice = {
    id: 'd',
    enabled: isEnabled(state),
    provisioned: state.provisioned,
    template: state.template,
    extensions: { approvalPending: state.approvalPending, blocked: state.blocked },
  };
  return deriveDeviceStatus(device);
}

function after(t: Transition): LifecycleState {
  if (!t.ok) throw new Error(t.error.message);
  return t.state;
}

describe('device lifecycle', () => {
  it('New or Import by an operator: Registered, or Unassociated without a template', () => {
    expect(status(registerByOperator(T))).toBe('registered');
    expect(status(registerByOperator(undefined))).toBe('unassociated');
  });

  it('a registered device that provisions becomes Provisioned', () => {
    const r = provisionByDevice(registerByOperator(T), { autoApprove: false, template: undefined });
    expect(r.created).toBe(false);
    expect(status(after(r))).toBe('provisioned');
  });

  it('an unknown device with valid credentials is Provisioned when Auto approve is on', () => {
    const r = provisionByDevice(undefined, { autoApprove: true, template: T });
    expect(r.created).toBe(true);
    expect(status(after(r))).toBe('provisioned');
  });

  it('an unknown device waits for approval when Auto approve is off, and is refused until approved', () => {
    const waiting = after(provisionByDevice(undefined, { autoApprove: false, template: T }));
    expect(status(waiting)).toBe('waitingForApproval');
    const again = provisionByDevice(waiting, { autoApprove: false, template: T });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('NotApproved');
    const approved = after(approve(waiting));
    expect(status(approved)).toBe('registered');
    expect(status(after(provisionByDevice(approved, { autoApprove: false, template: T })))).toBe('provisioned');
  });

  it('a device without a known model is Unassociated until migrated', () => {
    const state = after(provisionByDevice(undefined, { autoApprove: true, template: undefined }));
    expect(status(state)).toBe('unassociated');
    expect(status(after(migrate(state, T)))).toBe('provisioned');
  });

  it('Approve refuses a device that is not waiting', () => {
    const r = approve(registerByOperator(T));
    expect(r.ok).toBe(false);
  });

  it.each([
    ['registered', registerByOperator(T)],
    ['provisioned', { ...registerByOperator(T), provisioned: true }],
    ['waitingForApproval', { ...registerByOperator(T), approvalPending: true }],
    ['unassociated', registerByOperator(undefined)],
  ] as const)('Block then Unblock returns a %s device to its previous status', (previous, state) => {
    const blocked = after(block(state));
    expect(status(blocked)).toBe('blocked');
    expect(isEnabled(blocked)).toBe(false);
    expect(status(after(unblock(blocked)))).toBe(previous);
  });

  it('a blocked device cannot provision', () => {
    const r = provisionByDevice(after(block(registerByOperator(T))), { autoApprove: true, template: T });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('Blocked');
  });

  it('PATCH enabled: false blocks; true unblocks first, then approves', () => {
    const waitingBlocked = after(block({ ...registerByOperator(T), approvalPending: true }));
    const unblocked = after(setEnabled(waitingBlocked, true));
    expect(status(unblocked)).toBe('waitingForApproval');
    expect(status(after(setEnabled(unblocked, true)))).toBe('registered');
    expect(status(after(setEnabled(registerByOperator(T), false)))).toBe('blocked');
  });
});
