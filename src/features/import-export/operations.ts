// The Device operations (imports and exports), as IoT Central lists them behind the bell icon: progress
// while they run, then the report. The backend keeps every report (GET /extensions/deviceOperations), so
// every tab and operator reads the same, after a reload too; the page that runs an operation also keeps it
// here, outside React, so that it goes on (with Cancel, Retry and its export file) after its dialog closes.
// What this browser has seen or cleared is its own (localStorage). Components read it all with the hooks below.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { DeviceOperationRecord } from '../../api/extensions';
import { deviceOperationQueries } from '../../api/queries';
import type { InvalidRow } from '../../lib/csv-import';

export type OperationKind = DeviceOperationRecord['kind'];
/** `stopped`: a network or server error ended it mid-way; what was done is reported, the rest can be retried. */
export type OperationStatus = DeviceOperationRecord['status'];

export interface DeviceOperation {
  id: string;
  kind: OperationKind;
  /** E.g. "Import of devices.csv" or "Export of 120 devices". */
  title: string;
  /** E.g. the template the import assigns. */
  detail?: string;
  status: OperationStatus;
  isCancelRequested: boolean;
  startedAt: number;
  finishedAt?: number;
  /** Rows (devices) the operation handles, and how many are done: the backend's count. */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  /** How many rows were not imported (the file's invalid rows included). */
  failedCount: number;
  /** Those rows, with line numbers and reasons: all of them in the page that ran it, the first ones elsewhere. */
  failed: InvalidRow[];
  /** Why it stopped, and what the operator can do. */
  error?: string;
  /** An export's file: only in the page that made it. */
  download?: { url: string; fileName: string };
  /** Devices an export could not find any more. */
  missing?: number;
  isSeen: boolean;
}

/** The counts of a report as the backend recorded them. */
export function countsOf(record: DeviceOperationRecord) {
  return {
    total: record.total,
    processed: record.processed,
    created: record.created,
    updated: record.updated,
    skipped: record.skipped,
    failedCount: record.failedCount,
    ...(record.missing > 0 ? { missing: record.missing } : {}),
  } satisfies Partial<DeviceOperation>;
}

/** The report the backend recorded with a batch; a backend that kept none cannot give a true report. */
export function reportOf(operation: DeviceOperationRecord | undefined): DeviceOperationRecord {
  if (!operation) throw new Error("The backend did not count this batch into the operation's report.");
  return operation;
}

/** A report read from the backend, as the panel shows it. */
export function fromRecord(record: DeviceOperationRecord): DeviceOperation {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    ...(record.detail !== undefined ? { detail: record.detail } : {}),
    status: record.status,
    isCancelRequested: false,
    startedAt: Date.parse(record.startedAt),
    ...(record.finishedAt !== undefined ? { finishedAt: Date.parse(record.finishedAt) } : {}),
    ...countsOf(record),
    failed: record.failed,
    ...(record.error !== undefined ? { error: record.error } : {}),
    isSeen: false,
  };
}

export interface OperationControls {
  cancel: () => void;
  /** Goes on from the first batch that was not done. */
  retry: () => void;
}

/** The operations this page runs, newest first. */
let operations: readonly DeviceOperation[] = [];
const controls = new Map<string, OperationControls>();
const listeners = new Set<() => void>();

/** What this browser has seen and cleared: ids, and since when it looks (older reports are not news). */
interface Marks {
  since: number;
  seen: ReadonlySet<string>;
  hidden: ReadonlySet<string>;
}
const MARKS_KEY = 'iotc-device-operations';
const MARKS_KEPT = 200;
let marks: Marks | undefined;

function readMarks(): Marks {
  if (marks) return marks;
  marks = { since: Date.now(), seen: new Set(), hidden: new Set() };
  try {
    const kept = JSON.parse(localStorage.getItem(MARKS_KEY) ?? 'null') as { since?: unknown; seen?: unknown; hidden?: unknown } | null;
    if (kept && typeof kept.since === 'number') {
      const ids = (value: unknown) => new Set(Array.isArray(value) ? value.filter((id) => typeof id === 'string') : []);
      marks = { since: kept.since, seen: ids(kept.seen), hidden: ids(kept.hidden) };
    } else saveMarks(marks);
  } catch {
    // No localStorage (tests in Node, some private modes): this page's marks only.
  }
  return marks;
}

function saveMarks(next: Marks): void {
  marks = next;
  try {
    const newest = (ids: ReadonlySet<string>) => [...ids].slice(-MARKS_KEPT);
    localStorage.setItem(MARKS_KEY, JSON.stringify({ since: next.since, seen: newest(next.seen), hidden: newest(next.hidden) }));
  } catch {
    // Kept for this page only.
  }
}

function changeMarks(change: (current: Marks) => Partial<Marks>): void {
  const current = readMarks();
  saveMarks({ ...current, ...change(current) });
  emit();
}

let snapshot = { operations, marks: readMarks() };

function emit() {
  snapshot = { operations, marks: readMarks() };
  listeners.forEach((listener) => listener());
  guardLeaving(operations.some((op) => op.status === 'running' && controls.has(op.id)));
}

