// IoT Central's bulk-import CSV (reference: dps-protocol.md §6, §7): a header row naming IOTC_DEVICEID
// and optionally IOTC_DEVICENAME (any case, any order, other columns ignored), comma-delimited,
// UTF-8 with or without BOM, any mix of CRLF, LF and CR. Pure code: the import worker feeds the rows of
// csv-reader.ts to createImportValidator, tests and small files use validateImportCsv. Whether an id
// already exists in the application is decided later, by the backend.
import Papa from 'papaparse';
import { readCsv, type CsvEnd, type CsvRow } from './csv-reader';
import { checkDeviceId, checkDeviceName } from './device-id';
import { guardFormula, unguardFormula } from './formula-guard';

export const IOTC_DEVICEID = 'IOTC_DEVICEID';
export const IOTC_DEVICENAME = 'IOTC_DEVICENAME';
export const NO_HEADER_MESSAGE = 'No IOTC_DEVICEID header found in import file';
/** [inferred] IoT Central documents no per-file limit; this mock stops at the 200,000 devices an app holds. */
export const IMPORT_MAX_ROWS = 200_000;

export type ImportFatalKind =
  'no-header' | 'binary' | 'not-utf8' | 'too-many-rows' | 'unclosed-quote' | 'too-large' | 'too-slow';

export interface ImportFatal {
  kind: ImportFatalKind;
  message: string;
  hint: string;
  /** The physical line that showed the problem, when there is one. */
  line?: number;
}

export interface ValidRow {
  /**
   * 1-based physical line in the file: the header is line 1 unless empty lines precede it; line breaks
   * inside quoted values count (CRLF, LF or a lone CR each as one).
   */
  line: number;
  id: string;
  name: string;
  /** The id as written in the file, when `lowerCaseIds` changed it. */
  changedFrom?: string;
}

export interface InvalidRow {
  line: number;
  /** The id and name as written in the file ('' when absent), so the annotated file can be fixed and re-imported. */
  id: string;
  name: string;
  reasons: string[];
}

export interface ImportValidation {
  fatal?: ImportFatal;
  rows: ValidRow[];
  invalid: InvalidRow[];
  /** Invalid rows whose only problem is upper case, which `lowerCaseIds: true` would make valid. */
  fixable: number;
  /** Rows whose id `lowerCaseIds: true` lower-cased (see `changedFrom`). */
  lowerCased: number;
  /** Non-empty data rows: rows.length + invalid.length. 0 when fatal. */
  totalRows: number;
}

export interface ImportOptions {
  /** Apply the upper-case fix instead of rejecting the row. */
  lowerCaseIds?: boolean;
  maxRows?: number;
}

export interface ImportValidator {
  /** Feed every row the CSV reader yields, in file order, empty rows included. */
  addRow(row: Pick<CsvRow, 'fields' | 'line'> & Partial<Pick<CsvRow, 'errors'>>): void;
  /** What the reader said at the end of the text (an unclosed quote is fatal). */
  endOfFile(end: CsvEnd): void;
  /** True once the file is rejected as a whole: the caller should stop parsing. */
  hasFatal(): boolean;
  result(): ImportValidation;
}

const HEADER_HINT = 'The first row must name the columns, e.g. IOTC_DEVICEID,IOTC_DEVICENAME.';
const UTF8_HINT = 'Save it as "CSV UTF-8 (comma delimited)".';
const INVALID_QUOTES_REASON =
  'A quoted value has text after its closing quote: double the quotes inside it ("").';
const OTHER_DELIMITERS = [';', '\t', '|'] as const;

