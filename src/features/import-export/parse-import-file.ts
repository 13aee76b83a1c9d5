// The parsing core of the import dry run, without React and without a Worker, so tests run it as it
// is: decode the file as UTF-8, let papaparse cut it into rows in chunks, feed every row to the shared
// validator (lib/csv-import.ts) and yield to the event loop between chunks. csv-worker.ts runs it off
// the main thread; check-import-file.ts falls back to running it here when there is no Worker.
//
// Why decode first instead of Papa.parse(file): papaparse's FileStreamer reads byte slices with
// FileReader.readAsText, and a multi-byte UTF-8 character cut at a slice boundary turns into U+FFFD,
// which the validator would rightly report as "not UTF-8". Decoding the whole file (at most
// MAX_IMPORT_FILE_BYTES) is exact; the rows still stream through papaparse's `chunk` callback.
import Papa from 'papaparse';
import type { ParseResult, Parser } from 'papaparse';
import {
  createImportValidator,
  IMPORT_MAX_ROWS,
  IMPORT_PARSE_CONFIG,
  type ImportOptions,
  type ImportValidation,
  type RowParseError,
} from '../../lib/csv-import';

/** [inferred] 200,000 rows of the longest id (128) and name (148) with quotes: about 57 MB. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;
/** Characters per papaparse chunk: about 6,000 rows, a few tens of milliseconds of work. */
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
    return {
      fatal: {
        kind: 'too-many-rows',
        message: `The import file is ${megabytes(file.size)}, more than the ${megabytes(MAX_IMPORT_FILE_BYTES)} an import takes`,
        hint: `An import holds at most ${maxRows} devices: check that this is the right file, or split it.`,
      },
      rows: [],
      invalid: [],
      fixable: 0,
      lowerCased: 0,
      totalRows: 0,
    };
  }
  let text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (signal?.aborted) throw abortError();
  const validator = createImportValidator(validatorOptions);
  const total = Math.max(1, text.length);

  return new Promise<ImportValidation>((resolve, reject) => {
    // A string never fails to read, so papaparse's `error` callback (FileReader errors) has no use here.
    let isSettled = false;
    const settle = () => {
      if (isSettled) return;
      isSettled = true;
      if (signal?.aborted) reject(abortError());
      else {
        onProgress?.(1);
        resolve(validator.result());
      }
    };
    Papa.parse<string[]>(text, {
      ...IMPORT_PARSE_CONFIG,
      chunkSize: chunkChars,
      chunk(results: ParseResult<string[]>, parser: Parser) {
        const errorsByRow = new Map<number, RowParseError[]>();
        for (const error of results.errors) {
          if (typeof error.row !== 'number') continue;
          const list = errorsByRow.get(error.row);
          if (list) list.push(error);
          else errorsByRow.set(error.row, [error]);
        }
        const rows = results.data;
        for (let i = 0; i < rows.length && !validator.hasFatal(); i++)
          validator.addRow(rows[i] as string[], errorsByRow.get(i));
        if (validator.hasFatal() || signal?.aborted) {
          parser.abort();
          return;
        }
        onProgress?.(Math.min(1, results.meta.cursor / total));
        // Let the page (or the worker's message queue) breathe between chunks.
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete: settle,
    });
  });
}
