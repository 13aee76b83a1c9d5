// Browser only: keeps the demo store in IndexedDB so the demo survives reloads.
//
// Layout (database "iotc-demo"): `meta` holds the settings, templates and groups; `devices` holds the
// device table in chunks of DEVICE_CHUNK_SIZE positions (device-table.ts), so that a change saves only
// the chunks it touched, not 100,000 devices. A save is one transaction that writes one chunk per task
// (each put clones its records synchronously), so a large save never freezes the page, and a reload
// sees either all of it or none of it.
import { del, get } from 'idb-keyval';
import { DEVICE_CHUNK_SIZE, type DeviceChunk } from './device-table';
import { StoreWriteError } from './device-rows';
import { SEED_VERSION } from './seed';
import type { DeviceTable } from './device-table';
import type { Store as AnyStore } from './store';

type Store = AnyStore<DeviceTable>;
import type { StoreSnapshot } from './types';

const DB_NAME = 'iotc-demo';
const META = 'meta';
const DEVICES = 'devices';
/** Where the demo kept one snapshot before (idb-keyval's default store); read once and migrated. */
const LEGACY_KEY = 'iotc-demo-store';

interface StoredMeta extends Omit<StoreSnapshot, 'devices'> {
  chunkSize: number;
  deviceCount: number;
}

let database: Promise<IDBDatabase> | undefined;

function openDatabase(): Promise<IDBDatabase> {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(META);
      request.result.createObjectStore(DEVICES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
  });
  return database;
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted.'));
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed.'));
  });
}

