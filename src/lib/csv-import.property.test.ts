// Property tests for the CSV importer with structured generators: files built like real exports
// (headers in any order and case, BOM, CRLF/LF/CR, quoting), rows with near-valid device IDs and
// hostile names, then damaged (cut off, a stray quote, a NUL, another delimiter). The importer must
// never throw, must account for every row with a reason an operator can act on, and must agree
// with the device ID rule row by row.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { checkDeviceId, checkDeviceName, DEVICE_ID_MAX_LENGTH } from './device-id';
import { DEVICE_NAME_MAX_LENGTH } from './names';
import { annotatedInvalidCsv, validateImportCsv, type ImportValidation } from './csv-import';
import { unguardFormula } from './formula-guard';

const validId = fc.stringMatching(/^[a-z0-9-]{1,24}$/);

/** A valid ID with one thing wrong, as people type them: upper case, a space, an underscore, too long... */
const nearValidId = fc.oneof(
  validId,
  fc.tuple(validId, fc.nat()).map(([id, at]) => {
    const i = at % id.length;
    return id.slice(0, i) + id.charAt(i).toUpperCase() + id.slice(i + 1);
  }),
  fc
    .tuple(
      validId,
      fc.nat(),
      fc.constantFrom(' ', '_', '.', '/', 'é', '😀', '\t', '"', ',', "'", '\u200b', '\n', '#'),
    )
    .map(([id, at, c]) => id.slice(0, at % (id.length + 1)) + c + id.slice(at % (id.length + 1))),
  fc.constantFrom('', ' ', '   ', '-', '=cmd', '+1', '@SUM(A1)'),
  fc.integer({ min: DEVICE_ID_MAX_LENGTH - 1, max: DEVICE_ID_MAX_LENGTH + 2 }).map((n) => 'a'.repeat(n)),
);

const name = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    "=cmd|' /C calc'!A0",
    '"quoted", with comma',
    'line\nbreak',
    '  ',
    "'=already guarded",
  ),
  fc.integer({ min: DEVICE_NAME_MAX_LENGTH - 1, max: DEVICE_NAME_MAX_LENGTH + 2 }).map((n) => 'n'.repeat(n)),
);

/** IOTC_DEVICEID and IOTC_DEVICENAME in any order and case, padded, with other columns around them. */
const header = fc
  .tuple(
    fc.shuffledSubarray(['ID', 'NAME', 'EXTRA1', 'EXTRA2'], { minLength: 1 }),
    fc.boolean(),
    fc.constantFrom('', ' ', '  '),
  )
  .filter(([columns]) => columns.includes('ID'))
  .map(([columns, lower, pad]) =>
    columns.map((c) => {
      const label = c === 'ID' ? 'IOTC_DEVICEID' : c === 'NAME' ? 'IOTC_DEVICENAME' : c.toLowerCase();
      return pad + (lower ? label.toLowerCase() : label) + pad;
    }),
  );

interface GeneratedFile {
  columns: string[];
  /** Columns other than IOTC_DEVICEID and IOTC_DEVICENAME, filled with "x": no row is blank then. */
  hasExtraColumns: boolean;
  rows: { id: string; name: string }[];
  text: string;
}

