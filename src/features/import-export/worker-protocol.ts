// The messages between the page and csv-worker.ts.
import type { ImportValidation, ValidRow } from '../../lib/csv-import';

export interface CsvWorkerRequest {
  file: Blob;
  lowerCaseIds: boolean;
}

/**
 * A validation as the worker sends it: the valid rows as columns (a few strings and a transferable
 * array) rather than 100,000 objects, which the page would spend a long task deserialising.
 */
export interface PackedValidation extends Omit<ImportValidation, 'rows'> {
  ids: string;
  names: string;
  lines: Int32Array<ArrayBuffer>;
  /** Row indexes whose id was lower-cased, and the ids as written. */
  changedAt: Int32Array<ArrayBuffer>;
  changedFrom: string;
}

export type CsvWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: PackedValidation }
  | { type: 'error'; message: string };

/** NUL never occurs in a valid row: the validator rejects a file that holds one. */
const SEPARATOR = '\u0000';

export function packValidation({ rows, ...rest }: ImportValidation): PackedValidation {
  const lines = new Int32Array(rows.length);
  const changed: number[] = [];
  const ids: string[] = new Array<string>(rows.length);
  const names: string[] = new Array<string>(rows.length);
  rows.forEach((row, i) => {
    lines[i] = row.line;
    ids[i] = row.id;
    names[i] = row.name;
    if (row.changedFrom !== undefined) changed.push(i);
  });
  return {
    ...rest,
    ids: ids.join(SEPARATOR),
    names: names.join(SEPARATOR),
    lines,
    changedAt: Int32Array.from(changed),
    changedFrom: changed.map((i) => rows[i]?.changedFrom ?? '').join(SEPARATOR),
  };
}

export function unpackValidation({
  ids,
  names,
  lines,
  changedAt,
  changedFrom,
  ...rest
}: PackedValidation): ImportValidation {
  const idList = lines.length > 0 ? ids.split(SEPARATOR) : [];
  const nameList = lines.length > 0 ? names.split(SEPARATOR) : [];
  const rows: ValidRow[] = new Array<ValidRow>(lines.length);
  for (let i = 0; i < lines.length; i++)
    rows[i] = { line: lines[i] as number, id: idList[i] as string, name: nameList[i] as string };
  const originals = changedAt.length > 0 ? changedFrom.split(SEPARATOR) : [];
  changedAt.forEach((index, k) => {
    const row = rows[index];
    if (row) row.changedFrom = originals[k];
  });
  return { ...rest, rows };
}
