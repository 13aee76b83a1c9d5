// Mapping between the store's device records and the API's Device, plus the shared write helpers:
// every operator change of a device (PUT, PATCH, an import row) goes through applyDeviceChange.
import type { DeviceHistoryAction, DeviceHistoryEntry, ExtendedDevice } from '../../api/extensions';
import { isEnabled, type LifecycleState } from '../../lib/device-lifecycle';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { notFound } from '../../lib/domain-error';
import { lastActivityOf } from '../store/device-rows';

const HISTORY_LIMIT = 50;

export function toApiDevice(store: Store, record: DeviceRecord): ExtendedDevice {
  const connected = store.presence.has(record.id);
  const lastActivity = lastActivityOf(record);
  return {
    id: record.id,
    etag: record.etag,
    displayName: record.displayName,
    ...(record.template ? { template: record.template } : {}),
    enabled: isEnabled(record),
    provisioned: record.provisioned,
    simulated: record.simulated,
    organizations: record.organizations,
    extensions: {
      approvalPending: record.approvalPending,
      blocked: record.blocked,
      ...(connected || lastActivity ? { connection: { connected, ...(lastActivity ? { lastActivity } : {}) } } : {}),
      ...(record.attestation ? { attestationType: record.attestation.type } : {}),
    },
  };
}

export function findDevice(store: Store, id: string): DeviceRecord {
  const record = store.devices.get(id);
  if (!record) throw notFound(`Device "${id}"`);
  return record;
}

export function addHistory(
  store: Store,
  record: DeviceRecord,
  action: DeviceHistoryAction,
  by: DeviceHistoryEntry['by'],
  detail?: string,
): void {
  record.history.push({ at: store.now().toISOString(), action, by, ...(detail ? { detail } : {}) });
  if (record.history.length > HISTORY_LIMIT) record.history.splice(0, record.history.length - HISTORY_LIMIT);
}

/** What an operator changes on a device; an absent field stays as it is. */
export interface DeviceChange {
  displayName?: string;
  /** The new template; null: Unassociated. */
  template?: string | null;
  simulated?: boolean;
  /** The state a checked lifecycle transition (Approve, Block, Unblock) leads to. */
  lifecycle?: LifecycleState;
}

/**
 * Applies a checked change to a device: each field that differs gets its history entry (renamed,
 * migrated, approved, blocked, unblocked), and the device a new etag. The caller has done every check
 * before (a refused request changes nothing) and tells the store afterwards.
 */
export function applyDeviceChange(store: Store, record: DeviceRecord, change: DeviceChange): void {
  if (change.displayName !== undefined && change.displayName !== record.displayName) {
    record.displayName = change.displayName;
    addHistory(store, record, 'renamed', 'operator', change.displayName);
  }
  const template = change.template === null ? undefined : change.template;
  if (change.template !== undefined && template !== record.template) {
    record.template = template;
    addHistory(store, record, 'migrated', 'operator', template ?? 'Unassociated');
  }
  if (change.simulated !== undefined) record.simulated = change.simulated;
  if (change.lifecycle) {
    const before = { blocked: record.blocked, approvalPending: record.approvalPending };
    Object.assign(record, change.lifecycle);
    if (!before.blocked && record.blocked) addHistory(store, record, 'blocked', 'operator');
    else if (before.blocked && !record.blocked) addHistory(store, record, 'unblocked', 'operator');
    else if (before.approvalPending && !record.approvalPending) addHistory(store, record, 'approved', 'operator');
  }
  record.etag = store.nextEtag();
}
