// Demo mode boots on the first chunk of the saved devices (persistence.ts, `progressive`), so the
// Devices page shows its first rows without waiting for 100,000 devices to come back from IndexedDB.
// Until they are all back, this handler, placed before every other one, holds back each request that
// needs the whole table; the few that do not (a page of the unfiltered, unsorted list that is already
// in, the templates, the settings) go on to their handlers at once. Once restored, the sort indexes
// are built in the background, and again after any change that dropped them.
import { http, type HttpHandler } from 'msw';
import { DPS_GLOBAL_ENDPOINT } from '../lib/dps-protocol';
import { isPageWithin } from './iotcentral/device-list';
import { restore, yieldToPage } from './store/persistence';
import type { DeviceTable } from './store/device-table';
import type { Store as AnyStore } from './store/store';

type Store = AnyStore<DeviceTable>;

/** How long the store must be quiet before the sort indexes are rebuilt. */
const INDEX_DELAY_MS = 500;

/**
 * Whether a request can be answered from the devices restored so far and the rest of the store: the
 * templates and settings, and a page of the unfiltered, unsorted list that is already in.
 */
export function canAnswerDuringRestore(request: Request, store: Store): boolean {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (/\/api\/(deviceTemplates(\/[^/]+)?|extensions\/settings|extensions\/demo)$/.test(url.pathname))
    return true;
  return /\/api\/devices$/.test(url.pathname) && isPageWithin(url, store.devices.size);
}

function keepSortIndexesWarm(store: Store): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const build = () => {
    timer = undefined;
    store
      .buildSortIndexes(yieldToPage)
      .catch((error: unknown) => console.warn('Could not index the demo devices.', error));
  };
  store.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(build, INDEX_DELAY_MS);
  });
  timer = setTimeout(build, INDEX_DELAY_MS);
}

/** Restores the saved demo data; returns the handler that holds requests back until it is all in. */
export async function restoreProgressively(store: Store): Promise<HttpHandler[]> {
  const { complete } = await restore(store, { progressive: true });
  let isComplete = false;
  void complete.then(() => {
    isComplete = true;
    keepSortIndexesWarm(store);
  });
  const hold = async ({ request }: { request: Request }) => {
    if (!isComplete && !canAnswerDuringRestore(request, store)) await complete;
  };
  return [http.all('*/api/*', hold), http.all(`${DPS_GLOBAL_ENDPOINT}/*`, hold)];
}
