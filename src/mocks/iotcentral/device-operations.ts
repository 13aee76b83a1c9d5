// Demo extensions for bulk device operations (api/extensions.ts): the CSV import runs here in batches,
// as an IoT Central import job runs on the service, and the export gets its rows with the device keys
// derived here (lib/sas-keys.ts's deriveDeviceKeys: one key import per group key, one signature per device).
import { http, HttpResponse } from 'msw';
import type {
  DeviceExportPage,
  DeviceExportRecord,
  DeviceExportRequest,
  DeviceImportRequest,
  DeviceImportResult,
} from '../../api/extensions';
import { base64ToBytes, bytesToHex } from '../../lib/base64';
import { checkDeviceId, checkDeviceName } from '../../lib/device-id';
import { DEVICE_OPERATION_BATCH_MAX as BATCH_MAX } from '../../lib/device-operation-limits';
import { parseFilter, toPredicate } from '../../lib/odata';
import { createTurns } from '../../lib/page-turns';
import { deriveDeviceKeys } from '../../lib/sas-keys';
import { badRequest, handler } from '../http';
import { recordFilterFields } from '../store/device-rows';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { defaultSasGroup } from './credentials';
import { applyDeviceChange } from './device-records';
import { createDeviceRecord } from './devices';

/** [inferred] IoT Central documents 200,000 devices per application; the demo refuses to create more. */
export const APP_DEVICE_LIMIT = 200_000;
const EXPORT_DEFAULT_TOP = 1000;
/** How many imports keep their outcomes for replay (an import of 100,000 rows keeps 100,000 entries). */
const REMEMBERED_OPERATIONS = 8;

type Outcome = 'created' | 'updated' | 'skipped' | { reason: string };

