// One batch of a CSV import (POST /api/extensions/deviceImports), by the rules both backends share: the
// demo backend (mocks/iotcentral/device-imports.ts, on its store) and the gateway
// (server/gateway/device-operations.ts, through the public API). Each row's id and name are checked, an id
// sent twice in a request fails, and a batch sent again under the same operationId replays what this import
// already did to each id instead of doing it again. The backend only says how to apply the rows left.
import type { DeviceImportRequest, DeviceImportResult, DeviceOperationFailure } from '../api/extensions';
import type { BatchCounts } from './device-operation-records';
import { checkDeviceId, checkDeviceName } from './device-id';

/** What became of one row: its id lands in that list of the result, or among the failures with the reason. */
export type ImportOutcome = 'created' | 'updated' | 'skipped' | { reason: string };

/** The outcomes of the last few imports by operationId, so that a batch sent again is replayed, not applied again. */
export type RememberedImports = Map<string, Map<string, ImportOutcome>>;

/** How many imports keep their outcomes for replay (an import of 100,000 rows keeps 100,000 entries). */
const REMEMBERED_OPERATIONS = 8;

/** A row to apply: its id is valid, and `name` is the device name it gets (the id when the file has none). */
export interface ImportRow {
  id: string;
  name: string;
}

export interface ImportBatch {
  result: DeviceImportResult;
  /** What this request did, for the operation's report: outcomes replayed from an earlier batch were counted then. */
  counts: BatchCounts & { failed: DeviceOperationFailure[] };
  /** Whether a device was created or updated (never on a dry run). */
  isChanged: boolean;
}

/**
 * What an import does to a device that exists: undefined to skip it (the operator chose Skip, or its name and
 * template are already the row's), else the name and template it gets (the chosen template, or its own).
 */
export function importUpdate(
  req: DeviceImportRequest,
  row: ImportRow,
  device: { displayName?: string; template?: string },
): { displayName: string; template: string | undefined } | undefined {
  const template = req.template ?? device.template;
  if (req.existing === 'skip' || (device.displayName === row.name && device.template === template)) return undefined;
  return { displayName: row.name, template };
}

function replayOf(req: DeviceImportRequest, remembered: RememberedImports): Map<string, ImportOutcome> | undefined {
  if (req.operationId === undefined || req.dryRun) return undefined;
  let replay = remembered.get(req.operationId);
  if (!replay) {
    replay = new Map();
    remembered.set(req.operationId, replay);
    for (const key of remembered.keys()) {
      if (remembered.size <= REMEMBERED_OPERATIONS) break;
      remembered.delete(key);
    }
  }
  return replay;
}

/**
 * Runs one batch: `apply` gets the rows that need doing, in request order, and returns their outcomes in
 * the same order (on a dry run it writes nothing and says what would happen).
 */
export async function runImportRows(
  req: DeviceImportRequest,
  remembered: RememberedImports,
  apply: (rows: ImportRow[]) => Promise<ImportOutcome[]>,
): Promise<ImportBatch> {
  const replay = replayOf(req, remembered);
  const seen = new Set<string>();
  // Each row's outcome, known now (a failure, a replay) or once applied (an index into `toApply`).
  const planned: ({ outcome: ImportOutcome; isReplayed: boolean } | number)[] = [];
  const toApply: ImportRow[] = [];
  for (const { id, displayName } of req.devices) {
    if (seen.has(id)) {
      planned.push({ outcome: { reason: `Device ID "${id}" appears more than once in this request.` }, isReplayed: false });
      continue;
    }
    seen.add(id);
    // A retried batch: what this import already did to the id is reported again, not done again.
    const replayed = replay?.get(id);
    if (replayed !== undefined) {
      planned.push({ outcome: replayed, isReplayed: true });
      continue;
    }
    const idProblem = checkDeviceId(id);
    const name = displayName === undefined || displayName.trim() === '' ? id : displayName;
    const problem = idProblem ? idProblem.message : checkDeviceName(name);
    if (problem) planned.push({ outcome: { reason: problem }, isReplayed: false });
    else planned.push(toApply.push({ id, name }) - 1);
  }
  const applied = toApply.length > 0 ? await apply(toApply) : [];

  const result: DeviceImportResult = { created: [], updated: [], skipped: [], failed: [] };
  const counts: ImportBatch['counts'] = { processed: req.devices.length, created: 0, updated: 0, skipped: 0, failed: [] };
  let isChanged = false;
  for (const [index, { id, displayName, line }] of req.devices.entries()) {
    const plan = planned[index];
    const isReplayed = typeof plan === 'object' && plan.isReplayed;
    const outcome = typeof plan === 'number' ? applied[plan] : plan?.outcome;
    if (outcome === undefined) throw new Error(`No outcome for row ${index} of the batch.`);
    if (typeof plan === 'number') {
      if (outcome === 'created' || outcome === 'updated') isChanged = !req.dryRun;
      // Failures are not remembered: a retry tries them again (the app may have room by then).
      if (typeof outcome === 'string') replay?.set(id, outcome);
    }
    if (typeof outcome === 'string') {
      result[outcome].push(id);
      if (!isReplayed) counts[outcome] = (counts[outcome] ?? 0) + 1;
    } else {
      result.failed.push({ id, reason: outcome.reason });
      counts.failed.push({ line: line ?? 0, id, name: displayName ?? '', reasons: [outcome.reason] });
    }
  }
  return { result, counts, isChanged };
}
