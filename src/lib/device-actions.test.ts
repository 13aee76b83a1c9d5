import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import { actionsFor, appliesTo, appliesToAny, skipReason } from './device-actions';

const device = (extensions: { approvalPending?: boolean; blocked?: boolean } = {}, template: string | undefined = 't'): ExtendedDevice => ({
  id: 'd',
  template,
  enabled: !extensions.blocked && !extensions.approvalPending,
  extensions: { approvalPending: extensions.approvalPending ?? false, blocked: extensions.blocked ?? false },
});

const waiting = device({ approvalPending: true });
const blocked = device({ blocked: true });
const blockedWhileWaiting = device({ approvalPending: true, blocked: true });
const registered = device();
const unassociated = device({}, undefined);

describe('when an action applies', () => {
  it('approves only a device waiting for approval (not one that is also blocked)', () => {
    expect(appliesTo('approve', waiting)).toBe(true);
    expect(skipReason('approve', blockedWhileWaiting)).toBe('not waiting for approval');
    expect(skipReason('approve', registered)).toBe('not waiting for approval');
  });

  it('blocks what is not blocked, and unblocks only what is', () => {
    expect(skipReason('block', blocked)).toBe('already blocked');
    expect(appliesTo('block', waiting)).toBe(true);
    expect(appliesTo('unblock', blocked)).toBe(true);
    expect(appliesTo('unblock', blockedWhileWaiting)).toBe(true);
    expect(skipReason('unblock', registered)).toBe('not blocked');
  });

  it('migrates and deletes any device', () => {
    for (const d of [waiting, blocked, registered, unassociated]) {
      expect(appliesTo('migrate', d)).toBe(true);
      expect(appliesTo('delete', d)).toBe(true);
    }
  });

  it('without the extension fields, reads a disabled device as blocked', () => {
    expect(appliesTo('unblock', { id: 'd', enabled: false })).toBe(true);
    expect(appliesTo('block', { id: 'd', enabled: true })).toBe(true);
  });

  it("lists one device's actions in display order", () => {
    expect(actionsFor(waiting)).toEqual(['approve', 'migrate', 'block', 'delete']);
    expect(actionsFor(blocked)).toEqual(['migrate', 'unblock', 'delete']);
    expect(actionsFor(unassociated)).toEqual(['migrate', 'block', 'delete']);
  });

  it('enables an action for a selection when it applies to one of its devices', () => {
    expect(appliesToAny('approve', { devices: [registered, waiting] })).toBe(true);
    expect(appliesToAny('approve', { devices: [registered, blocked] })).toBe(false);
    expect(appliesToAny('unblock', { devices: [] })).toBe(false);
  });

  it('for every device matching a filter, goes by the status the filter allows', () => {
    expect(appliesToAny('approve', { status: undefined })).toBe(true);
    expect(appliesToAny('unblock', { status: undefined })).toBe(true);
    expect(appliesToAny('approve', { status: 'waitingForApproval' })).toBe(true);
    expect(appliesToAny('approve', { status: 'registered' })).toBe(false);
    expect(appliesToAny('unblock', { status: 'provisioned' })).toBe(false);
    expect(appliesToAny('block', { status: 'blocked' })).toBe(false);
    expect(appliesToAny('delete', { status: 'blocked' })).toBe(true);
  });
});
