// MSW re-checks its service worker on every start (`registration.update()` in msw/browser's
// getWorkerInstance) and leaves the promise unhandled. When that check is cut short (a reload or a
// navigation while it runs, or a registration another tab just replaced) the browser rejects it with
// "Failed to update a ServiceWorker for scope (…) with script (…/mockServiceWorker.js): Not found", and
// the page reported an uncaught error although the worker in place keeps answering. The next start
// checks again, so this one rejection, and only it, is handled here.

/** Whether an unhandled rejection is the cut-short update check of the demo's own service worker. */
export function isWorkerUpdateCutShort(reason: unknown, workerUrl: string): boolean {
  if (!(reason instanceof Error) && !(typeof DOMException !== 'undefined' && reason instanceof DOMException)) return false;
  const { message } = reason as Error;
  return message.startsWith('Failed to update a ServiceWorker') && message.includes(workerUrl);
}

/** Handles the cut-short update check of `workerUrl` (absolute) for the page's lifetime. */
export function handleWorkerUpdateCutShort(workerUrl: string): void {
  window.addEventListener('unhandledrejection', (event) => {
    if (isWorkerUpdateCutShort(event.reason, workerUrl)) event.preventDefault();
  });
}
