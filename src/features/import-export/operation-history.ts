// Device operations outlive a reload: their reports are kept in this browser's IndexedDB (the newest
// KEPT_OPERATIONS), as IoT Central keeps its device operations. What cannot survive is said in the report:
// an export's file lived in the page that made it, and an operation that was running when the page closed
// cannot go on from here (importing the same file again finishes it: existing devices are skipped).
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { DeviceOperation } from './operations';

export const KEPT_OPERATIONS = 20;
const KEY = 'operations';

let store: UseStore | null | undefined;

/** null where there is no IndexedDB (tests in Node, some private modes): nothing is kept then. */
function historyStore(): UseStore | null {
  if (store === undefined) {
    store = typeof indexedDB === 'undefined' ? null : createStore('iotc-console', 'device-operations');
  }
  return store;
}

/** What is kept of an operation: all but its export file, which lives only in the page (a blob URL). */
export function toKept(op: DeviceOperation): DeviceOperation {
  const { download: _download, ...kept } = op;
  const fileName = op.download?.fileName;
  return {
    ...kept,
    ...(fileName
      ? { error: `The file ${fileName} was made in an earlier visit and is no longer available: export again to get it.` }
      : {}),
  };
}

/** An operation read back after a reload. One that was running then is stopped, and says why. */
export function restored(op: DeviceOperation): DeviceOperation {
  if (op.status !== 'running') return op;
  const done = `${op.processed.toLocaleString('en-US')} of ${op.total.toLocaleString('en-US')}`;
  return {
    ...op,
    status: 'stopped',
    isCancelRequested: false,
    isSeen: false,
    error:
      op.kind === 'import'
        ? `The page was closed while this import ran (${done} rows done). Import the same file again to finish it: devices that already exist are skipped.`
        : `The page was closed while this export ran (${done} devices done). Export again.`,
  };
}

export async function loadOperationHistory(): Promise<DeviceOperation[]> {
  const where = historyStore();
  if (!where) return [];
  const kept = await get<DeviceOperation[]>(KEY, where);
  return Array.isArray(kept) ? kept.map(restored) : [];
}

export async function saveOperationHistory(operations: readonly DeviceOperation[]): Promise<void> {
  const where = historyStore();
  if (!where) return;
  await set(KEY, operations.slice(0, KEPT_OPERATIONS).map(toKept), where);
}
