// The demo's export (POST /api/extensions/deviceExports): the rows of IoT Central's export file for a
// selection, by ids or by filter a page at a time, with the device keys already derived
// (deriveDeviceKeys: one key import per group key, one signature per device).
import type { DeviceExportPage, DeviceExportRecord, DeviceExportRequest } from '../../api/extensions';
import { exportRecordOf, type DeviceKeys } from '../../lib/device-export-record';
import { countBatch, publicRecord } from '../../lib/device-operation-records';
import { parseFilter, toPredicate } from '../../lib/odata';
import { deriveDeviceKeys } from '../../lib/sas-keys';
import { badRequest } from '../../lib/domain-error';
import { recordFilterFields } from '../store/device-rows';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { defaultSasGroup } from './credentials';

const EXPORT_DEFAULT_TOP = 1000;

async function exportRecords(store: Store, records: readonly DeviceRecord[]): Promise<DeviceExportRecord[]> {
  const group = defaultSasGroup(store);
  const derivedIds = records.filter((r) => r.attestation === undefined).map((r) => r.id);
  const derived = new Map<string, DeviceKeys>();
  if (group?.attestation.type === 'symmetricKey' && derivedIds.length > 0) {
    const [primary, secondary] = await Promise.all([
      deriveDeviceKeys(group.attestation.primaryKey, derivedIds),
      deriveDeviceKeys(group.attestation.secondaryKey, derivedIds),
    ]);
    derivedIds.forEach((id, i) =>
      derived.set(id, { primaryKey: primary[i] as string, secondaryKey: secondary[i] as string }),
    );
  }
  return Promise.all(records.map((record) => exportRecordOf(record, record.attestation, derived.get(record.id))));
}

/** A page of a filter export, in id order; resumes after the previous page's last id (keyset paging). */
function filterPage(store: Store, req: DeviceExportRequest): { records: DeviceRecord[]; next?: string; count?: number } {
  const filter = parseFilter(req.filter ?? '', recordFilterFields);
  const excluded = new Set(req.excludedIds ?? []);
  const top = req.top ?? EXPORT_DEFAULT_TOP;
  let after = req.skipToken === undefined ? undefined : decodeCursor(req.skipToken);
  const records: DeviceRecord[] = [];
  let hasMore = true;
  let count: number | undefined;
  // Excluded devices leave gaps: read on until the page is full or the matches run out.
  while (records.length < top && hasMore) {
    const page = store.devices.query({
      filter,
      orderBy: { field: 'id', descending: false },
      ...(after !== undefined ? { afterId: after } : {}),
      offset: 0,
      limit: top - records.length,
      count: req.skipToken === undefined && count === undefined,
    });
    if (page.count !== undefined) count = page.count;
    for (const record of page.records) if (!excluded.has(record.id)) records.push(record);
    hasMore = page.hasMore;
    after = page.records.at(-1)?.id ?? after;
  }
  if (count !== undefined && excluded.size > 0) {
    const matches = toPredicate(filter, recordFilterFields);
    for (const id of excluded) {
      const record = store.devices.peek(id);
      if (record && matches(record)) count -= 1;
    }
  }
  const last = records.at(-1);
  return {
    records,
    ...(hasMore && last ? { next: last.id } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

function decodeCursor(token: string): string {
  try {
    const cursor = JSON.parse(atob(token)) as { after?: unknown };
    if (typeof cursor.after === 'string') return cursor.after;
  } catch {
    // fall through
  }
  throw badRequest('The skipToken is not valid. Start the export again.');
}

/** One page of an export: the requested ids (and those that no longer exist), or the next page of a filter. */
export async function exportPage(store: Store, req: DeviceExportRequest): Promise<DeviceExportPage> {
  const page = await readPage(store, req);
  // Counted into the operation's report (a commit of the report alone: an export writes no device).
  const missing = page.notFound?.length ?? 0;
  const operation = countBatch(store, req.operationId, req.batch, {
    total: page.count,
    processed: page.value.length + missing,
    missing,
  });
  if (!operation) return page;
  store.changed();
  return { ...page, operation: publicRecord(operation, store.now()) };
}

async function readPage(store: Store, req: DeviceExportRequest): Promise<DeviceExportPage> {
  if (req.ids !== undefined) {
    const records: DeviceRecord[] = [];
    const notFound: string[] = [];
    // Read only: get() would mark the device written, and the next commit would write it again.
    const found = store.devices.peekMany(req.ids);
    req.ids.forEach((id, i) => {
      const record = found[i];
      if (record) records.push(record);
      else notFound.push(id);
    });
    return { value: await exportRecords(store, records), ...(notFound.length > 0 ? { notFound } : {}) };
  }
  const { records, next, count } = filterPage(store, req);
  return {
    value: await exportRecords(store, records),
    ...(next !== undefined ? { skipToken: btoa(JSON.stringify({ after: next })) } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}