const wellFormedFile: fc.Arbitrary<GeneratedFile> = fc
  .tuple(
    header,
    fc.array(fc.record({ id: nearValidId, name }), { maxLength: 25 }),
    fc.constantFrom('\r\n', '\n'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([columns, rows, newline, bom, trailingNewline]) => {
    const idAt = columns.findIndex((c) => c.trim().toUpperCase() === 'IOTC_DEVICEID');
    const nameAt = columns.findIndex((c) => c.trim().toUpperCase() === 'IOTC_DEVICENAME');
    const data = rows.map(({ id, name: n }) =>
      columns.map((_, i) => (i === idAt ? id : i === nameAt ? n : 'x')),
    );
    const csv = Papa.unparse({ fields: columns, data }, { newline });
    return {
      columns,
      hasExtraColumns: columns.some((_, i) => i !== idAt && i !== nameAt),
      rows: nameAt < 0 ? rows.map((r) => ({ ...r, name: '' })) : rows,
      text: (bom ? '\uFEFF' : '') + csv + (trailingNewline ? newline : ''),
    };
  });

/** The same files, damaged in the ways real files are. */
const damagedFile = fc
  .tuple(
    wellFormedFile,
    fc.nat(),
    fc.constantFrom(
      'cut',
      'stray-quote',
      'nul',
      'replacement-char',
      'semicolons',
      'tabs',
      'lone-cr',
      'drop-header',
      'extra-comma',
    ),
  )
  .map(([file, position, damage]) => {
    const at = position % (file.text.length + 1);
    const { text } = file;
    switch (damage) {
      case 'cut':
        return text.slice(0, at);
      case 'stray-quote':
        return `${text.slice(0, at)}"${text.slice(at)}`;
      case 'nul':
        return `${text.slice(0, at)}\u0000${text.slice(at)}`;
      case 'replacement-char':
        return `${text.slice(0, at)}\uFFFD${text.slice(at)}`;
      case 'semicolons':
        return text.replaceAll(',', ';');
      case 'tabs':
        return text.replaceAll(',', '\t');
      case 'lone-cr':
        return text.replaceAll('\r\n', '\r');
      case 'drop-header':
        return text.slice(text.search(/\r?\n|$/) + 1);
      default:
        return `${text.slice(0, at)},${text.slice(at)}`;
    }
  });

/** Every outcome is explained: a fatal error with a message and a hint, or a reason per rejected row. */
function expectExplained(result: ImportValidation): void {
  if (result.fatal !== undefined) {
    expect(result.fatal.message.length).toBeGreaterThan(10);
    expect(result.fatal.hint).toMatch(/\S.{10,}[.)]$/s);
    expect(result.rows).toEqual([]);
    expect(result.invalid).toEqual([]);
    return;
  }
  expect(result.totalRows).toBe(result.rows.length + result.invalid.length);
  for (const row of result.invalid) {
    expect(row.reasons.length).toBeGreaterThan(0);
    for (const reason of row.reasons) expect(reason).toMatch(/^\S.{10,}[.)]$/s);
  }
  const seen = new Set<string>();
  for (const row of result.rows) {
    // What the importer accepts, the backend accepts: the one device ID rule, no duplicates.
    expect(checkDeviceId(row.id), row.id).toBeNull();
    expect(checkDeviceName(row.name)).toBeNull();
    expect(seen.has(row.id), `duplicate ${row.id}`).toBe(false);
    seen.add(row.id);
  }
  const lines = [...result.rows, ...result.invalid].map((r) => r.line);
  expect(new Set(lines).size).toBe(lines.length);
}

function validateStreaming(text: string, chunkChars: number, lowerCaseIds = false): ImportValidation {
  return validateImportCsv(text, { lowerCaseIds, chunkChars });
}

