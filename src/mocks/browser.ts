// Demo mode: the backend runs in the page through MSW's service worker, its state kept in IndexedDB.
import { setupWorker } from 'msw/browser';
import { createHandlers } from './handlers';
import { writeBarrier } from './http';
import { applyDemoControls } from './iotcentral/settings';
import { restoreProgressively } from './restore-gate';
import { handleWorkerUpdateCutShort } from './service-worker-update';
import { persistOnChange } from './store/persistence';
import { claimBackend, showOpenElsewhere } from './tab-ownership';
import { store } from './store/store';

const CONTROLS_KEY = 'iotc-demo-controls';

/**
 * Latency and faults from the URL (`?latency=50&faults=0.1&faultKinds=5xx,429,drop`), kept for the
 * rest of the browser session so that reloads keep them. The e2e tests use this switch.
 */
function applyControlsFromUrl(): void {
  const params = new URLSearchParams(location.search);
  const fromUrl: Record<string, unknown> = {};
  if (params.has('latency')) fromUrl.latencyMs = Number(params.get('latency'));
  if (params.has('faults')) fromUrl.faultRate = Number(params.get('faults'));
  if (params.has('faultKinds')) fromUrl.faultKinds = (params.get('faultKinds') ?? '').split(',').filter(Boolean);
  if (Object.keys(fromUrl).length > 0) sessionStorage.setItem(CONTROLS_KEY, JSON.stringify(fromUrl));
  const saved = sessionStorage.getItem(CONTROLS_KEY);
  if (!saved) return;
  try {
    applyDemoControls(JSON.parse(saved) as Record<string, unknown>);
  } catch (error) {
    console.warn('Ignoring the demo fault settings in the URL:', error instanceof Error ? error.message : error);
    sessionStorage.removeItem(CONTROLS_KEY);
  }
}

/**
 * Starts the demo backend in this tab if no other tab has it (tab-ownership.ts); resolves false, having
 * shown why, when another tab owns it.
 */
export async function startDemoBackend(): Promise<boolean> {
  const ownership = await claimBackend();
  if (!ownership.isOwner) {
    showOpenElsewhere(document.body, false);
    return false;
  }
  applyControlsFromUrl();
  // The first chunk of saved devices is enough for the first page; the gate holds the rest back.
  const restoreGate = await restoreProgressively(store);
  const { flush } = persistOnChange(store);
  writeBarrier.wait = flush;
  const worker = setupWorker(...restoreGate, ...createHandlers(store, { onReset: flush }));
  const workerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`;
  handleWorkerUpdateCutShort(new URL(workerUrl, location.href).href);
  await worker.start({
    quiet: true,
    serviceWorker: { url: workerUrl },
    // Fonts, scripts and other assets go to the network; only the API is mocked.
    onUnhandledFrame: 'bypass',
  });
  ownership.onLost(() => {
    // Another tab took over: stop answering here at once, and offer to take it back (after a reload).
    worker.stop();
    showOpenElsewhere(document.body, true);
  });
  return true;
}
