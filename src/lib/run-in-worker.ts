// One job in a Web Worker, with a time budget: the page's way to do heavy work on a file a user picked
// (csv-worker.ts for imports, certificate-worker.ts for certificates) without a long task on the main
// thread. Where module workers are missing (jsdom, old browsers) the same work runs on the main thread.

export interface RunInWorkerOptions<Request, Message, Result> {
  /** Starts the worker: `new Worker(new URL('./x-worker.ts', import.meta.url), { type: 'module' })`. */
  start: () => Worker;
  request: Request;
  /** Reads a message: the result when it is the last one, an Error when the work failed, else undefined. */
  onMessage: (message: Message) => { result: Result } | Error | undefined;
  /** The same work on the main thread, where no worker can start. */
  onMainThread: () => Promise<Result>;
  /** Past this, the worker is stopped and the answer is `onTimeout()`. */
  timeBudgetMs: number;
  onTimeout: () => Result;
  /** Aborting stops the worker and rejects with an AbortError. */
  signal?: AbortSignal;
}

export function runInWorker<Request, Message, Result>({
  start,
  request,
  onMessage,
  onMainThread,
  timeBudgetMs,
  onTimeout,
  signal,
}: RunInWorkerOptions<Request, Message, Result>): Promise<Result> {
  let worker: Worker;
  try {
    if (typeof Worker === 'undefined') return onMainThread();
    worker = start();
  } catch {
    return onMainThread();
  }

  return new Promise<Result>((resolve, reject) => {
    let hasAnswered = false;
    const timer = setTimeout(() => {
      finish();
      resolve(onTimeout());
    }, timeBudgetMs);
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
      signal?.removeEventListener('abort', handleAbort);
    };
    function handleAbort() {
      finish();
      reject(new DOMException('The file check was cancelled.', 'AbortError'));
    }
    signal?.addEventListener('abort', handleAbort, { once: true });
    worker.onmessage = (event: MessageEvent<Message>) => {
      hasAnswered = true;
      const outcome = onMessage(event.data);
      if (outcome === undefined) return;
      finish();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome.result);
    };
    worker.onerror = (event) => {
      finish();
      // A worker that failed before answering (no module workers): do the work here instead.
      if (!hasAnswered) {
        event.preventDefault();
        onMainThread().then(resolve, reject);
      } else reject(new Error(`Could not read the file: ${event.message}`));
    };
    worker.postMessage(request);
  });
}