/** While this page still drives an operation (sends its batches), leaving the page asks first. */
function askBeforeLeaving(event: BeforeUnloadEvent) {
  event.preventDefault();
  // Browsers before the standard's preventDefault() ask only when returnValue is set.
  event.returnValue = '';
}

let isGuarding = false;

function guardLeaving(isDriving: boolean) {
  if (typeof window === 'undefined' || isDriving === isGuarding) return;
  isGuarding = isDriving;
  if (isDriving) window.addEventListener('beforeunload', askBeforeLeaving);
  else window.removeEventListener('beforeunload', askBeforeLeaving);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Whether this page runs the operation, so that it can go on from where it stopped. */
export function canResume(id: string): boolean {
  return controls.has(id);
}

export function newOperationId(): string {
  return crypto.randomUUID();
}

export function addOperation(
  operation: Pick<DeviceOperation, 'id' | 'kind' | 'title' | 'total'> & Partial<DeviceOperation>,
  operationControls: OperationControls,
): void {
  operations = [
    {
      status: 'running',
      isCancelRequested: false,
      startedAt: Date.now(),
      processed: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      failed: [],
      isSeen: false,
      ...operation,
      failedCount: operation.failedCount ?? operation.failed?.length ?? 0,
    },
    ...operations,
  ];
  controls.set(operation.id, operationControls);
  emit();
}

export function updateOperation(
  id: string,
  change: Partial<DeviceOperation> | ((op: DeviceOperation) => Partial<DeviceOperation>),
): void {
  let isNews = false;
  operations = operations.map((op) => {
    if (op.id !== id) return op;
    const patch = typeof change === 'function' ? change(op) : change;
    // A finished operation that changes is news again.
    isNews = patch.status !== undefined && patch.status !== 'running';
    return { ...op, ...patch };
  });
  if (isNews && readMarks().seen.has(id)) {
    changeMarks(({ seen }) => ({ seen: new Set([...seen].filter((seenId) => seenId !== id)) }));
  } else emit();
}

export function getOperation(id: string): DeviceOperation | undefined {
  return operations.find((op) => op.id === id);
}

export function cancelOperation(id: string): void {
  updateOperation(id, { isCancelRequested: true });
  controls.get(id)?.cancel();
}

export function retryOperation(id: string): void {
  controls.get(id)?.retry();
}

/** The panel was looked at: its finished operations are no longer news. */
export function markOperationsSeen(shown: readonly DeviceOperation[]): void {
  const news = shown.filter((op) => op.status !== 'running' && !op.isSeen).map((op) => op.id);
  if (news.length > 0) changeMarks(({ seen }) => ({ seen: new Set([...seen, ...news]) }));
}

/** Clears the finished operations from this browser's list (the backend keeps their reports), freeing export files. */
export function clearFinishedOperations(shown: readonly DeviceOperation[]): void {
  const finished = new Set(shown.filter((op) => op.status !== 'running').map((op) => op.id));
  for (const op of operations) {
    if (!finished.has(op.id)) continue;
    if (op.download) URL.revokeObjectURL(op.download.url);
    controls.delete(op.id);
  }
  operations = operations.filter((op) => !finished.has(op.id));
  changeMarks(({ hidden }) => ({ hidden: new Set([...hidden, ...finished]) }));
}

/** For tests: forget everything. */
export function resetOperations(): void {
  for (const op of operations) if (op.download) URL.revokeObjectURL(op.download.url);
  operations = [];
  controls.clear();
  marks = undefined;
  try {
    localStorage.removeItem(MARKS_KEY);
  } catch {
    // None kept.
  }
  emit();
}

const getSnapshot = () => snapshot;

/** This page's operations over the backend's reports, without the cleared ones, newest first. */
export function mergeOperations(
  mine: readonly DeviceOperation[],
  recorded: readonly DeviceOperationRecord[],
  { since, seen, hidden }: Marks,
): DeviceOperation[] {
  const own = new Set(mine.map((op) => op.id));
  const all = [...mine, ...recorded.filter((record) => !own.has(record.id)).map(fromRecord)];
  return all
    .filter((op) => op.status === 'running' || !hidden.has(op.id))
    .map((op) => ({
      ...op,
      // Finished before this browser first looked, or looked at since: not news.
      isSeen: op.status !== 'running' && (seen.has(op.id) || (op.finishedAt ?? op.startedAt) < since),
    }))
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** Every operation the backend reports, with this page's own (running here) as this page knows them. */
export function useDeviceOperations(): readonly DeviceOperation[] {
  const { operations: mine, marks: current } = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const { data: recorded } = useQuery(deviceOperationQueries.list());
  return useMemo(() => mergeOperations(mine, recorded ?? [], current), [mine, recorded, current]);
}

export function useDeviceOperation(id: string | undefined): DeviceOperation | undefined {
  const all = useDeviceOperations();
  return id === undefined ? undefined : all.find((op) => op.id === id);
}

/** For the shell's bell button: running operations, and finished ones the operator has not looked at. */
export function useDeviceOperationsBadge(): { running: number; unseen: number } {
  const all = useDeviceOperations();
  let running = 0;
  let unseen = 0;
  for (const op of all) {
    if (op.status === 'running') running++;
    else if (!op.isSeen) unseen++;
  }
  return { running, unseen };
}
