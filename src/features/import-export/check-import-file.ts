// Checks an import file in a Web Worker (csv-worker.ts), so that a 100,000-row file never freezes the
// page; where module workers are missing (jsdom, old browsers) it runs the same core on the main thread,
// which still yields between chunks.
import { fatalValidation, type ImportValidation } from '../../lib/csv-import';
import { parseImportFile } from './parse-import-file';
import { unpackValidation, type CsvWorkerMessage, type CsvWorkerRequest } from './worker-protocol';

export interface CheckImportFileOptions {
  lowerCaseIds?: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The time budget of the check in the worker; past it, the worker is stopped and the file refused. */
  timeBudgetMs?: number;
}

/**
 * [inferred] A 64 MB file takes a few seconds in the worker; a check still running after a minute is
 * stuck (or the machine is), and the user is told so rather than left waiting.
 */
export const CHECK_TIME_BUDGET_MS = 60_000;

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module', name: 'csv-import' });
  } catch {
    return null;
  }
}

/** Resolves with the validation; rejects with an AbortError when `signal` aborts. */
export function checkImportFile(file: Blob, options: CheckImportFileOptions = {}): Promise<ImportValidation> {
  const { lowerCaseIds = false, onProgress, signal, timeBudgetMs = CHECK_TIME_BUDGET_MS } = options;
  const onMainThread = () => parseImportFile(file, { lowerCaseIds, onProgress, signal });
  const worker = startWorker();
  if (worker === null) return onMainThread();

  return new Promise<ImportValidation>((resolve, reject) => {
    let hasAnswered = false;
    const timer = setTimeout(() => {
      finish();
      resolve(
        fatalValidation({
          kind: 'too-slow',
          message: `The import file could not be checked within ${timeBudgetMs / 1000} seconds`,
          hint: 'Split it into smaller files (for example 50,000 devices each) and import them one after the other.',
        }),
      );
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
    worker.onmessage = (event: MessageEvent<CsvWorkerMessage>) => {
      hasAnswered = true;
      const message = event.data;
      if (message.type === 'progress') onProgress?.(message.fraction);
      else if (message.type === 'done') {
        finish();
        resolve(unpackValidation(message.result));
      } else {
        finish();
        reject(new Error(`Could not read the file: ${message.message}`));
      }
    };
    worker.onerror = (event) => {
      finish();
      // A worker that failed before answering (no module workers): do the work here instead.
      if (!hasAnswered) {
        event.preventDefault();
        onMainThread().then(resolve, reject);
      } else reject(new Error(`Could not read the file: ${event.message}`));
    };
    worker.postMessage({ file, lowerCaseIds } satisfies CsvWorkerRequest);
  });
}
