// Checks an import file in a Web Worker (csv-worker.ts, through lib/run-in-worker.ts), so that a
// 100,000-row file never freezes the page; where module workers are missing (jsdom, old browsers) it
// runs the same core on the main thread, which still yields between chunks.
import { fatalValidation, type ImportValidation } from '../../lib/csv-import';
import { runInWorker } from '../../lib/run-in-worker';
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

/** Resolves with the validation; rejects with an AbortError when `signal` aborts. */
export function checkImportFile(file: Blob, options: CheckImportFileOptions = {}): Promise<ImportValidation> {
  const { lowerCaseIds = false, onProgress, signal, timeBudgetMs = CHECK_TIME_BUDGET_MS } = options;
  return runInWorker<CsvWorkerRequest, CsvWorkerMessage, ImportValidation>({
    start: () =>
      new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module', name: 'csv-import' }),
    request: { file, lowerCaseIds },
    onMessage: (message) => {
      if (message.type === 'progress') onProgress?.(message.fraction);
      else if (message.type === 'done') return { result: unpackValidation(message.result) };
      else return new Error(`Could not read the file: ${message.message}`);
      return undefined;
    },
    onMainThread: () => parseImportFile(file, { lowerCaseIds, onProgress, signal }),
    timeBudgetMs,
    onTimeout: () =>
      fatalValidation({
        kind: 'too-slow',
        message: `The import file could not be checked within ${timeBudgetMs / 1000} seconds`,
        hint: 'Split it into smaller files (for example 50,000 devices each) and import them one after the other.',
      }),
    signal,
  });
}