function isBlankRow(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

function delimiterHint(fields: readonly string[]): string {
  for (const d of OTHER_DELIMITERS) {
    const looksSplit =
      (fields.length === 1 && (fields[0] ?? '').includes(d)) ||
      fields.some((f) =>
        f.split(d).some((t) => t.trim().replace(/^"|"$/g, '').toLowerCase() === 'iotc_deviceid'),
      );
    if (looksSplit) {
      return `The file seems to use ${d === '\t' ? 'tabs' : `'${d}'`} as its delimiter: save it with commas.`;
    }
  }
  return HEADER_HINT;
}

function encodingFatal(fields: readonly string[], line: number): ImportFatal | null {
  let hasNul = false;
  for (const field of fields) if (field.indexOf('\u0000') >= 0) hasNul = true;
  if (!hasNul) return null;
  const text = fields.join(',').replaceAll('\u0000', '');
  const hint = /iotc_deviceid/i.test(text)
    ? `The file seems to be saved as UTF-16 ("Unicode text"). ${UTF8_HINT}`
    : `Line ${line} contains binary data (NUL bytes), not text. Choose a .csv file. ${UTF8_HINT}`;
  return { kind: 'binary', message: 'The import file is not a CSV text file', hint, line };
}

/** The 1-based line of the byte at `offset`, counting CRLF, LF and a lone CR as one line break each. */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes an import file's bytes as UTF-8 (without its BOM). Bytes that are not UTF-8 are a fatal
 * error naming their line; a U+FFFD written in the file is an ordinary character.
 */
export function decodeImportBytes(bytes: Uint8Array): { text: string } | { fatal: ImportFatal } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      const line = lineAtByte(bytes, nul);
      const lenient = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replaceAll('\uFFFD', '');
      const binary = encodingFatal([lenient], line);
      if (binary !== null) return { fatal: binary };
    }
    const line = lineAtByte(bytes, Math.max(0, firstInvalidUtf8(bytes)));
    return {
      fatal: {
        kind: 'not-utf8',
        message: 'The import file is not valid UTF-8 text',
        hint: `Line ${line} has bytes that are not UTF-8 (for example accents saved as Windows-1252). ${UTF8_HINT}`,
        line,
      },
    };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** A validation that is only a fatal error. */
export function fatalValidation(fatal: ImportFatal): ImportValidation {
  return { fatal, rows: [], invalid: [], fixable: 0, lowerCased: 0, totalRows: 0 };
}

export function createImportValidator(options: ImportOptions = {}): ImportValidator {
  const lowerCaseIds = options.lowerCaseIds === true;
  const maxRows = options.maxRows ?? IMPORT_MAX_ROWS;
  const rows: ValidRow[] = [];
  const invalid: InvalidRow[] = [];
  const firstLineOf = new Map<string, number>();
  let fatal: ImportFatal | undefined;
  let idIndex = -1;
  let nameIndex = -1;
  let columnCount = 0;
  let hasHeader = false;
  let fixable = 0;
  let lowerCased = 0;

  function readHeader(fields: readonly string[], line: number): void {
    hasHeader = true;
    columnCount = fields.length;
    for (let i = 0; i < fields.length; i++) {
      let label = fields[i] ?? '';
      if (i === 0 && label.charCodeAt(0) === 0xfeff) label = label.slice(1);
      label = label.trim().toUpperCase();
      if (label === IOTC_DEVICEID && idIndex < 0) idIndex = i;
      else if (label === IOTC_DEVICENAME && nameIndex < 0) nameIndex = i;
    }
    if (idIndex < 0)
      fatal = { kind: 'no-header', message: NO_HEADER_MESSAGE, hint: delimiterHint(fields), line };
  }

  function readRow(fields: readonly string[], line: number, hasQuoteError: boolean): void {
    const rawId = unguardFormula(fields[idIndex] ?? '');
    const rawName = nameIndex >= 0 ? unguardFormula(fields[nameIndex] ?? '') : '';
    let reasons: string[] | null = null;
    let id = rawId;
    let key: string | null = rawId;
    let isOnlyUpperCase = false;

    if (idIndex >= fields.length) {
      reasons = [
        `${IOTC_DEVICEID} is missing: the row has ${fields.length} value${fields.length === 1 ? '' : 's'}, the header ${columnCount}.`,
      ];
      key = null;
    } else {
      const problem = checkDeviceId(rawId);
      if (problem !== null) {
        if (problem.kind === 'upper-case') {
          key = problem.fix;
          if (lowerCaseIds) id = problem.fix;
          else {
            reasons = [problem.message];
            isOnlyUpperCase = true;
          }
        } else if (problem.kind === 'empty') {
          reasons = ['The device ID is empty.'];
          key = null;
        } else {
          reasons = [problem.message];
          key = rawId.toLowerCase();
        }
      }
    }
    const hasName = rawName !== '' && rawName.trim() !== '';
    if (hasName) {
      const nameProblem = checkDeviceName(rawName);
      if (nameProblem !== null) (reasons ??= []).push(nameProblem);
    }
    if (fields.length > columnCount) {
      for (let i = columnCount; i < fields.length; i++) {
        if ((fields[i] ?? '').trim() === '') continue;
        (reasons ??= []).push(
          `The row has ${fields.length} values but the header names ${columnCount} columns: quote values that contain commas.`,
        );
        break;
      }
    }
    if (hasQuoteError) (reasons ??= []).push(INVALID_QUOTES_REASON);
    if (key !== null) {
      const first = firstLineOf.get(key);
      if (first === undefined) firstLineOf.set(key, line);
      else (reasons ??= []).push(`Device ID "${rawId}" already appears on line ${first}.`);
    }

    if (reasons === null) {
      const name = hasName ? rawName : id;
      if (id !== rawId) {
        lowerCased++;
        rows.push({ line, id, name, changedFrom: rawId });
      } else rows.push({ line, id, name });
    } else {
      if (isOnlyUpperCase && reasons.length === 1) fixable++;
      invalid.push({ line, id: rawId, name: rawName, reasons });
    }
  }

  return {
    addRow({ fields, line, errors }) {
      if (fatal !== undefined) return;
      const first = fields[0] ?? '';
      if ((first === '' || first.trim() === '') && isBlankRow(fields)) return;
      const encoding = encodingFatal(fields, line);
      if (encoding !== null) {
        fatal = encoding;
        return;
      }
      if (!hasHeader) {
        readHeader(fields, line);
        return;
      }
      if (rows.length + invalid.length >= maxRows) {
        fatal = {
          kind: 'too-many-rows',
          message: `The import file has more than ${maxRows.toLocaleString('en-US')} devices`,
          hint: `An application holds at most ${maxRows.toLocaleString('en-US')} devices: split the file.`,
          line,
        };
        return;
      }
      readRow(fields, line, errors !== undefined && errors.length > 0);
    },
    endOfFile({ unclosedQuoteLine }) {
      if (fatal !== undefined || unclosedQuoteLine === undefined) return;
      fatal = {
        kind: 'unclosed-quote',
        message: `The import file has an unclosed quote starting at line ${unclosedQuoteLine}`,
        hint: `The double quote (") that opens a value on line ${unclosedQuoteLine} is never closed, so the rest of the file reads as one value. Close it, or write a quote inside a value twice ("").`,
        line: unclosedQuoteLine,
      };
    },
    hasFatal() {
      return fatal !== undefined;
    },
    result() {
      if (fatal === undefined && !hasHeader) {
        fatal = { kind: 'no-header', message: NO_HEADER_MESSAGE, hint: `The file is empty. ${HEADER_HINT}` };
      }
      if (fatal !== undefined)
        return { fatal, rows: [], invalid: [], fixable: 0, lowerCased: 0, totalRows: 0 };
      return { rows, invalid, fixable, lowerCased, totalRows: rows.length + invalid.length };
    },
  };
}

