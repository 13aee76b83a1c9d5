// Long work in the page (the in-page demo backend's imports and exports, deriving thousands of device
// keys) gives the page's event loop a turn now and then, so that the page never freezes.

/** A slice of work gives the page a turn only once this much time has passed since the last turn. */
const TURN_EVERY_MS = 8;

/**
 * Whether slices of work give turns. The console server (Node) turns them off: there an import batch
 * runs in one go, so that it commits as one transaction, whole or not at all.
 */
export const turnScheduling = { givesTurns: true };

/**
 * Gives the page's event loop a turn at once. Awaiting WebCrypto does not: Chromium settles an HMAC
 * within the task that asked for it, so thousands of signatures would otherwise run as one long task.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // setTimeout(0) is clamped to 4 ms once nested; a message is not.
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener('message', () => {
      port1.close();
      resolve();
    });
    port1.start();
    port2.postMessage(null);
  });
}

/**
 * A `turn()` to await between slices of work: it yields to the event loop only when TURN_EVERY_MS
 * have passed since the last turn (a turn costs a task hop).
 */
export function createTurns(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (!turnScheduling.givesTurns || performance.now() - last < TURN_EVERY_MS) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
