// The import file check, off the main thread: a thin wrapper around parseImportFile. Started by
// check-import-file.ts with `new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' })`.
import { parseImportFile } from './parse-import-file';
import type { CsvWorkerMessage, CsvWorkerRequest } from './check-import-file';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null;
  postMessage(message: CsvWorkerMessage): void;
};

let lastProgress = -1;

scope.onmessage = (event) => {
  const { file, lowerCaseIds } = event.data;
  parseImportFile(file, {
    lowerCaseIds,
    onProgress: (fraction) => {
      // A message per percent is plenty.
      const percent = Math.floor(fraction * 100);
      if (percent === lastProgress) return;
      lastProgress = percent;
      scope.postMessage({ type: 'progress', fraction });
    },
  }).then(
    (result) => scope.postMessage({ type: 'done', result }),
    (error: unknown) =>
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
