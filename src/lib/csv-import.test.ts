import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateLargeCsv } from '../testing/fixtures/csv/generate-large';
import { referenceCsvRows } from '../testing/csv-reference';
import { readCsv } from './csv-reader';
import { unguardFormula } from './formula-guard';
import {
  annotatedInvalidCsv,
  createImportValidator,
  describeIdChange,
  NO_HEADER_MESSAGE,
  validateImportCsv,
  type ImportValidation,
} from './csv-import';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../testing/fixtures/csv');
const fixtureBytes = (name: string) => readFileSync(join(FIXTURES, name));
const fixture = (name: string) => fixtureBytes(name).toString('utf8');
const HEADER_HINT = 'The first row must name the columns, e.g. IOTC_DEVICEID,IOTC_DEVICENAME.';

/** Validates like a worker would: the reader streaming small chunks into the validator. */
function validateStreaming(text: string, chunkChars: number): ImportValidation {
  return validateImportCsv(text, { chunkChars });
}

describe('the CSV corpus', () => {
  it("iotc-sample.csv is byte for byte IoT Central's sample and imports one device", () => {
    expect(
      fixtureBytes('iotc-sample.csv').equals(
        Buffer.from(
          '\xEF\xBB\xBFIOTC_DEVICEID,IOTC_DEVICENAME\r\nsampledevice-1,Sample Device 1\r\n',
          'latin1',
        ),
      ),
    ).toBe(true);
    expect(validateImportCsv(fixture('iotc-sample.csv'))).toEqual({
      rows: [{ line: 2, id: 'sampledevice-1', name: 'Sample Device 1' }],
      invalid: [],
      fixable: 0,
      lowerCased: 0,
      totalRows: 1,
    });
  });

  it('bom-crlf.csv: BOM and CRLF, accents kept, a missing name becomes the id', () => {
    const result = validateImportCsv(fixture('bom-crlf.csv'));
    expect(result.invalid).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.id, r.name])).toEqual([
      [2, 'thermostat-01', 'Thermostat 01'],
      [3, 'thermostat-02', 'Thermostat 02'],
      [4, 'pump-7', 'Pompe à chaleur 7'],
      [5, 'gateway-1', 'gateway-1'],
    ]);
  });

  it('lf-no-bom.csv: LF without BOM, an empty name becomes the id', () => {
    const result = validateImportCsv(fixture('lf-no-bom.csv'));
    expect(result.rows.map((r) => [r.line, r.id, r.name])).toEqual([
      [2, 'meter-1', 'Meter 1'],
      [3, 'meter-2', 'Meter 2'],
      [4, 'meter-3', 'meter-3'],
    ]);
    expect(result.totalRows).toBe(3);
  });

  it('quoted.csv: commas, newlines and doubled quotes inside quotes; lines count the quoted newlines', () => {
    const result = validateImportCsv(fixture('quoted.csv'));
    expect(result.rows.map((r) => [r.line, r.id, r.name])).toEqual([
      [2, 'sensor-1', 'Sensor 1, Building A'],
      [5, 'sensor-3', 'The "big" one'],
      [9, 'sensor-5', 'Plain'],
    ]);
    // The line breaks are read, and the names refused: a name holds no control characters.
    expect(result.invalid.map((r) => [r.line, r.id, r.name, r.reasons.join(' ')])).toEqual([
      [
        3,
        'sensor-2',
        'Sensor 2\r\nsecond line',
        expect.stringContaining('control character (U+000D at character 9)'),
      ],
      [
        6,
        'sensor-4',
        'Multi\nline\nname',
        expect.stringContaining('control character (U+000A at character 6)'),
      ],
    ]);
  });

  it('upper-case-ids.csv: upper case is invalid but fixable', () => {
    const result = validateImportCsv(fixture('upper-case-ids.csv'));
    expect(result.rows.map((r) => r.id)).toEqual(['valve-3']);
    expect(result.fixable).toBe(3);
    expect(result.invalid.map((r) => [r.line, r.id, r.reasons])).toEqual([
      [2, 'Thermostat-1', ['Device IDs are lower case: use "thermostat-1".']],
      [3, 'PUMP-02', ['Device IDs are lower case: use "pump-02".']],
      [5, 'Meter-A', ['Device IDs are lower case: use "meter-a".']],
    ]);
  });

  it('upper-case-ids.csv with lowerCaseIds: the ids are fixed and the changes recorded', () => {
    const result = validateImportCsv(fixture('upper-case-ids.csv'), { lowerCaseIds: true });
    expect(result.invalid).toEqual([]);
    expect(result.fixable).toBe(0);
    expect(result.lowerCased).toBe(3);
    expect(result.rows).toEqual([
      { line: 2, id: 'thermostat-1', name: 'Thermostat 1', changedFrom: 'Thermostat-1' },
      { line: 3, id: 'pump-02', name: 'Pump 2', changedFrom: 'PUMP-02' },
      { line: 4, id: 'valve-3', name: 'Valve 3' },
      { line: 5, id: 'meter-a', name: 'meter-a', changedFrom: 'Meter-A' },
    ]);
    expect(result.rows.map(describeIdChange)).toEqual([
      'Thermostat-1 → thermostat-1',
      'PUMP-02 → pump-02',
      null,
      'Meter-A → meter-a',
    ]);
  });

  it('invalid-ids.csv: spaces, underscores, 129 characters, empty ids, long names', () => {
    const result = validateImportCsv(fixture('invalid-ids.csv'));
    expect(result.rows).toEqual([{ line: 6, id: 'valid-1', name: 'Valid' }]);
    expect(result.fixable).toBe(0);
    const reasons = new Map(result.invalid.map((r) => [r.line, r.reasons.join(' ')]));
    expect([...reasons.keys()]).toEqual([2, 3, 4, 5, 7]);
    expect(reasons.get(2)).toContain('space');
    expect(reasons.get(3)).toContain('"_"');
    expect(reasons.get(4)).toContain('129 characters');
    expect(reasons.get(5)).toBe('The device ID is empty.');
    expect(reasons.get(7)).toContain('149 characters long; the limit is 148');
    expect(result.invalid.find((r) => r.line === 5)).toMatchObject({ id: '', name: 'No id at all' });
  });

  it('duplicates-and-empty-lines.csv: later copies name the first line; empty lines are skipped but counted', () => {
    const result = validateImportCsv(fixture('duplicates-and-empty-lines.csv'));
    expect(result.rows.map((r) => [r.line, r.id])).toEqual([
      [3, 'dup-1'],
      [4, 'dup-2'],
      [9, 'other-1'],
    ]);
    expect(result.invalid).toEqual([
      { line: 8, id: 'dup-1', name: 'Again', reasons: ['Device ID "dup-1" already appears on line 3.'] },
      {
        line: 10,
        id: 'dup-1',
        name: 'Third time',
        reasons: ['Device ID "dup-1" already appears on line 3.'],
      },
    ]);
    expect(result.totalRows).toBe(5);
  });

  it("semicolon.csv fails with IoT Central's message and the delimiter hint", () => {
    expect(validateImportCsv(fixture('semicolon.csv'))).toEqual({
      fatal: {
        kind: 'no-header',
        message: 'No IOTC_DEVICEID header found in import file',
        hint: "The file seems to use ';' as its delimiter: save it with commas.",
        line: 1,
      },
      rows: [],
      invalid: [],
      fixable: 0,
      lowerCased: 0,
      totalRows: 0,
    });
  });

  it('no-header.csv fails and says the first row names the columns', () => {
    expect(validateImportCsv(fixture('no-header.csv')).fatal).toEqual({
      kind: 'no-header',
      message: NO_HEADER_MESSAGE,
      hint: HEADER_HINT,
      line: 1,
    });
  });

  it('reordered-columns.csv: any order, lower-case and padded header names, extra columns ignored', () => {
    const result = validateImportCsv(fixture('reordered-columns.csv'));
    expect(result.invalid).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, id: 'chiller-1', name: 'Chiller 1' },
      { line: 3, id: 'chiller-2', name: 'Chiller 2, spare' },
      { line: 4, id: 'chiller-3', name: 'chiller-3' },
    ]);
  });

  it('binary-garbage.csv is one clear fatal error, not thousands of row errors', () => {
    expect(fixtureBytes('binary-garbage.csv').length).toBe(2048);
    const result = validateImportCsv(fixture('binary-garbage.csv'));
    expect(result.fatal).toMatchObject({
      kind: 'binary',
      message: 'The import file is not a CSV text file',
      line: 1,
    });
    expect(result.fatal?.hint).toContain('NUL');
    expect(result.invalid).toEqual([]);
  });

  it('xss-names.csv: names are data, kept verbatim', () => {
    const result = validateImportCsv(fixture('xss-names.csv'));
    expect(result.invalid).toEqual([]);
    expect(result.rows.map((r) => r.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      "=cmd|' /C calc'!A0",
      '<script>alert("x")</script>',
      '-x',
    ]);
  });

  it('every corpus file gives the same result when streamed in small chunks', () => {
    for (const name of [
      'iotc-sample.csv',
      'bom-crlf.csv',
      'quoted.csv',
      'duplicates-and-empty-lines.csv',
      'invalid-ids.csv',
    ]) {
      const text = fixture(name);
      expect(validateStreaming(text.replace(/^\uFEFF/, ''), 7), name).toEqual(validateImportCsv(text));
    }
  });
});

