// The parsing core of the import dry run, without React and without a Worker, so tests run it as it
// is: decode the file as UTF-8, let the CSV reader (lib/csv-reader.ts) cut it into rows in chunks, feed
// every row to the shared validator (lib/csv-import.ts) and yield to the event loop between chunks.
// csv-worker.ts runs it off the main thread; check-import-file.ts falls back to running it here when
// there is no Worker.
//
// Why decode first instead of reading byte slices: a multi-byte UTF-8 character cut at a slice boundary
// would turn into U+FFFD, which the validator would rightly report as "not UTF-8". Decoding the whole
// file (at most MAX_IMPORT_FILE_BYTES) is exact; the rows still stream through the reader in chunks.
import { createCsvReader } from '../../lib/csv-reader';
import {
  createImportValidator,
  decodeImportBytes,
  fatalValidation,
  IMPORT_MAX_ROWS,
  type ImportOptions,
  type ImportValidation,
} from '../../lib/csv-import';

/** [inferred] 200,000 rows of the longest id (128) and name (148) with quotes: about 57 MB. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;
/** Characters per chunk: about 6,000 rows, a few milliseconds of work. */
export const PARSE_CHUNK_CHARS = 256 * 1024;

export interface ParseImportOptions extends ImportOptions {
  /** Called after each chunk with the share of the file read, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  chunkChars?: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function abortError(): DOMException {
  return new DOMException('The file check was cancelled.', 'AbortError');
}

/** Resolves with the validation (a fatal one for a file that is not an import file); rejects only when aborted. */
export async function parseImportFile(
  file: Blob,
  options: ParseImportOptions = {},
): Promise<ImportValidation> {
  const { onProgress, signal, chunkChars = PARSE_CHUNK_CHARS, ...validatorOptions } = options;
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    const maxRows = (validatorOptions.maxRows ?? IMPORT_MAX_ROWS).toLocaleString('en-US');
    return fatalValidation({
      kind: 'too-large',
      message: `The import file is ${megabytes(file.size)}, more than the ${megabytes(MAX_IMPORT_FILE_BYTES)} an import takes`,
      hint: `An import holds at most ${maxRows} devices: check that this is the right file, or split it.`,
    });
  }
  const decoded = decodeImportBytes(new Uint8Array(await file.arrayBuffer()));
  if ('fatal' in decoded) return fatalValidation(decoded.fatal);
  const { text } = decoded;
  if (signal?.aborted) throw abortError();
  const validator = createImportValidator(validatorOptions);
  const total = Math.max(1, text.length);

  const reader = createCsvReader((row) => {
    validator.addRow(row);
    return !validator.hasFatal();
  });
  for (let at = 0; at < text.length && !validator.hasFatal(); at += chunkChars) {
    reader.push(text.slice(at, at + chunkChars));
    onProgress?.(Math.min(1, (at + chunkChars) / total));
    // Let the page (or the worker's message queue) breathe between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) throw abortError();
  }
  validator.endOfFile(reader.end());
  onProgress?.(1);
  return validator.result();
}
