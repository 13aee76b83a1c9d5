// What the handlers need of a device table, whichever host keeps it: the page keeps its devices in memory
// (device-table.ts, persisted to IndexedDB), the console server in SQLite (server/store-sqlite.ts).
//
// Handlers read a record with get(), change it in place and call store.changed(record); peek() only reads.
// commit() makes what changed since the last commit durable, devices and the store's other tables in one
// step: a durable table throws StoreWriteError having kept nothing, and the caller answers 5xx.
import type { ConnectionSettings } from '../../api/extensions';
import { isEnabled } from '../../lib/device-lifecycle';
import type { DeviceOperationEntry } from '../../lib/device-operation-records';
import type { DeviceSortField } from '../../lib/device-fields';
import { DEVICE_STATUS_LABELS, type DeviceStatus } from '../../lib/device-status';
import type { FieldMap, FilterNode } from '../../lib/odata';
import type { DeviceRecord, EnrollmentGroupRecord, TemplateRecord } from './types';

export type SortField = DeviceSortField;

/** A record's status, by the rules of lib/device-status.ts (deriveDeviceStatus) on the record's fields. */
export function recordStatus(record: DeviceRecord): DeviceStatus {
  if (record.blocked) return 'blocked';
  if (record.approvalPending) return 'waitingForApproval';
  if (!record.template) return 'unassociated';
  return record.provisioned ? 'provisioned' : 'registered';
}

/**
 * The text each sort orders by (then by id), compared by code point (lib/text-order.ts). The server's
 * SQL orders by the same text (server/store-sqlite.ts, SORT_KEYS_SQL).
 */
export const SORT_KEYS: Record<SortField, (record: DeviceRecord) => string> = {
  displayName: (r) => r.displayName,
  id: (r) => r.id,
  status: (r) => DEVICE_STATUS_LABELS[recordStatus(r)],
  template: (r) => r.template ?? '',
  lastActivity: (r) => lastActivityOf(r) ?? '',
};

/** The latest of the times the console server's hub recorded for the device (ISO text sorts as time). */
export function lastActivityOf(record: DeviceRecord): string | undefined {
  const a = record.activity;
  const times = [a?.lastConnectedAt, a?.lastDisconnectedAt, a?.lastTelemetryAt].filter((t): t is string => !!t);
  return times.length > 0 ? times.reduce((x, y) => (x > y ? x : y)) : undefined;
}

/** A page of devices: the filter, the order (insertion order when absent), and where the page starts. */
export interface DeviceQuery {
  filter: FilterNode;
  orderBy?: { field: SortField; descending: boolean };
  /** Only devices whose id sorts after this one (keyset paging; needs orderBy id ascending). */
  afterId?: string;
  offset: number;
  /**
   * The previous page's `nextCursor`, when the table gave one: the page starts right after it (keyset
   * paging, no rows skipped one by one), and `offset` only says where that is.
   */
  cursor?: string;
  limit: number;
  /** Count every match (`$count=true`); otherwise the count is left out. */
  count: boolean;
}

export interface DeviceQueryPage {
  records: DeviceRecord[];
  hasMore: boolean;
  count?: number;
  /** Where the next page starts, for tables that page by key (opaque; passed back as `cursor`). */
  nextCursor?: string;
}

/** The devices a change may have written (some only read) or deleted. */
export interface DeviceTableCommit {
  written: string[];
  removed: string[];
  /** The whole table was replaced (a reset). */
  isAll?: boolean;
  /** The small tables this commit changed, where the table tracks them (the server's does). */
  metaChanged?: MetaKey[];
}

/** The store's small tables, committed with the devices. */
export interface StoreMeta {
  settings: ConnectionSettings;
  templates: TemplateRecord[];
  groups: EnrollmentGroupRecord[];
  /** The Device operations' reports (imports and exports), newest first. */
  operations: DeviceOperationEntry[];
}

export type MetaKey = keyof StoreMeta;

/** A write the store could not make durable (disk full, database locked): nothing of it was kept. */
export class StoreWriteError extends Error {
  constructor(reason: string) {
    super(`The demo data could not be saved (${reason}). Nothing was changed; try again.`);
    this.name = 'StoreWriteError';
  }
}

export interface DeviceRows {
  get(id: string): DeviceRecord | undefined;
  peek(id: string): DeviceRecord | undefined;
  /** peek() of each id, in order (undefined where there is none): the console server reads them in one query. */
  peekMany(ids: readonly string[]): (DeviceRecord | undefined)[];
  has(id: string): boolean;
  set(id: string, record: DeviceRecord): unknown;
  delete(id: string): boolean;
  clear(): void;
  readonly size: number;
  values(): IterableIterator<DeviceRecord>;
  keys(): IterableIterator<string>;
  touch(id: string): void;
  commit(meta: () => StoreMeta): DeviceTableCommit;
  query(query: DeviceQuery): DeviceQueryPage;
}

/**
 * The device fields `$filter` understands (lib/device-fields.ts), read from the store's records: a list
 * filters 100,000 records without making an API device of each. Same fields, same answers.
 */
export const recordFilterFields: FieldMap<DeviceRecord> = {
  id: { type: 'string', get: (r) => r.id },
  displayName: { type: 'string', get: (r) => r.displayName },
  template: { type: 'string', get: (r) => r.template },
  enabled: { type: 'boolean', get: (r) => isEnabled(r) },
  provisioned: { type: 'boolean', get: (r) => r.provisioned },
  simulated: { type: 'boolean', get: (r) => r.simulated },
  blocked: { type: 'boolean', get: (r) => r.blocked },
  approvalPending: { type: 'boolean', get: (r) => r.approvalPending },
};
