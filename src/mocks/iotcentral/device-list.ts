// GET /devices: IoT Central's paging ($top, nextLink with an opaque $skiptoken) and the demo's $filter,
// $orderby and $count, over the store's records. Filters read the records directly (recordFilterFields)
// and only the page's devices become API devices; sorted lists come from the store's sort indexes.
import type { ExtendedDevice } from '../../api/extensions';
import { DEVICE_SORT_FIELDS } from '../../lib/device-fields';
import { isEnabled } from '../../lib/device-lifecycle';
import { compileFilter, parseOrderBy, type FieldMap } from '../../lib/odata';
import { badRequest } from '../http';
import type { SortField } from '../store/sorted-index';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { toApiDevice } from './device-records';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

function param(url: URL, name: string): string | undefined {
  return url.searchParams.get(`$${name}`) ?? url.searchParams.get(name) ?? undefined;
}

function decodeSkipToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(atob(token)) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0)
      return parsed.offset;
  } catch {
    // fall through
  }
  throw badRequest('The $skiptoken is not valid. Start again from the first page.');
}

/**
 * Whether an unfiltered, unsorted page (and the device after it, for nextLink) is among the first
 * `loaded` devices: while the table is restored in order, such a page can be answered already.
 */
export function isPageWithin(url: URL, loaded: number): boolean {
  if (param(url, 'filter') || param(url, 'orderby')) return false;
  try {
    return decodeSkipToken(param(url, 'skiptoken')) + pageSize(url) < loaded;
  } catch {
    return false;
  }
}

function pageSize(url: URL): number {
  const top = param(url, 'top') ?? param(url, 'maxpagesize');
  if (top === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw badRequest(`$top must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return n;
}

/**
 * deviceFilterFields (lib/device-fields.ts), read from the store's records: a list filters 100,000
 * records without making an API device of each. Same fields, same answers (device-list.test.ts).
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

export function listDevicesPage(store: Store, url: URL) {
  const filterText = param(url, 'filter') ?? '';
  const orderBy = parseOrderBy(param(url, 'orderby') ?? '', DEVICE_SORT_FIELDS);
  const top = pageSize(url);
  const offset = decodeSkipToken(param(url, 'skiptoken'));
  const wantsCount = param(url, 'count') === 'true';
  const predicate = filterText.trim() === '' ? undefined : compileFilter(filterText, recordFilterFields);
  const end = offset + top;

  const value: ExtendedDevice[] = [];
  let matched = 0;
  if (!predicate) {
    // Devices still being restored at boot (the first page is served before they are all back).
    matched = store.devices.size + store.restoringDevices;
    if (orderBy) {
      const sorted = store.devicesSortedBy(orderBy.field as SortField);
      for (let i = offset; i < Math.min(end, sorted.length); i++) {
        value.push(toApiDevice(sorted[orderBy.descending ? sorted.length - 1 - i : i] as DeviceRecord));
      }
    } else {
      let i = 0;
      for (const record of store.devices.values()) {
        if (i >= end) break;
        if (i++ >= offset) value.push(toApiDevice(record));
      }
    }
  } else {
    const sorted = orderBy ? store.devicesSortedBy(orderBy.field as SortField) : undefined;
    const records: Iterable<DeviceRecord> = sorted
      ? orderBy?.descending
        ? reversed(sorted)
        : sorted
      : store.devices.values();
    for (const record of records) {
      if (!predicate(record)) continue;
      if (matched >= offset && value.length < top) value.push(toApiDevice(record));
      matched += 1;
      if (!wantsCount && matched > end) break;
    }
  }
  const hasMore = matched > end;
  let nextLink: string | undefined;
  if (hasMore) {
    const next = new URL(url);
    next.searchParams.set('$skiptoken', btoa(JSON.stringify({ offset: end })));
    nextLink = next.toString();
  }
  return { value, ...(nextLink ? { nextLink } : {}), ...(wantsCount ? { '@odata.count': matched } : {}) };
}

function* reversed<T>(items: readonly T[]): Generator<T> {
  for (let i = items.length - 1; i >= 0; i--) yield items[i] as T;
}
