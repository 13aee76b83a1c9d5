// Mapping between the store's device records and the API's Device, plus the shared write helpers.
import type { DeviceHistoryAction, DeviceHistoryEntry, ExtendedDevice } from '../../api/extensions';
import { isEnabled } from '../../lib/device-lifecycle';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { notFound } from '../http';

const HISTORY_LIMIT = 50;

export function toApiDevice(record: DeviceRecord): ExtendedDevice {
  return {
    id: record.id,
    etag: record.etag,
    displayName: record.displayName,
    ...(record.template ? { template: record.template } : {}),
    enabled: isEnabled(record),
    provisioned: record.provisioned,
    simulated: record.simulated,
    organizations: record.organizations,
    extensions: { approvalPending: record.approvalPending, blocked: record.blocked },
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
