// The demo's export (POST /api/extensions/deviceExports): the rows of IoT Central's export file for a
// selection, by ids or by filter a page at a time, with the device keys already derived
// (deriveDeviceKeys: one key import per group key, one signature per device).
import type { DeviceExportPage, DeviceExportRecord, DeviceExportRequest } from '../../api/extensions';
import { base64ToBytes, bytesToHex } from '../../lib/base64';
import { DEVICE_OPERATION_BATCH_MAX as BATCH_MAX } from '../../lib/device-operation-limits';
import { parseFilter, toPredicate } from '../../lib/odata';
import { deriveDeviceKeys } from '../../lib/sas-keys';
import { badRequest } from '../../lib/domain-error';
import { recordFilterFields } from '../store/device-rows';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { defaultSasGroup } from './credentials';
import { countBatch, OPERATION_ID_PATTERN, publicRecord, readBatchIndex } from '../../lib/device-operation-records';

const EXPORT_DEFAULT_TOP = 1000;

async function thumbprint(cert: { certificate?: string; info?: { sha1Thumbprint: string } } | undefined) {
  if (!cert) return undefined;
  if (cert.info?.sha1Thumbprint) return cert.info.sha1Thumbprint;
  if (!cert.certificate) return undefined;
  return bytesToHex(await crypto.subtle.digest('SHA-1', base64ToBytes(cert.certificate)), true);
}

async function exportRecords(store: Store, records: readonly DeviceRecord[]): Promise<DeviceExportRecord[]> {
  const group = defaultSasGroup(store);
  const derivedIds = records.filter((r) => r.attestation === undefined).map((r) => r.id);
  const derived = new Map<string, { primaryKey: string; secondaryKey: string }>();
  if (group?.attestation.type === 'symmetricKey' && derivedIds.length > 0) {
    const [primary, secondary] = await Promise.all([
      deriveDeviceKeys(group.attestation.primaryKey, derivedIds),
      deriveDeviceKeys(group.attestation.secondaryKey, derivedIds),
    ]);
    derivedIds.forEach((id, i) =>
      derived.set(id, { primaryKey: primary[i] as string, secondaryKey: secondary[i] as string }),
    );
  }
  return Promise.all(
    records.map(async (record): Promise<DeviceExportRecord> => {
      const row: DeviceExportRecord = { id: record.id, displayName: record.displayName };
      const a = record.attestation;
      if (a === undefined) {
        const keys = derived.get(record.id);
        if (keys) row.symmetricKey = keys;
      } else if (a.type === 'symmetricKey') {
        row.symmetricKey = {
          primaryKey: a.symmetricKey.primaryKey,
          secondaryKey: a.symmetricKey.secondaryKey,
        };
      } else if (a.type === 'x509') {
        const certs = a.x509.clientCertificates;
        const primary = await thumbprint(certs?.primary);
        const secondary = await thumbprint(certs?.secondary);
        if (primary) row.x509Thumbprints = { primary, ...(secondary ? { secondary } : {}) };
      }
      return row;
    }),
  );
}

function readStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw badRequest(`"${field}" must be a list of device IDs.`);
  return value as string[];
}

export function readExportRequest(body: Record<string, unknown>): DeviceExportRequest {
  const ids = readStringList(body, 'ids');
  const excludedIds = readStringList(body, 'excludedIds');
  const { filter, top, skipToken, operationId, batch } = body;
  if (operationId !== undefined && (typeof operationId !== 'string' || !OPERATION_ID_PATTERN.test(operationId))) {
    throw badRequest('"operationId" must be up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  if (ids !== undefined && ids.length > BATCH_MAX) {
    throw badRequest(
      `A request carries at most ${BATCH_MAX} device IDs; this one has ${ids.length}. Send the rest in further requests.`,
    );
  }
  if (ids !== undefined && filter !== undefined) throw badRequest('Send either "ids" or "filter", not both.');
  if (filter !== undefined && typeof filter !== 'string')
    throw badRequest('"filter" must be an OData $filter expression.');
  if (top !== undefined && (!Number.isInteger(top) || (top as number) < 1 || (top as number) > BATCH_MAX)) {
    throw badRequest(`"top" must be a whole number from 1 to ${BATCH_MAX}.`);
  }
  if (skipToken !== undefined && typeof skipToken !== 'string')
    throw badRequest('"skipToken" must be the skipToken of the previous page.');
  return {
    ids,
    excludedIds,
    filter: filter as string | undefined,
    top: top as number | undefined,
    skipToken: skipToken as string | undefined,
    operationId: operationId as string | undefined,
    batch: readBatchIndex(batch),
  };
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
    for (const id of req.ids) {
      // Read only: get() would mark the device written, and the next commit would write it again.
      const record = store.devices.peek(id);
      if (record) records.push(record);
      else notFound.push(id);
    }
    return { value: await exportRecords(store, records), ...(notFound.length > 0 ? { notFound } : {}) };
  }
  const { records, next, count } = filterPage(store, req);
  return {
    value: await exportRecords(store, records),
    ...(next !== undefined ? { skipToken: btoa(JSON.stringify({ after: next })) } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}