/** "Thermostat-1 → thermostat-1" for a row whose id `lowerCaseIds` changed, otherwise null. */
export function describeIdChange(row: ValidRow): string | null {
  return row.changedFrom === undefined ? null : `${row.changedFrom} → ${row.id}`;
}

/**
 * Validates a whole file held as a string (no encoding to check) or as its bytes (decoded as the import
 * does): tests and small files. Large files go through a worker.
 */
export function validateImportCsv(
  file: string | Uint8Array,
  options?: ImportOptions & { chunkChars?: number },
): ImportValidation {
  let text: string;
  if (typeof file === 'string') text = file.charCodeAt(0) === 0xfeff ? file.slice(1) : file;
  else {
    const decoded = decodeImportBytes(file);
    if ('fatal' in decoded) return fatalValidation(decoded.fatal);
    text = decoded.text;
  }
  const validator = createImportValidator(options);
  const end = readCsv(
    text,
    (row) => {
      validator.addRow(row);
      return !validator.hasFatal();
    },
    options?.chunkChars,
  );
  validator.endOfFile(end);
  return validator.result();
}

/** The rows that failed, as a CSV to download, fix and import again (BOM, CRLF, formula guard on text). */
export function annotatedInvalidCsv(invalid: readonly InvalidRow[]): string {
  const data = invalid.map((row) => [
    guardFormula(row.id),
    guardFormula(row.name),
    String(row.line),
    guardFormula(row.reasons.join(' ')),
  ]);
  const csv = Papa.unparse(
    { fields: [IOTC_DEVICEID, IOTC_DEVICENAME, 'LINE', 'ERROR'], data },
    { newline: '\r\n', escapeFormulae: false },
  );
  return csv.endsWith('\r\n') ? `\uFEFF${csv}` : `\uFEFF${csv}\r\n`;
}
