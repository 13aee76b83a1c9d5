// The Device operations (imports and exports), as IoT Central lists them behind the bell icon: progress
// while they run, then the report. A small store outside React, so that an import goes on (and stays
// reportable) after its dialog closes; components read it with the hooks below. The reports are kept across
// reloads (operation-history.ts, loaded when the list is first shown).
import { useSyncExternalStore } from 'react';
import type { InvalidRow } from '../../lib/csv-import';
import type * as OperationHistory from './operation-history';

export type OperationKind = 'import' | 'export';
/** `stopped`: a network or server error ended it mid-way; what was done is reported, the rest can be retried. */
export type OperationStatus = 'running' | 'completed' | 'cancelled' | 'stopped';

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
  /** Rows (devices) the operation handles, and how many are done. */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  /** Rows that were not imported, with line numbers and reasons (the file's invalid rows included). */
  failed: InvalidRow[];
  /** Why it stopped, and what the operator can do. */
  error?: string;
  /** An export's file. */
  download?: { url: string; fileName: string };
  /** Devices an export could not find any more. */
  missing?: number;
  isSeen: boolean;
}

export interface OperationControls {
  cancel: () => void;
  /** Goes on from the first batch that was not done. */
  retry: () => void;
}

let operations: readonly DeviceOperation[] = [];
const controls = new Map<string, OperationControls>();
const listeners = new Set<() => void>();

// History: read back once, when the list is first shown; saved shortly after changes from then on (never
// before the read, which would overwrite it).
const SAVE_DELAY_MS = 500;
let history: Promise<typeof OperationHistory> | undefined;
let hasRestored = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function restoreHistory() {
  history ??= import('./operation-history');
  void history
    .then(async ({ loadOperationHistory }) => {
      const kept = await loadOperationHistory();
      const known = new Set(operations.map((op) => op.id));
      const earlier = kept.filter((op) => !known.has(op.id));
      if (earlier.length > 0) operations = [...operations, ...earlier];
    })
    .catch((error: unknown) => console.warn('Device operations: the earlier reports could not be read.', error))
    .finally(() => {
      hasRestored = true;
      emit();
    });
}

function scheduleSave() {
  // At most one save per SAVE_DELAY_MS, of the latest list: a long import still gets saved as it goes.
  if (!hasRestored || !history || saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    void history
      ?.then(({ saveOperationHistory }) => saveOperationHistory(operations))
      .catch((error: unknown) => console.warn('Device operations: the reports could not be kept.', error));
  }, SAVE_DELAY_MS);
}

function emit() {
  listeners.forEach((listener) => listener());
  scheduleSave();
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
  if (!history) restoreHistory();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Whether an operation can go on from where it stopped: not one read back from an earlier visit. */
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
  operations = operations.map((op) => {
    if (op.id !== id) return op;
    const patch = typeof change === 'function' ? change(op) : change;
    // A finished operation that changes is news again.
    const isNews = patch.status !== undefined && patch.status !== 'running';
    return { ...op, ...patch, ...(isNews ? { isSeen: false } : {}) };
  });
  emit();
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

export function markOperationsSeen(): void {
  if (operations.every((op) => op.isSeen || op.status === 'running')) return;
  operations = operations.map((op) => (op.status === 'running' || op.isSeen ? op : { ...op, isSeen: true }));
  emit();
}

/** Removes finished operations (and frees their export files). */
export function clearFinishedOperations(): void {
  for (const op of operations) {
    if (op.status === 'running') continue;
    if (op.download) URL.revokeObjectURL(op.download.url);
    controls.delete(op.id);
  }
  operations = operations.filter((op) => op.status === 'running');
  emit();
}

/** For tests: forget everything (the kept history is read again by the next subscriber). */
export function resetOperations(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  history = undefined;
  hasRestored = false;
  for (const op of operations) if (op.download) URL.revokeObjectURL(op.download.url);
  operations = [];
  controls.clear();
  emit();
}

const getSnapshot = () => operations;

/** Every operation of the session, newest first. */
export function useDeviceOperations(): readonly DeviceOperation[] {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
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
