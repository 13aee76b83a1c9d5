import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, toExportCsv, type ExportRow } from './csv-export';
import { validateImportCsv } from './csv-import';

const HEADER =
  'IOTC_DEVICEID,IOTC_DEVICENAME,IOTC_SASKEY_PRIMARY,IOTC_SASKEY_SECONDARY,IOTC_X509THUMBPRINT_PRIMARY,IOTC_X509THUMBPRINT_SECONDARY';

describe('toExportCsv', () => {
  it("uses IoT Central's columns in IoT Central's order", () => {
    expect(EXPORT_COLUMNS).toEqual(HEADER.split(','));
  });

  it('writes a BOM, CRLF line endings and a final CRLF', () => {
    const csv = toExportCsv([
      { id: 'sas-1', name: 'SAS device', sasPrimary: 'cHJpbWFyeQ==', sasSecondary: 'c2Vjb25kYXJ5' },
      { id: 'x509-1', name: 'X.509 device', x509Primary: 'AB'.repeat(20), x509Secondary: 'CD'.repeat(20) },
    ]);
    expect(csv).toBe(
      `\uFEFF${HEADER}\r\n` +
        'sas-1,SAS device,cHJpbWFyeQ==,c2Vjb25kYXJ5,,\r\n' +
        `x509-1,X.509 device,,,${'AB'.repeat(20)},${'CD'.repeat(20)}\r\n`,
    );
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes just the header when there are no devices', () => {
    expect(toExportCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('quotes commas, quotes, newlines and edge spaces', () => {
    const csv = toExportCsv([
      { id: 'a', name: 'Pump, north' },
      { id: 'b', name: 'The "big" one' },
      { id: 'c', name: 'two\nlines' },
      { id: 'd', name: ' padded ' },
    ]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      'a,"Pump, north",,,,',
      'b,"The ""big"" one",,,,',
      'c,"two\nlines",,,,',
    ]);
    expect(csv).toContain('d," padded ",,,,');
  });

  it('guards every ID and name a spreadsheet would run, and writes keys and thumbprints exactly', () => {
    const csv = toExportCsv([
      { id: 'f-1', name: "=cmd|' /C calc'!A0" },
      { id: 'f-2', name: '@SUM(1+1)' },
      { id: 'f-3', name: '+49 (0) 30' },
      { id: 'f-4', name: '-2+3' },
      { id: '-x', name: '-x', sasPrimary: '+AbC/dEf==', sasSecondary: '-AbC_dEf', x509Primary: '=AB' },
    ]);
    const data = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(data.map((row) => row[1])).toEqual([
      "'=cmd|' /C calc'!A0",
      "'@SUM(1+1)",
      "'+49 (0) 30",
      "'-2+3",
      "'-x",
    ]);
    expect(data[4]).toEqual(["'-x", "'-x", '+AbC/dEf==', '-AbC_dEf', '=AB', '']);
  });

  it('round-trips through the import', () => {
    const rows: ExportRow[] = [
      { id: 'sampledevice-1', name: 'Sample Device 1', sasPrimary: 'k1', sasSecondary: 'k2' },
      { id: 'xss-1', name: '<img src=x onerror=alert(1)>' },
      { id: 'xss-2', name: "=cmd|' /C calc'!A0" },
      { id: 'multi', name: 'Name, "quoted"' },
      { id: 'accent', name: 'Pompe à chaleur' },
      { id: 'after-multi', name: '-x' },
      { id: '-lead', name: "'=already guarded" },
    ];
    const result = validateImportCsv(toExportCsv(rows));
    expect(result.invalid).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, id: 'sampledevice-1', name: 'Sample Device 1' },
      { line: 3, id: 'xss-1', name: '<img src=x onerror=alert(1)>' },
      { line: 4, id: 'xss-2', name: "=cmd|' /C calc'!A0" },
      { line: 5, id: 'multi', name: 'Name, "quoted"' },
      { line: 6, id: 'accent', name: 'Pompe à chaleur' },
      { line: 7, id: 'after-multi', name: '-x' },
      { line: 8, id: '-lead', name: "'=already guarded" },
    ]);
  });
});
