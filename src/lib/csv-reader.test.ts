import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceCsvRows } from '../testing/csv-reference';
import { createCsvReader, readCsv, type CsvEnd, type CsvRow } from './csv-reader';

function rowsOf(text: string, chunkChars?: number): { rows: Pick<CsvRow, 'fields' | 'line'>[]; end: CsvEnd } {
  const rows: Pick<CsvRow, 'fields' | 'line'>[] = [];
  const end = readCsv(text, ({ fields, line }) => void rows.push({ fields, line }), chunkChars);
  return { rows, end };
}

/** Reads `text` cut at the given offsets (sorted, within the text). */
function rowsCutAt(text: string, cuts: number[]): Pick<CsvRow, 'fields' | 'line'>[] {
  const rows: Pick<CsvRow, 'fields' | 'line'>[] = [];
  const reader = createCsvReader(({ fields, line }) => void rows.push({ fields, line }));
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    reader.push(text.slice(at, cut));
    at = cut;
  }
  reader.end();
  return rows;
}

describe('readCsv', () => {
  it('reads a first line ending in CRLF and later lines in LF as separate rows (issue 17)', () => {
    const { rows } = rowsOf('IOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,One\ndev-2,Two\n');
    expect(rows).toEqual([
      { fields: ['IOTC_DEVICEID', 'IOTC_DEVICENAME'], line: 1 },
      { fields: ['dev-1', 'One'], line: 2 },
      { fields: ['dev-2', 'Two'], line: 3 },
    ]);
  });

  it('takes CRLF, LF and a lone CR alike, in any mix, and counts each as one line', () => {
    expect(rowsOf('a\rb\r\nc\nd\n\re').rows).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['b'], line: 2 },
      { fields: ['c'], line: 3 },
      { fields: ['d'], line: 4 },
      { fields: [''], line: 5 },
      { fields: ['e'], line: 6 },
    ]);
  });

  it('keeps line breaks, commas and doubled quotes inside quoted values, and counts their lines', () => {
    const { rows } = rowsOf('id,name\r\n1,"a\r\nb\rc\nd"\n2,"say ""hi"", then go"\r3,x');
    expect(rows).toEqual([
      { fields: ['id', 'name'], line: 1 },
      { fields: ['1', 'a\r\nb\rc\nd'], line: 2 },
      { fields: ['2', 'say "hi", then go'], line: 6 },
      { fields: ['3', 'x'], line: 7 },
    ]);
  });

  it('a CR at the end of one chunk and an LF at the start of the next are one line break', () => {
    const text = 'a\r\nb\r\n"c\r\nd"\r\ne';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(rowsCutAt(text, [cut]), `cut at ${cut}`).toEqual([
        { fields: ['a'], line: 1 },
        { fields: ['b'], line: 2 },
        { fields: ['c\r\nd'], line: 3 },
        { fields: ['e'], line: 5 },
      ]);
    }
  });

  it('reports an unclosed quote with the line it opens on', () => {
    const { rows, end } = rowsOf('id\r\na\r\n"b\r\nc\nd');
    expect(end).toEqual({ unclosedQuoteLine: 3 });
    expect(rows.at(-1)).toEqual({ fields: ['b\r\nc\nd'], line: 3 });
  });

  it('flags text after a closing quote and keeps it', () => {
    const rows: CsvRow[] = [];
    readCsv('"ab"c,d\n', (row) => void rows.push(row));
    expect(rows).toEqual([{ fields: ['abc', 'd'], line: 1, errors: ['InvalidQuotes'] }]);
  });

  it('yields no row for an empty text or after a final line break, and an empty last field', () => {
    expect(rowsOf('').rows).toEqual([]);
    expect(rowsOf('a\r\n').rows).toEqual([{ fields: ['a'], line: 1 }]);
    expect(rowsOf('a,').rows).toEqual([{ fields: ['a', ''], line: 1 }]);
    expect(rowsOf('""').rows).toEqual([{ fields: [''], line: 1 }]);
  });

  it('stops when the row callback returns false', () => {
    const seen: string[] = [];
    readCsv('a\nb\nc\n', (row) => {
      seen.push(row.fields[0] ?? '');
      return seen.length < 2;
    });
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('readCsv, properties', () => {
  const newline = fc.constantFrom('\r\n', '\n', '\r');
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '😀', "'", '='), maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  /** Cut offsets anywhere in a text of `length` characters. */
  const cutsFor = (length: number) =>
    fc.uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 8 }).map((c) => c.sort((a, b) => a - b));

  it('reads back any rows written with any mix of line breaks, however the text is cut into chunks', () => {
    const file = fc
      .array(fc.tuple(fc.array(value, { minLength: 1, maxLength: 4 }), newline), {
        minLength: 1,
        maxLength: 12,
      })
      .chain((rows) => {
        let text = '';
        let line = 1;
        const expected: { fields: string[]; line: number }[] = [];
        for (const [fields, eol] of rows) {
          const written = fields.map((f) =>
            /[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f,
          );
          expected.push({ fields, line });
          text += written.join(',') + eol;
          line += 1 + fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g) ?? []).length, 0);
        }
        return fc.tuple(fc.constant(text), fc.constant(expected), cutsFor(text.length));
      });
    fc.assert(
      fc.property(file, ([text, expected, cuts]) => {
        expect(rowsCutAt(text, cuts)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the plain reference reader on any text, cut anywhere', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' '),
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), cutsFor(t.length))),
        ([t, cuts]) => {
          expect(rowsCutAt(t, cuts)).toEqual(referenceCsvRows(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
