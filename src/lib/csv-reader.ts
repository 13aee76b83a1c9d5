// A streaming CSV reader (RFC 4180) that takes every line break as it comes: CRLF, LF and a lone CR
// each end a row, in any mix, anywhere in the file, and however the text is cut into chunks (a CR at
// the end of one chunk and an LF at the start of the next are one line break). A quoted value keeps
// its line breaks as written. Each row carries the physical line it starts on, counted the same way.
//
// Why not papaparse: it guesses one line break per file from the first chunk, so a file whose first
// line ends in CRLF and later lines in LF merged rows (issue 17), and a lone CR ending a value was lost.
// Pure code: the import worker, the tests and the demo backend use it alike.

export type CsvRowErrorCode = 'InvalidQuotes';

export interface CsvRow {
  fields: string[];
  /** 1-based physical line the row starts on. */
  line: number;
  /** Problems with quotes in this row (text after a closing quote). */
  errors: CsvRowErrorCode[];
}

export interface CsvEnd {
  /** The line of an opening quote that is never closed: everything after it was read as one value. */
  unclosedQuoteLine?: number;
}

export interface CsvReader {
  /** Reads the next piece of the text. Ignored once a row callback returned false. */
  push(chunk: string): void;
  /** Ends the text: yields the last row, if the text does not end with a line break. */
  end(): CsvEnd;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

const enum Mode {
  /** At the start of a field: a quote here opens a quoted value. */
  FieldStart,
  Unquoted,
  Quoted,
  /** In a quoted value, just after a quote: a second quote is a literal one, anything else closes it. */
  QuoteInQuoted,
}

/** `onRow` returns false to stop reading (a fatal problem was found). */
export function createCsvReader(onRow: (row: CsvRow) => boolean | undefined): CsvReader {
  let mode = Mode.FieldStart;
  let fields: string[] = [];
  let errors: CsvRowErrorCode[] = [];
  /** The current value's text from earlier chunks (and from doubled quotes). */
  let carry = '';
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let isRowEmpty = true;
  /** The previous chunk ended in a CR: an LF that starts this one belongs to it. */
  let isAfterCr = false;
  /** The previous chunk ended in a CR inside a quoted value: an LF that starts this one belongs to it. */
  let isAfterCrInQuote = false;
  let isStopped = false;

  function endRow(): void {
    const row: CsvRow = { fields, line: rowLine, errors };
    fields = [];
    errors = [];
    isRowEmpty = true;
    mode = Mode.FieldStart;
    if (onRow(row) === false) isStopped = true;
  }

  return {
    push(s) {
      if (isStopped || s.length === 0) return;
      let i = 0;
      const n = s.length;
      if (isAfterCr) {
        isAfterCr = false;
        if (s.charCodeAt(0) === LF) i = 1;
      }
      let start = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        switch (mode) {
          case Mode.FieldStart:
            if (isRowEmpty) {
              rowLine = line;
              isRowEmpty = false;
            }
            if (c === QUOTE) {
              mode = Mode.Quoted;
              quoteLine = line;
              start = i + 1;
              i++;
              continue;
            }
            // This character is the value's first: read it as such.
            mode = Mode.Unquoted;
            start = i;
            continue;
          case Mode.Unquoted: {
            // Scan to the next comma or line break.
            let j = i;
            let d = c;
            while (d !== COMMA && d !== CR && d !== LF) {
              j++;
              if (j >= n) break;
              d = s.charCodeAt(j);
            }
            if (j >= n) {
              carry += s.slice(start, n);
              i = n;
              continue;
            }
            fields.push(carry + s.slice(start, j));
            carry = '';
            i = j + 1;
            if (d === COMMA) {
              mode = Mode.FieldStart;
              continue;
            }
            line++;
            if (d === CR) {
              if (i < n) {
                if (s.charCodeAt(i) === LF) i++;
              } else isAfterCr = true;
            }
            endRow();
            if (isStopped) return;
            continue;
          }
          case Mode.Quoted: {
            // Up to the next quote, counting the line breaks kept inside the value.
            let j = i;
            let d = c;
            while (d !== QUOTE) {
              if (d === LF) {
                if (j === 0 ? !isAfterCrInQuote : s.charCodeAt(j - 1) !== CR) line++;
              } else if (d === CR) line++;
              j++;
              if (j >= n) break;
              d = s.charCodeAt(j);
            }
            isAfterCrInQuote = false;
            if (j >= n) {
              carry += s.slice(start, n);
              isAfterCrInQuote = s.charCodeAt(n - 1) === CR;
              i = n;
              continue;
            }
            carry += s.slice(start, j);
            mode = Mode.QuoteInQuoted;
            i = j + 1;
            continue;
          }
          case Mode.QuoteInQuoted:
            if (c === QUOTE) {
              carry += '"';
              mode = Mode.Quoted;
              start = i + 1;
              i++;
              continue;
            }
            if (c === COMMA || c === CR || c === LF) {
              // Closed: the comma or line break ends the field as in an unquoted value.
              mode = Mode.Unquoted;
              start = i;
              continue;
            }
            // Text after the closing quote: keep it, as part of the value, and say so.
            if (!errors.includes('InvalidQuotes')) errors.push('InvalidQuotes');
            mode = Mode.Unquoted;
            start = i;
            continue;
        }
      }
    },
    end() {
      if (isStopped) return {};
      isAfterCr = false;
      if (mode === Mode.Quoted) {
        const unclosedQuoteLine = quoteLine;
        fields.push(carry);
        carry = '';
        endRow();
        return { unclosedQuoteLine };
      }
      if (!isRowEmpty) {
        fields.push(carry);
        carry = '';
        endRow();
      }
      return {};
    },
  };
}

/** Reads a whole text (no BOM) row by row, in chunks of `chunkChars` when given (tests, small files). */
export function readCsv(
  text: string,
  onRow: (row: CsvRow) => boolean | undefined,
  chunkChars: number = text.length,
): CsvEnd {
  const reader = createCsvReader(onRow);
  const step = Math.max(1, chunkChars);
  for (let at = 0; at < text.length; at += step) reader.push(text.slice(at, at + step));
  return reader.end();
}
