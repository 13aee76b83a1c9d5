// The import file check, off the main thread: a thin wrapper around parseImportFile. Started by
// check-import-file.ts with `new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' })`.
import { parseImportFile } from './parse-import-file';
import { packValidation, type CsvWorkerMessage, type CsvWorkerRequest } from './worker-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null;
  postMessage(message: CsvWorkerMessage, transfer?: Transferable[]): void;
};

let lastPostedAt = 0;

scope.onmessage = (event) => {
  const { file, lowerCaseIds } = event.data;
  parseImportFile(file, {
    lowerCaseIds,
    onProgress: (fraction) => {
      // Ten updates a second are plenty for a progress bar, and spare the page as many renders.
      const now = performance.now();
      if (now - lastPostedAt < 100) return;
      lastPostedAt = now;
      scope.postMessage({ type: 'progress', fraction });
    },
  }).then(
    (validation) => {
      const result = packValidation(validation);
      scope.postMessage({ type: 'done', result }, [result.lines.buffer, result.changedAt.buffer]);
    },
    (error: unknown) =>
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