describe('a large file', () => {
  it('validates 100,000 rows (about 4 MB) with the planted problems found', () => {
    const text = generateLargeCsv(100_000);
    expect(text.length).toBeGreaterThan(3_500_000);
    expect(text.length).toBeLessThan(4_500_000);
    // Speed is measured by `npm run bench`, not asserted here.
    const result = validateImportCsv(text);
    expect(result.fatal).toBeUndefined();
    expect(result.totalRows).toBe(100_000);
    expect(result.rows.length).toBe(99_880);
    expect(result.invalid.length).toBe(120);
    expect(result.fixable).toBe(100);
    // header (1), row 0 (2), an empty line (3), so row i sits on line i + 3 up to row 2500.
    expect(result.invalid[0]).toMatchObject({ line: 503, id: 'Gateway-000500' });
    expect(result.invalid.find((r) => r.id === 'chiller-004998')).toMatchObject({
      line: 4999 + 4,
      reasons: [`Device ID "chiller-004998" already appears on line ${4998 + 4}.`],
    });
    // 40 empty lines in all; the last row repeats the id of the one before.
    expect(result.rows.at(-1)).toMatchObject({ line: 99_998 + 42, id: 'chiller-099998' });
    expect(result.invalid.at(-1)).toMatchObject({ line: 99_999 + 42, id: 'chiller-099998' });
  });

  it('applies lowerCaseIds to the whole file', () => {
    const result = validateImportCsv(generateLargeCsv(10_000), { lowerCaseIds: true });
    expect([result.rows.length, result.invalid.length, result.lowerCased, result.fixable]).toEqual([
      9_998, 2, 10, 0,
    ]);
  });

  it('gives the same result streamed in 64 KB chunks', () => {
    const text = generateLargeCsv(20_000);
    expect(validateStreaming(text.slice(1), 64 * 1024)).toEqual(validateImportCsv(text));
  });
});

