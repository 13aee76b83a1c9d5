// Browser only: keeps the demo store in IndexedDB so the demo survives reloads.
import { get, set } from 'idb-keyval';
import { SEED_VERSION } from './seed';
import type { Store } from './store';
import type { StoreSnapshot } from './types';

const KEY = 'iotc-demo-store';

export async function restore(store: Store): Promise<void> {
  try {
    const saved = await get<StoreSnapshot>(KEY);
    if (saved && saved.version === SEED_VERSION) store.load(saved);
  } catch (error) {
    console.warn('Could not read the saved demo data; starting from the seed.', error);
  }
}

/**
 * Saves after every change: at once, and again when changes arrived during a save, so that a reload
 * right after an action keeps it. Returns `flush()`, which resolves when the latest state is saved.
 */
export function persistOnChange(store: Store): { flush: () => Promise<void> } {
  let saving: Promise<void> | null = null;
  let isDirty = false;
  const save = async () => {
    do {
      isDirty = false;
      try {
        await set(KEY, store.snapshot());
      } catch (error) {
        console.warn('Could not save the demo data.', error);
      }
    } while (isDirty);
    saving = null;
  };
  const flush = (): Promise<void> => {
    if (saving) {
      isDirty = true;
      return saving;
    }
    saving = save();
    return saving;
  };
  store.subscribe(() => void flush());
  return { flush };
}