/** Lets the page render and answer requests between two slices of background work. */
export function yieldToPage(): Promise<void> {
  const scheduler = (
    globalThis as {
      scheduler?: { postTask?: (task: () => void, options: { priority: string }) => Promise<void> };
    }
  ).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface RestoreResult {
  /** Resolves when every device is back in the store (at once unless `progressive`). */
  complete: Promise<void>;
}

/**
 * Loads the saved demo data into `store`, or leaves the seed when there is none. With `progressive`,
 * it returns once the first chunk of devices is in (the first page of the grid), and the rest follows
 * in the background: until `complete`, `store.restoringDevices` counts the devices still on their way,
 * and the caller must hold back every request that needs the whole table.
 */
export async function restore(store: Store, options: { progressive?: boolean } = {}): Promise<RestoreResult> {
  const done: RestoreResult = { complete: Promise.resolve() };
  try {
    const db = await openDatabase();
    const read = db.transaction([META, DEVICES], 'readonly');
    const [meta, keys] = await Promise.all([
      result(read.objectStore(META).get(META) as IDBRequest<StoredMeta | undefined>),
      result(read.objectStore(DEVICES).getAllKeys() as IDBRequest<number[]>),
    ]);
    if (!meta) {
      await restoreLegacy(store);
      return done;
    }
    if (meta.version !== SEED_VERSION || meta.chunkSize !== DEVICE_CHUNK_SIZE) return done;
    const readChunk = (key: number) =>
      result(db.transaction(DEVICES, 'readonly').objectStore(DEVICES).get(key) as IDBRequest<DeviceChunk>);
    const chunks = [...keys].sort((a, b) => a - b);
    store.load({
      version: meta.version,
      settings: meta.settings,
      templates: meta.templates,
      groups: meta.groups,
      operations: meta.operations,
      devices: [],
    });
    const first = chunks.shift();
    if (first !== undefined) store.devices.restoreChunk(first, await readChunk(first));
    store.restoringDevices = Math.max(0, meta.deviceCount - store.devices.size);
    store.devices.takeChanges();
    const rest = async () => {
      try {
        for (const key of chunks) {
          if (options.progressive) await yieldToPage();
          store.devices.restoreChunk(key, await readChunk(key));
          store.restoringDevices = Math.max(0, meta.deviceCount - store.devices.size);
        }
      } catch (error) {
        console.warn('Could not read all the saved demo devices; some are missing.', error);
      }
      store.restoringDevices = 0;
      store.devices.takeChanges();
    };
    if (!options.progressive) await rest();
    else done.complete = rest();
  } catch (error) {
    console.warn('Could not read the saved demo data; starting from the seed.', error);
  }
  return done;
}

/** The single snapshot of earlier versions: loaded, saved in chunks by the next save, then removed. */
async function restoreLegacy(store: Store): Promise<void> {
  const saved = await get<StoreSnapshot>(LEGACY_KEY);
  if (!saved) return;
  if (saved.version === SEED_VERSION) {
    store.load(saved);
    await saveChanges(store);
  }
  await del(LEGACY_KEY);
}

/** Writes what changed since the last save: the meta record and the dirty device chunks, one per task. */
async function saveChanges(store: Store): Promise<void> {
  const changes = store.devices.takeChanges();
  const db = await openDatabase();
  const transaction = db.transaction([META, DEVICES], 'readwrite', { durability: 'relaxed' });
  const isCommitted = committed(transaction);
  const meta: StoredMeta = {
    version: SEED_VERSION,
    settings: store.settings,
    templates: [...store.templates.values()],
    groups: [...store.groups.values()],
    operations: store.operations,
    chunkSize: DEVICE_CHUNK_SIZE,
    deviceCount: store.devices.size,
  };
  transaction.objectStore(META).put(meta, META);
  const devices = transaction.objectStore(DEVICES);
  if (changes.isAll) devices.clear();
  const chunks = changes.isAll
    ? Array.from({ length: store.devices.chunkCount }, (_, i) => i)
    : changes.chunks;
  let next = 0;
  const putNext = () => {
    while (next < chunks.length) {
      const key = chunks[next++] as number;
      const records = store.devices.chunk(key);
      if (records.some((record) => record !== null)) {
        devices.put(records, key).onsuccess = putNext;
        return;
      }
      devices.delete(key);
    }
  };
  putNext();
  try {
    await isCommitted;
  } catch (error) {
    // What this save held is lost: the next one writes everything again.
    store.devices.markAllDirty();
    throw error;
  }
}

/**
 * Runs `save` after every change: at once, and again when changes arrived during a save. `flush()`
 * resolves when every change made before the call is saved, not when saving stops: under a stream of
 * writes, each answer waits for its own save only. When the save holding a change fails, its flush()
 * rejects with StoreWriteError (the answer becomes a 503); `save` is expected to have put the store back
 * to what was last saved.
 */
export function createSaveQueue(save: () => Promise<void>): {
  changed: () => void;
  flush: () => Promise<void>;
} {
  /** Changes are numbered; `saved` is the highest number known to be saved (or known lost). */
  let requested = 0;
  let saved = 0;
  let saving: Promise<void> | null = null;
  let waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  const run = async () => {
    while (saved < requested) {
      const from = saved;
      const upTo = requested;
      let failure: Error | undefined;
      try {
        await save();
      } catch (error) {
        console.warn('Could not save the demo data.', error);
        failure = new StoreWriteError(error instanceof Error ? error.message : String(error));
      }
      saved = upTo;
      const done = waiters.filter((w) => w.upTo <= saved);
      waiters = waiters.filter((w) => w.upTo > saved);
      for (const waiter of done) {
        if (failure && waiter.upTo > from) waiter.reject(failure);
        else waiter.resolve();
      }
    }
    saving = null;
  };
  return {
    changed: () => {
      requested += 1;
      saving ??= run();
    },
    flush: () => {
      if (saved >= requested) return Promise.resolve();
      const upTo = requested;
      return new Promise<void>((resolve, reject) => waiters.push({ upTo, resolve, reject }));
    },
  };
}

/** Saves the store after every change (createSaveQueue); returns `flush()` for answers to wait on. */
export function persistOnChange(store: Store): { flush: () => Promise<void> } {
  const queue = createSaveQueue(async () => {
    try {
      await saveChanges(store);
    } catch (error) {
      // What the failed save held is not kept anywhere: the store goes back to what IndexedDB has, so
      // that the 503 its writers get is true ("nothing was changed").
      await restore(store).catch(() => undefined);
      throw error;
    }
  });
  store.subscribe(queue.changed);
  return { flush: queue.flush };
}
