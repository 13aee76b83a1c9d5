// What the demo backend adds beyond the public IoT Central API (2022-07-31), kept apart from the
// generated types. Each item is listed in the README's "API notes". A real application ignores
// unknown query options and never sends these fields, and the UI degrades as the notes describe.
import type { Collection, Device } from './types';

/**
 * Extra, read-only fields on a Device. The public API cannot tell "Waiting for approval" from
 * "Blocked" (both are enabled: false, provisioned: false), nor remember what a blocked device was.
 */
export interface DeviceExtensions {
  /** The device registered itself while Auto approve was off and no operator has approved it yet. */
  approvalPending: boolean;
  /** An operator blocked the device. `enabled` is false while blocked or pending. */
  blocked: boolean;
}

export type ExtendedDevice = Device & { extensions?: DeviceExtensions };

/** `$count=true` on a list adds the OData total of items matching the filter. */
export type CountedCollection<T> = Collection<T> & { '@odata.count'?: number };

/** GET/PATCH /api/extensions/settings: the Auto approve switch of Administration > Device connection. */
export interface ConnectionSettings {
  autoApprove: boolean;
  /** ID scope of the application's DPS instance (`0ne` + 8 hex characters). */
  idScope: string;
}

export type DeviceHistoryAction =
  | 'created'
  | 'imported'
  | 'registered'
  | 'provisioned'
  | 'approved'
  | 'blocked'
  | 'unblocked'
  | 'migrated'
  | 'renamed'
  | 'enrollment-changed';

/** GET /api/extensions/devices/{id}/history: what changed the device's status and when. */
export interface DeviceHistoryEntry {
  at: string;
  action: DeviceHistoryAction;
  by: 'operator' | 'device';
  detail?: string;
}
