import { describe, expect, it } from 'vitest';
import { validateImportCsv } from '../../lib/csv-import';
import { generateLargeCsv } from '../../testing/fixtures/csv/generate-large';
import { packValidation, unpackValidation } from './worker-protocol';

describe('packValidation / unpackValidation', () => {
  it('give back the same validation, lower-cased ids, quoted names and refused rows included', () => {
    // A name with a line break is refused (lib/names.ts): it travels as an invalid row.
    const text = 'IOTC_DEVICEID,IOTC_DEVICENAME\nPump-1,"Line one, ""quoted"""\npump-2,\nbad id,x\npump-3,"Line one\nline two"\n';
    const validation = validateImportCsv(text, { lowerCaseIds: true });
    expect(validation.rows[0]?.changedFrom).toBe('Pump-1');
    expect(unpackValidation(packValidation(validation))).toEqual(validation);
  });

  it('round-trip the 10,000-row file and an empty one', () => {
    const large = validateImportCsv(generateLargeCsv(10_000), { lowerCaseIds: true });
    expect(unpackValidation(packValidation(large))).toEqual(large);
    const empty = validateImportCsv('IOTC_DEVICEID\n');
    expect(unpackValidation(packValidation(empty))).toEqual(empty);
  });

  it('send the rows as a few strings and typed arrays, not one object per row', () => {
    const packed = packValidation(validateImportCsv('IOTC_DEVICEID\na\nb\n'));
    expect(packed).toMatchObject({ ids: 'a\u0000b', names: 'a\u0000b', lines: new Int32Array([2, 3]) });
    expect('rows' in packed).toBe(false);
  });
});