function readImportRequest(body: Record<string, unknown>): DeviceImportRequest {
  const { devices, template, existing, dryRun, operationId } = body;
  if (!Array.isArray(devices) || devices.length === 0)
    throw badRequest('"devices" must be a list of { id, displayName }.');
  if (devices.length > BATCH_MAX) {
    throw badRequest(
      `A request carries at most ${BATCH_MAX} devices; this one has ${devices.length}. Send the rest in further requests.`,
    );
  }
  for (const [i, device] of devices.entries()) {
    const d = device as { id?: unknown; displayName?: unknown } | null;
    if (!d || typeof d !== 'object' || typeof d.id !== 'string')
      throw badRequest(`devices[${i}].id must be text.`);
    if (d.displayName !== undefined && typeof d.displayName !== 'string')
      throw badRequest(`devices[${i}].displayName must be text.`);
  }
  if (existing !== 'skip' && existing !== 'update')
    throw badRequest('"existing" must be "skip" or "update".');
  if (template !== undefined && template !== null && typeof template !== 'string')
    throw badRequest('"template" must be a device template ID.');
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw badRequest('"dryRun" must be true or false.');
  if (operationId !== undefined && (typeof operationId !== 'string' || !/^[\w-]{1,64}$/.test(operationId))) {
    throw badRequest('"operationId" must be up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  return {
    devices: devices as DeviceImportRequest['devices'],
    template: typeof template === 'string' && template !== '' ? template : undefined,
    existing,
    dryRun: dryRun === true,
    operationId: operationId as string | undefined,
  };
}

/** Applies one row; returns what happened. Writes nothing on a dry run. */
function importRow(
  store: Store,
  req: DeviceImportRequest,
  id: string,
  displayName: string | undefined,
): Outcome {
  const idProblem = checkDeviceId(id);
  if (idProblem) return { reason: idProblem.message };
  const name = displayName === undefined || displayName.trim() === '' ? id : displayName;
  const nameProblem = checkDeviceName(name);
  if (nameProblem) return { reason: nameProblem };
  const record = store.devices.get(id);
  if (record) {
    const template = req.template ?? record.template;
    const isSame = record.displayName === name && record.template === template;
    if (req.existing === 'skip' || isSame) return 'skipped';
    if (!req.dryRun) applyDeviceChange(store, record, { displayName: name, template: template ?? null });
    return 'updated';
  }
  if (store.devices.size >= APP_DEVICE_LIMIT) {
    return {
      reason: `The application already holds ${APP_DEVICE_LIMIT.toLocaleString('en-US')} devices, the most it can. Delete devices first.`,
    };
  }
  if (!req.dryRun) createDeviceRecord(store, id, { displayName: name, template: req.template }, 'imported');
  return 'created';
}

/**
 * The demo backend runs in the page (MSW): a batch gives the page a turn (lib/page-turns.ts) every
 * this many rows, so that importing 100,000 devices never freezes it. The console server switches turns
 * off: there a batch runs in one go, so that it commits as one transaction, whole or not at all.
 */
const ROWS_PER_SLICE = 1000;

export async function runImportBatch(
  store: Store,
  req: DeviceImportRequest,
  remembered: Map<string, Map<string, Outcome>>,
): Promise<DeviceImportResult> {
  if (req.template !== undefined && !store.templates.has(req.template)) {
    throw badRequest(
      `Device template "${req.template}" does not exist in this application. Publish it first, or pick another.`,
    );
  }
  let replay: Map<string, Outcome> | undefined;
  if (req.operationId !== undefined && !req.dryRun) {
    replay = remembered.get(req.operationId);
    if (!replay) {
      replay = new Map();
      remembered.set(req.operationId, replay);
      for (const key of remembered.keys()) {
        if (remembered.size <= REMEMBERED_OPERATIONS) break;
        remembered.delete(key);
      }
    }
  }
  const result: DeviceImportResult = { created: [], updated: [], skipped: [], failed: [] };
  const turn = createTurns();
  const seen = new Set<string>();
  let isChanged = false;
  for (const [index, { id, displayName }] of req.devices.entries()) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await turn();
    let outcome: Outcome | undefined;
    if (seen.has(id)) outcome = { reason: `Device ID "${id}" appears more than once in this request.` };
    else {
      seen.add(id);
      // A retried batch: what this import already did to the id is reported again, not done again.
      outcome = replay?.get(id);
      if (outcome === undefined) {
        outcome = importRow(store, req, id, displayName);
        if (outcome === 'created' || outcome === 'updated') isChanged = !req.dryRun;
        // Failures are not remembered: a retry tries them again (the app may have room by then).
        if (typeof outcome === 'string') replay?.set(id, outcome);
      }
    }
    if (typeof outcome === 'string') result[outcome].push(id);
    else result.failed.push({ id, reason: outcome.reason });
  }
  if (isChanged) store.changed();
  return result;
}

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

function readExportRequest(body: Record<string, unknown>): DeviceExportRequest {
  const ids = readStringList(body, 'ids');
  const excludedIds = readStringList(body, 'excludedIds');
  const { filter, top, skipToken } = body;
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

export function deviceOperationHandlers(store: Store) {
  const remembered = new Map<string, Map<string, Outcome>>();
  return [
    http.post(
      '*/api/extensions/deviceImports',
      handler(async ({ json }) =>
        HttpResponse.json(await runImportBatch(store, readImportRequest(await json()), remembered)),
      ),
    ),
    http.post(
      '*/api/extensions/deviceExports',
      handler(async ({ json }) => {
        const req = readExportRequest(await json());
        let page: DeviceExportPage;
        if (req.ids !== undefined) {
          const records: DeviceRecord[] = [];
          const notFound: string[] = [];
          for (const id of req.ids) {
            const record = store.devices.get(id);
            if (record) records.push(record);
            else notFound.push(id);
          }
          page = { value: await exportRecords(store, records), ...(notFound.length > 0 ? { notFound } : {}) };
        } else {
          const { records, next, count } = filterPage(store, req);
          page = {
            value: await exportRecords(store, records),
            ...(next !== undefined ? { skipToken: btoa(JSON.stringify({ after: next })) } : {}),
            ...(count !== undefined ? { count } : {}),
          };
        }
        return HttpResponse.json(page);
      }),
    ),
  ];
}
