// The Device operations' reports (api/extensions.ts, DeviceOperationRecord): the rules shared by the two
// backends that keep them, the demo backend (mocks/iotcentral/operation-records.ts, in its store) and the
// gateway (server/gateway/operation-reports.ts, in SQLite): how a report starts, how each batch is counted
// into it (once, however often it is sent), how a run ends, and when a silent one reads as stopped.
import type {
  DeviceOperationFailure,
  DeviceOperationRecord,
  DeviceOperationStart,
  DeviceOperationStatus,
  DeviceOperationUpdate,
} from '../api/extensions';
import {
  clipFailureText,
  DEVICE_OPERATION_FAILURES_KEPT as FAILURES_KEPT,
  DEVICE_OPERATIONS_KEPT,
  RUNNING_SILENCE_MS,
} from './device-operation-limits';
import { badRequest, notFound } from './domain-error';

/** A Device operation's report as stored: with the batches already counted into it, so none counts twice. */
export interface DeviceOperationEntry extends DeviceOperationRecord {
  countedBatches: number[];
}

/** Where a backend keeps its reports, newest first, and its clock; the caller commits what changed. */
export interface OperationLog {
  operations: DeviceOperationEntry[];
  now(): Date;
}

const STATUSES: readonly DeviceOperationStatus[] = ['running', 'completed', 'cancelled', 'stopped'];
const TITLE_MAX = 200;

export const OPERATION_ID_PATTERN = /^[\w-]{1,64}$/;

function readText(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`"${what}" must be text.`);
  return value.slice(0, max);
}

function readCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badRequest(`"${what}" must be a whole number of 0 or more.`);
  }
  return value;
}

function readFailures(value: unknown): DeviceOperationFailure[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('"failed" must be a list of { line, id, name, reasons }.');
  return value.slice(0, FAILURES_KEPT).map((row: unknown, i) => {
    const r = row as Partial<DeviceOperationFailure> | null;
    if (!r || typeof r !== 'object' || !Array.isArray(r.reasons)) {
      throw badRequest(`failed[${i}] must be { line, id, name, reasons }.`);
    }
    return {
      line: typeof r.line === 'number' ? r.line : 0,
      id: clipFailureText(String(r.id ?? '')),
      name: clipFailureText(String(r.name ?? '')),
      reasons: r.reasons.slice(0, 10).map((reason) => clipFailureText(String(reason))),
    };
  });
}

export function readOperationStart(body: Record<string, unknown>): DeviceOperationStart {
  const { kind, title, detail, total, failed, failedCount } = body;
  if (kind !== 'import' && kind !== 'export') throw badRequest('"kind" must be "import" or "export".');
  const rows = readFailures(failed);
  return {
    kind,
    title: readText(title, 'title', TITLE_MAX),
    ...(detail !== undefined && detail !== null ? { detail: readText(detail, 'detail', TITLE_MAX) } : {}),
    total: readCount(total, 'total'),
    failed: rows,
    failedCount: failedCount === undefined ? rows.length : readCount(failedCount, 'failedCount'),
  };
}

export function readOperationUpdate(body: Record<string, unknown>): DeviceOperationUpdate {
  const { status, error } = body;
  if (!STATUSES.includes(status as DeviceOperationStatus)) {
    throw badRequest(`"status" must be one of: ${STATUSES.join(', ')}.`);
  }
  return {
    status: status as DeviceOperationStatus,
    ...(error !== undefined && error !== null ? { error: readText(error, 'error', 1000) } : {}),
  };
}

/** The report as the API shows it: without the bookkeeping, and stopped if its page went silent. */
export function publicRecord(entry: DeviceOperationEntry, now: Date): DeviceOperationRecord {
  const { countedBatches: _counted, ...record } = entry;
  const silentMs = now.getTime() - Date.parse(record.updatedAt);
  if (record.status !== 'running' || silentMs < RUNNING_SILENCE_MS) return record;
  const done = `${record.processed.toLocaleString('en-US')} of ${record.total.toLocaleString('en-US')}`;
  return {
    ...record,
    status: 'stopped',
    error:
      record.kind === 'import'
        ? `The page running this import was closed or went offline (${done} rows done). Import the same file again to finish it: devices that already exist are skipped.`
        : `The page running this export was closed or went offline (${done} devices done). Export again.`,
  };
}

export function findOperation(log: OperationLog, id: string): DeviceOperationEntry | undefined {
  return log.operations.find((op) => op.id === id);
}