describe('the validator', () => {
  it('reports an empty file', () => {
    expect(validateImportCsv('').fatal).toEqual({
      kind: 'no-header',
      message: NO_HEADER_MESSAGE,
      hint: `The file is empty. ${HEADER_HINT}`,
    });
    expect(validateImportCsv('\uFEFF\r\n\r\n').fatal?.kind).toBe('no-header');
  });

  it('accepts a header without rows', () => {
    expect(validateImportCsv('IOTC_DEVICEID\r\n')).toEqual({
      rows: [],
      invalid: [],
      fixable: 0,
      lowerCased: 0,
      totalRows: 0,
    });
  });

  it('finds the header after leading empty lines and reads the old spelling', () => {
    const result = validateImportCsv('\n\nIOTC_DeviceID,IOTC_DeviceName\ndev-1,One\n');
    expect(result.rows).toEqual([{ line: 4, id: 'dev-1', name: 'One' }]);
  });

  it('reads every row of a file that mixes CRLF, LF and CR as its own line (issue 17)', () => {
    const text =
      'IOTC_DEVICEID,IOTC_DEVICENAME,NOTE\r\ndev-1,One,\ndev-2,Two,\rdev-3,Three,"a note\non\r\nlines"\r\ndev-4,Four,\n';
    const expected = [
      { line: 2, id: 'dev-1', name: 'One' },
      { line: 3, id: 'dev-2', name: 'Two' },
      { line: 4, id: 'dev-3', name: 'Three' },
      { line: 7, id: 'dev-4', name: 'Four' },
    ];
    for (const chunkChars of [1, 2, 3, 5, 8, 13, text.length]) {
      const result = validateImportCsv(text, { chunkChars });
      expect(result.invalid).toEqual([]);
      expect(result.rows).toEqual(expected);
    }
  });

  it('refuses a name with a line break (the file is read right, the name breaks the rule)', () => {
    const result = validateImportCsv('IOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,"One\n"\r\ndev-2,Two\n');
    expect(result.rows).toEqual([{ line: 4, id: 'dev-2', name: 'Two' }]);
    expect(result.invalid[0]).toMatchObject({ line: 2, id: 'dev-1', name: 'One\n' });
    expect(result.invalid[0]?.reasons[0]).toMatch(/^Device name contains a control character \(U\+000A/);
  });

  it('works without a name column and with CR-only line endings', () => {
    expect(validateImportCsv('IOTC_DEVICEID\rdev-1\rdev-2').rows).toEqual([
      { line: 2, id: 'dev-1', name: 'dev-1' },
      { line: 3, id: 'dev-2', name: 'dev-2' },
    ]);
  });

  it('hints at tabs and at quoted semicolon headers', () => {
    expect(validateImportCsv('IOTC_DEVICEID\tIOTC_DEVICENAME\ndev-1\tOne\n').fatal?.hint).toBe(
      'The file seems to use tabs as its delimiter: save it with commas.',
    );
    expect(validateImportCsv('"IOTC_DEVICEID";"IOTC_DEVICENAME"\r\n"dev-1";"One"\r\n').fatal?.hint).toBe(
      "The file seems to use ';' as its delimiter: save it with commas.",
    );
    expect(validateImportCsv('id;name\r\ndev-1;One\r\n').fatal?.hint).toContain("';'");
  });

  it('recognises a UTF-16 file', () => {
    const utf16 = Buffer.from('\uFEFFIOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,One\r\n', 'utf16le').toString(
      'utf8',
    );
    const fatal = validateImportCsv(utf16).fatal;
    expect(fatal?.kind).toBe('binary');
    expect(fatal?.hint).toContain('UTF-16');
  });

  it('rejects a file that is not UTF-8, naming the line', () => {
    const latin1 = Buffer.from('IOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,One\r\ndev-2,Caf\xE9\r\n', 'latin1');
    const result = validateImportCsv(new Uint8Array(latin1));
    expect(result.fatal).toMatchObject({ kind: 'not-utf8', line: 3 });
    expect(result.fatal?.hint).toContain('Line 3');
    expect(result.rows).toEqual([]);
  });

  it('flags rows with more values than columns, but not trailing empty ones', () => {
    const result = validateImportCsv('IOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,Pump, spare\r\ndev-2,Two,,\r\n');
    expect(result.invalid).toEqual([
      {
        line: 2,
        id: 'dev-1',
        name: 'Pump',
        reasons: ['The row has 3 values but the header names 2 columns: quote values that contain commas.'],
      },
    ]);
    expect(result.rows).toEqual([{ line: 3, id: 'dev-2', name: 'Two' }]);
  });

  it('flags rows too short to hold the id', () => {
    const result = validateImportCsv('IOTC_DEVICENAME,IOTC_DEVICEID\r\nOnly a name\r\n');
    expect(result.invalid[0]?.reasons).toEqual([
      'IOTC_DEVICEID is missing: the row has 1 value, the header 2.',
    ]);
  });

  it('refuses an unclosed quote as a whole, naming the line it starts on', () => {
    const result = validateImportCsv(
      'IOTC_DEVICEID,IOTC_DEVICENAME\r\ndev-1,One\r\ndev-2,"Two\r\ndev-3,Three\r\n',
    );
    expect(result.rows).toEqual([]);
    expect(result.fatal).toMatchObject({
      kind: 'unclosed-quote',
      line: 3,
      message: 'The import file has an unclosed quote starting at line 3',
    });
    expect(result.fatal?.hint).toContain('never closed');
  });

  it('reports text after a closing quote on its row', () => {
    const result = validateImportCsv('IOTC_DEVICEID,IOTC_DEVICENAME\ndev-1,"One"x\ndev-2,Two\n');
    expect(result.invalid).toEqual([
      {
        line: 2,
        id: 'dev-1',
        name: 'Onex',
        reasons: ['A quoted value has text after its closing quote: double the quotes inside it ("").'],
      },
    ]);
    expect(result.rows).toEqual([{ line: 3, id: 'dev-2', name: 'Two' }]);
  });

  it('compares ids case-insensitively for duplicates', () => {
    const result = validateImportCsv('IOTC_DEVICEID\ndev-1\nDev-1\n');
    expect(result.fixable).toBe(0);
    expect(result.invalid[0]?.reasons).toEqual([
      'Device IDs are lower case: use "dev-1".',
      'Device ID "Dev-1" already appears on line 2.',
    ]);
    const fixed = validateImportCsv('IOTC_DEVICEID\nDev-1\ndev-1\n', { lowerCaseIds: true });
    expect(fixed.rows).toEqual([{ line: 2, id: 'dev-1', name: 'dev-1', changedFrom: 'Dev-1' }]);
    expect(fixed.invalid[0]?.reasons).toEqual(['Device ID "dev-1" already appears on line 2.']);
  });

  it('stops at maxRows', () => {
    const result = validateImportCsv('IOTC_DEVICEID\na\nb\nc\n', { maxRows: 2 });
    expect(result.fatal).toMatchObject({ kind: 'too-many-rows', line: 4 });
    expect(result.fatal?.message).toBe('The import file has more than 2 devices');
  });

  it('aborts the parse once the file is rejected', () => {
    const validator = createImportValidator();
    let rows = 0;
    readCsv('no,header\r\na,b\r\nc,d\r\n', (row) => {
      rows++;
      validator.addRow(row);
      return !validator.hasFatal();
    });
    expect(rows).toBe(1);
    expect(validator.hasFatal()).toBe(true);
  });

  it('can be fed rows by hand', () => {
    const validator = createImportValidator();
    validator.addRow({ fields: ['IOTC_DEVICEID', 'IOTC_DEVICENAME'], line: 1 });
    validator.addRow({ fields: ['dev-1', 'One'], line: 2 });
    validator.addRow({ fields: [''], line: 3 });
    validator.addRow({ fields: ['dev-2'], line: 4 });
    validator.addRow({ fields: ['dev-3', 'Three', 'extra', 'more'], line: 5 });
    expect(validator.result().rows).toEqual([
      { line: 2, id: 'dev-1', name: 'One' },
      { line: 4, id: 'dev-2', name: 'dev-2' },
    ]);
    expect(validator.result().invalid[0]?.line).toBe(5);
  });

  it('reads back the formula guard of its own exports', () => {
    const result = validateImportCsv(
      `IOTC_DEVICEID,IOTC_DEVICENAME\r\n'-dev-1,"'=cmd|' /C calc'!A0"\r\ndev-2,'-2+3\r\ndev-3,''=x\r\ndev-4,'quoted\r\n`,
    );
    expect(result.rows.map((r) => [r.id, r.name])).toEqual([
      ['-dev-1', "=cmd|' /C calc'!A0"],
      ['dev-2', '-2+3'],
      ['dev-3', "'=x"],
      ['dev-4', "'quoted"],
    ]);
  });
});

describe('annotatedInvalidCsv', () => {
  it('writes the invalid rows with their line and error, and reads back the same ids', () => {
    const first = validateImportCsv(fixture('invalid-ids.csv'));
    const annotated = annotatedInvalidCsv(first.invalid);
    expect(annotated.startsWith('\uFEFFIOTC_DEVICEID,IOTC_DEVICENAME,LINE,ERROR\r\n')).toBe(true);
    expect(annotated.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(annotated.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(parsed).toEqual(first.invalid.map((r) => [r.id, r.name, String(r.line), r.reasons.join(' ')]));
    const again = validateImportCsv(annotated);
    expect(again.rows).toEqual([]);
    expect(again.invalid.map((r) => [r.id, r.name])).toEqual(first.invalid.map((r) => [r.id, r.name]));
  });

  it('guards formulas and still round-trips them', () => {
    const invalid = [{ line: 2, id: '=HYPERLINK("x")', name: '@SUM(A1)', reasons: ['Bad.'] }];
    const annotated = annotatedInvalidCsv(invalid);
    expect(annotated).toContain(`"'=HYPERLINK(""x"")",'@SUM(A1)`);
    expect(validateImportCsv(annotated).invalid[0]).toMatchObject({
      id: '=HYPERLINK("x")',
      name: '@SUM(A1)',
    });
  });

  it('writes just the header when nothing failed', () => {
    expect(annotatedInvalidCsv([])).toBe('\uFEFFIOTC_DEVICEID,IOTC_DEVICENAME,LINE,ERROR\r\n');
  });
});

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

function checkAccounting(text: string, result: ImportValidation): void {
  if (result.fatal !== undefined) {
    expect(result.rows).toEqual([]);
    expect(result.invalid).toEqual([]);
    expect(result.fatal.message.length).toBeGreaterThan(0);
    expect(result.fatal.hint.length).toBeGreaterThan(0);
    return;
  }
  const nonEmpty = referenceCsvRows(text.replace(/^\uFEFF/, '')).filter((row) =>
    row.fields.some((f) => f.trim() !== ''),
  );
  expect(result.totalRows).toBe(nonEmpty.length - 1);
  expect(result.rows.length + result.invalid.length).toBe(result.totalRows);
  const lines = [...result.rows.map((r) => r.line), ...result.invalid.map((r) => r.line)];
  expect(new Set(lines).size).toBe(lines.length);
  for (const line of lines) expect(line).toBeGreaterThanOrEqual(2);
}

describe('properties', () => {
  const csvish = fc.string({
    unit: fc.constantFrom(
      ',',
      ';',
      '"',
      '\r',
      '\n',
      ' ',
      'a',
      'Z',
      '-',
      '_',
      '1',
      "'",
      '=',
      '\uFEFF',
      '\u0000',
      'é',
    ),
    maxLength: 80,
  });

  it('never throws on arbitrary text, and accounts for every non-empty data row', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          csvish,
          csvish.map((s) => `IOTC_DEVICEID,IOTC_DEVICENAME\r\n${s}`),
        ),
        (text) => {
          checkAccounting(text, validateImportCsv(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back any rows written with papaparse, on their physical lines', () => {
    const field = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), csvish);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, field), { maxLength: 15 }),
        fc.constantFrom('\r\n', '\n'),
        (data, newline) => {
          const text = Papa.unparse({ fields: ['IOTC_DEVICEID', 'IOTC_DEVICENAME'], data }, { newline });
          const result = validateImportCsv(text);
          checkAccounting(text, result);
          const hasBadBytes = data.some(([id, name]) => /\0/.test(id + name));
          expect(result.fatal !== undefined).toBe(hasBadBytes);
          if (hasBadBytes) return;
          const byLine = new Map<number, string>();
          for (const r of result.rows) byLine.set(r.line, r.changedFrom ?? r.id);
          for (const r of result.invalid) byLine.set(r.line, r.id);
          let line = 2;
          for (const [id, name] of data) {
            const isBlank = (id + name).trim() === '';
            if (!isBlank) expect(byLine.get(line)).toBe(unguardFormula(id));
            line += 1 + lineBreaks(id) + lineBreaks(name);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
