// Demo mode: the backend runs in the page through MSW's service worker, its state kept in IndexedDB.
import { setupWorker } from 'msw/browser';
import { createHandlers } from './handlers';
import { persistOnChange, restore } from './store/persistence';
import { store } from './store/store';

export async function startDemoBackend(): Promise<void> {
  await restore(store);
  const { flush } = persistOnChange(store);
  const worker = setupWorker(...createHandlers(store, { onReset: flush }));
  await worker.start({
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // Fonts, scripts and other assets go to the network; only the API is mocked.
    onUnhandledFrame: 'bypass',
  });
}