/** Starts a report, newest first, keeping the newest DEVICE_OPERATIONS_KEPT. A report that exists is returned as it is. */
export function startOperationRecord(log: OperationLog, id: string, start: DeviceOperationStart): DeviceOperationEntry {
  const existing = findOperation(log, id);
  if (existing) return existing;
  const now = log.now().toISOString();
  const failed = start.failed ?? [];
  const entry: DeviceOperationEntry = {
    id,
    kind: start.kind,
    title: start.title,
    ...(start.detail !== undefined ? { detail: start.detail } : {}),
    status: 'running',
    startedAt: now,
    updatedAt: now,
    total: start.total,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    missing: 0,
    failedCount: start.failedCount ?? failed.length,
    failed,
    countedBatches: [],
  };
  log.operations = [entry, ...log.operations].slice(0, DEVICE_OPERATIONS_KEPT);
  return entry;
}

export function updateOperationRecord(log: OperationLog, entry: DeviceOperationEntry, update: DeviceOperationUpdate): void {
  const now = log.now().toISOString();
  entry.status = update.status;
  entry.updatedAt = now;
  if (update.status === 'completed') entry.total = entry.processed;
  if (update.status === 'running') {
    delete entry.error;
    delete entry.finishedAt;
  } else {
    entry.finishedAt = now;
    if (update.error !== undefined) entry.error = update.error;
    else delete entry.error;
  }
}

export interface BatchCounts {
  /** A filter export learns how many devices it holds from its first page. */
  total?: number;
  processed: number;
  created?: number;
  updated?: number;
  skipped?: number;
  missing?: number;
  failed?: DeviceOperationFailure[];
}

/**
 * Counts a batch into its operation's report (in memory: the caller commits it with the batch: the demo's
 * store.changed(), the gateway's save()). A batch already counted is not counted again. Returns the report, or undefined when
 * there is none of that id.
 */
export function countBatch(
  log: OperationLog,
  operationId: string | undefined,
  batch: number | undefined,
  counts: BatchCounts,
): DeviceOperationEntry | undefined {
  if (operationId === undefined) return undefined;
  const entry = findOperation(log, operationId);
  if (!entry) return undefined;
  if (batch !== undefined && entry.countedBatches.includes(batch)) return entry;
  if (batch !== undefined) entry.countedBatches.push(batch);
  if (counts.total !== undefined) entry.total = counts.total;
  entry.processed += counts.processed;
  entry.created += counts.created ?? 0;
  entry.updated += counts.updated ?? 0;
  entry.skipped += counts.skipped ?? 0;
  entry.missing += counts.missing ?? 0;
  const failed = counts.failed ?? [];
  entry.failedCount += failed.length;
  const room = FAILURES_KEPT - entry.failed.length;
  if (room > 0 && failed.length > 0) entry.failed = [...entry.failed, ...readFailures(failed.slice(0, room))];
  // A batch is a sign of life: the page that runs the operation is still there.
  entry.status = 'running';
  entry.updatedAt = log.now().toISOString();
  return entry;
}

export function readBatchIndex(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badRequest('"batch" must be the batch\'s place in the operation: 0, 1, 2, …');
  }
  return value;
}

/** GET /extensions/deviceOperations: every report, newest first, as the API shows it. */
export function listOperationRecords(log: OperationLog): { value: DeviceOperationRecord[] } {
  const now = log.now();
  return { value: log.operations.map((op) => publicRecord(op, now)) };
}

/** PUT /extensions/deviceOperations/{id}: starts the report, or returns the one that exists; commit it when `isNew`. */
export function putOperationRecord(
  log: OperationLog,
  id: string,
  body: Record<string, unknown>,
): { record: DeviceOperationRecord; isNew: boolean } {
  if (!OPERATION_ID_PATTERN.test(id)) {
    throw badRequest('An operation ID is up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  const isNew = findOperation(log, id) === undefined;
  const entry = startOperationRecord(log, id, readOperationStart(body));
  return { record: publicRecord(entry, log.now()), isNew };
}

/** PATCH /extensions/deviceOperations/{id}: how the page's run ended (or that it runs again); commit it after. */
export function patchOperationRecord(log: OperationLog, id: string, body: Record<string, unknown>): DeviceOperationRecord {
  const update = readOperationUpdate(body);
  const entry = findOperation(log, id);
  if (!entry) throw notFound(`Device operation "${id}"`);
  updateOperationRecord(log, entry, update);
  return publicRecord(entry, log.now());
}
