// Browser only: keeps the demo store in IndexedDB so the demo survives reloads.
import { del, get, set } from 'idb-keyval';
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

export function persistOnChange(store: Store): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      set(KEY, store.snapshot()).catch((error: unknown) => console.warn('Could not save the demo data.', error));
    }, 250);
  });
}

export function forget(): Promise<void> {
  return del(KEY);
}