describe('validateImportCsv, properties', () => {
  it('classifies every row of a well-formed file as the device ID rule says, in file order', () => {
    fc.assert(
      fc.property(wellFormedFile, fc.boolean(), ({ rows, text, hasExtraColumns }, lowerCaseIds) => {
        const result = validateImportCsv(text, { lowerCaseIds });
        expectExplained(result);
        const hasBadBytes = rows.some((r) => /\0/.test(r.id + r.name));
        if (hasBadBytes) {
          expect(result.fatal).toBeDefined();
          return;
        }
        expect(result.fatal).toBeUndefined();
        const outcomes = [
          ...result.rows.map((r) => ({ ...r, ok: true })),
          ...result.invalid.map((r) => ({ ...r, ok: false })),
        ].sort((a, b) => a.line - b.line);
        const expected = rows.filter((r) => hasExtraColumns || (r.id + r.name).trim() !== '');
        expect(outcomes).toHaveLength(expected.length);
        const firstIdLine = new Set<string>();
        expected.forEach((row, i) => {
          const outcome = outcomes[i]!;
          const id = unguardFormula(row.id);
          const problem = checkDeviceId(id);
          const key = problem?.kind === 'upper-case' ? problem.fix : id.toLowerCase();
          const isDuplicate = problem?.kind !== 'empty' && firstIdLine.has(key);
          if (problem?.kind !== 'empty') firstIdLine.add(key);
          const isIdOk = problem === null || (problem.kind === 'upper-case' && lowerCaseIds);
          const nameProblem = row.name.trim() === '' ? null : checkDeviceName(unguardFormula(row.name));
          const shouldPass = isIdOk && nameProblem === null && !isDuplicate;
          expect(outcome.ok, `${JSON.stringify(row)} → ${JSON.stringify(outcome)}`).toBe(shouldPass);
          if (!outcome.ok) {
            const { reasons } = outcome as unknown as { reasons: string[] };
            if (problem !== null && !isIdOk) {
              expect(reasons).toContain(
                problem.kind === 'empty' ? 'The device ID is empty.' : problem.message,
              );
            }
            if (nameProblem !== null) expect(reasons).toContain(nameProblem);
            if (isDuplicate) expect(reasons.join(' ')).toMatch(/already appears on line \d+\./);
          } else {
            expect(outcome.id).toBe(lowerCaseIds ? id.toLowerCase() : id);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on damaged files, and explains every outcome', () => {
    fc.assert(
      fc.property(damagedFile, fc.boolean(), (text, lowerCaseIds) => {
        expectExplained(validateImportCsv(text, { lowerCaseIds }));
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses another delimiter, a NUL or a broken encoding as a whole, with one fatal error', () => {
    fc.assert(
      fc.property(wellFormedFile, fc.constantFrom(';', '\t'), (file, delimiter) => {
        const other = file.text.replaceAll(',', delimiter);
        if (file.columns.length < 2) return;
        const result = validateImportCsv(other);
        expect(result.fatal?.kind).toBe('no-header');
        expect(result.fatal?.hint).toMatch(/delimiter: save it with commas\.$/);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(wellFormedFile, fc.nat(), fc.constantFrom('nul', 'latin1'), (file, at, bad) => {
        const bytes = new TextEncoder().encode(file.text);
        const i = at % (bytes.length + 1);
        const damaged = new Uint8Array([
          ...bytes.subarray(0, i),
          bad === 'nul' ? 0 : 0xe9,
          ...bytes.subarray(i),
        ]);
        const result = validateImportCsv(damaged);
        expect(result.fatal?.kind).toMatch(/^(binary|not-utf8)$/);
        expect(result.fatal?.hint).toMatch(/UTF-8|NUL/);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answer streamed in chunks of any size as read whole (the worker path)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          wellFormedFile.map((f) => f.text),
          damagedFile,
        ),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (text, chunkSize, lowerCaseIds) => {
          expect(validateStreaming(text, chunkSize, lowerCaseIds)).toEqual(
            validateImportCsv(text, { lowerCaseIds }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('lowerCaseIds fixes exactly the rows counted as fixable, and nothing else', () => {
    fc.assert(
      fc.property(wellFormedFile, ({ text }) => {
        const plain = validateImportCsv(text);
        const fixed = validateImportCsv(text, { lowerCaseIds: true });
        if (plain.fatal !== undefined) return;
        expect(fixed.rows.length).toBe(plain.rows.length + plain.fixable);
        expect(fixed.lowerCased).toBe(plain.fixable);
        expect(fixed.fixable).toBe(0);
        for (const row of fixed.rows) expect(row.id).toBe(row.id.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });

  it('the annotated file of rejected rows reads back the same IDs and names, in the same order', () => {
    fc.assert(
      fc.property(wellFormedFile, ({ text }) => {
        const first = validateImportCsv(text);
        if (first.fatal !== undefined || first.invalid.length === 0) return;
        const again = validateImportCsv(annotatedInvalidCsv(first.invalid));
        expect(again.fatal).toBeUndefined();
        const readBack = [...again.rows, ...again.invalid].sort((a, b) => a.line - b.line).map((r) => r.id);
        expect(readBack).toEqual(first.invalid.map((r) => r.id));
      }),
      { numRuns: 300 },
    );
  });
});
