// The demo's CSV import (POST /api/extensions/deviceImports): one batch of rows, run as an IoT Central
// import job runs on the service. Idempotent by device id, and replayed by operationId when a batch is
// sent again.
import type { DeviceImportRequest, DeviceImportResult, DeviceOperationFailure } from '../../api/extensions';
import { checkDeviceId, checkDeviceName } from '../../lib/device-id';
import { DEVICE_OPERATION_BATCH_MAX as BATCH_MAX } from '../../lib/device-operation-limits';
import { createTurns } from '../../lib/page-turns';
import { badRequest } from '../../lib/domain-error';
import type { Store } from '../store/store';
import { applyDeviceChange } from './device-records';
import { createDeviceRecord } from './devices';
import {
  countBatch,
  OPERATION_ID_PATTERN,
  publicRecord,
  readBatchIndex,
  type BatchCounts,
} from '../../lib/device-operation-records';

/** [inferred] IoT Central documents 200,000 devices per application; the demo refuses to create more. */
export const APP_DEVICE_LIMIT = 200_000;
/** How many imports keep their outcomes for replay (an import of 100,000 rows keeps 100,000 entries). */
const REMEMBERED_OPERATIONS = 8;

/** What became of one row: its id lands in that list of the result, or among the failures with the reason. */
export type ImportOutcome = 'created' | 'updated' | 'skipped' | { reason: string };

/** The outcomes of the last few imports by operationId, so that a batch sent again is replayed, not applied again. */
export type RememberedImports = Map<string, Map<string, ImportOutcome>>;

export function readImportRequest(body: Record<string, unknown>): DeviceImportRequest {
  const { devices, template, existing, dryRun, operationId, batch } = body;
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
    const { line } = d as { line?: unknown };
    if (line !== undefined && (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 0))
      throw badRequest(`devices[${i}].line must be the row's line number in the file.`);
  }
  if (existing !== 'skip' && existing !== 'update')
    throw badRequest('"existing" must be "skip" or "update".');
  if (template !== undefined && template !== null && typeof template !== 'string')
    throw badRequest('"template" must be a device template ID.');
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw badRequest('"dryRun" must be true or false.');
  if (operationId !== undefined && (typeof operationId !== 'string' || !OPERATION_ID_PATTERN.test(operationId))) {
    throw badRequest('"operationId" must be up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  return {
    devices: devices as DeviceImportRequest['devices'],
    template: typeof template === 'string' && template !== '' ? template : undefined,
    existing,
    dryRun: dryRun === true,
    operationId: operationId as string | undefined,
    batch: readBatchIndex(batch),
  };
}

/** Applies one row; returns what happened. Writes nothing on a dry run. */
function importRow(
  store: Store,
  req: DeviceImportRequest,
  id: string,
  displayName: string | undefined,
): ImportOutcome {
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
  remembered: RememberedImports,
): Promise<DeviceImportResult> {
  if (req.template !== undefined && !store.templates.has(req.template)) {
    throw badRequest(
      `Device template "${req.template}" does not exist in this application. Publish it first, or pick another.`,
    );
  }
  let replay: Map<string, ImportOutcome> | undefined;
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
  // What this request did, for the operation's report: outcomes replayed from an earlier batch were counted then.
  const fresh: BatchCounts & { failed: DeviceOperationFailure[] } = {
    processed: req.devices.length,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: [],
  };
  const turn = createTurns();
  const seen = new Set<string>();
  let isChanged = false;
  for (const [index, { id, displayName, line }] of req.devices.entries()) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await turn();
    let outcome: ImportOutcome | undefined;
    let isReplayed = false;
    if (seen.has(id)) outcome = { reason: `Device ID "${id}" appears more than once in this request.` };
    else {
      seen.add(id);
      // A retried batch: what this import already did to the id is reported again, not done again.
      outcome = replay?.get(id);
      isReplayed = outcome !== undefined;
      if (outcome === undefined) {
        outcome = importRow(store, req, id, displayName);
        if (outcome === 'created' || outcome === 'updated') isChanged = !req.dryRun;
        // Failures are not remembered: a retry tries them again (the app may have room by then).
        if (typeof outcome === 'string') replay?.set(id, outcome);
      }
    }
    if (typeof outcome === 'string') {
      result[outcome].push(id);
      if (!isReplayed) fresh[outcome] = (fresh[outcome] ?? 0) + 1;
    } else {
      result.failed.push({ id, reason: outcome.reason });
      fresh.failed.push({ line: line ?? 0, id, name: displayName ?? '', reasons: [outcome.reason] });
    }
  }
  // Counted into the operation's report in the same commit as the batch's writes.
  const operation = req.dryRun ? undefined : countBatch(store, req.operationId, req.batch, fresh);
  if (isChanged || operation) store.changed();
  return operation ? { ...result, operation: publicRecord(operation, store.now()) } : result;
}
