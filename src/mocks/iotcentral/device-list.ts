// GET /devices: IoT Central's paging ($top, nextLink with an opaque $skiptoken) and the demo's $filter,
// $orderby and $count, answered by the store's device table (device-rows.ts: in memory with sort
// indexes, or SQL on the console server); only the page's devices become API devices.
import { DEVICE_SORT_FIELDS } from '../../lib/device-fields';
import { parseFilter, parseOrderBy } from '../../lib/odata';
import { badRequest } from '../../lib/domain-error';
import { recordFilterFields, type SortField } from '../store/device-rows';
import type { Store } from '../store/store';
import { toApiDevice } from './device-records';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

function param(url: URL, name: string): string | undefined {
  return url.searchParams.get(`$${name}`) ?? url.searchParams.get(name) ?? undefined;
}

/** Where a page starts: its position, and the table's own cursor after the previous page where it has one. */
interface SkipToken {
  offset: number;
  cursor?: string;
}

function decodeSkipToken(token: string | undefined): SkipToken {
  if (!token) return { offset: 0 };
  try {
    const parsed = JSON.parse(atob(token)) as { offset?: unknown; cursor?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) {
      return { offset: parsed.offset, ...(typeof parsed.cursor === 'string' ? { cursor: parsed.cursor } : {}) };
    }
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
    return decodeSkipToken(param(url, 'skiptoken')).offset + pageSize(url) < loaded;
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

export function listDevicesPage(store: Store, url: URL) {
  const filter = parseFilter(param(url, 'filter') ?? '', recordFilterFields);
  const orderBy = parseOrderBy(param(url, 'orderby') ?? '', DEVICE_SORT_FIELDS);
  const top = pageSize(url);
  const { offset, cursor } = decodeSkipToken(param(url, 'skiptoken'));
  const wantsCount = param(url, 'count') === 'true';
  const page = store.devices.query({
    filter,
    ...(orderBy ? { orderBy: { field: orderBy.field as SortField, descending: orderBy.descending } } : {}),
    offset,
    ...(cursor !== undefined ? { cursor } : {}),
    limit: top,
    count: wantsCount,
  });
  // Devices still being restored at boot (the first page is served before they are all back).
  const restoring = filter.kind === 'true' ? store.restoringDevices : 0;
  const hasMore = page.hasMore || (restoring > 0 && offset + top < store.devices.size + restoring);
  let nextLink: string | undefined;
  if (hasMore) {
    const next = new URL(url);
    const token: SkipToken = { offset: offset + top, ...(page.nextCursor !== undefined ? { cursor: page.nextCursor } : {}) };
    next.searchParams.set('$skiptoken', btoa(JSON.stringify(token)));
    nextLink = next.toString();
  }
  return {
    value: page.records.map((record) => toApiDevice(store, record)),
    ...(nextLink ? { nextLink } : {}),
    ...(page.count !== undefined ? { '@odata.count': page.count + restoring } : {}),
  };
}
