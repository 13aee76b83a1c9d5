import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_HEADER_MESSAGE, validateImportCsv } from '../../lib/csv-import';
import { generateLargeCsv } from '../../testing/fixtures/csv/generate-large';
import { MAX_IMPORT_FILE_BYTES, parseImportFile } from './parse-import-file';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../testing/fixtures/csv');
const corpus = readdirSync(FIXTURES).filter((name) => name.endsWith('.csv'));
const fileOf = (bytes: Uint8Array<ArrayBuffer> | string, name = 'devices.csv') =>
  new File([bytes], name, { type: 'text/csv' });

describe('parseImportFile', () => {
  it.each(corpus)('%s: the same result as validating the whole text, with small chunks', async (name) => {
    const bytes = readFileSync(join(FIXTURES, name));
    const expected = validateImportCsv(new Uint8Array(bytes));
    for (const chunkChars of [7, 64, 1 << 20]) {
      expect(await parseImportFile(fileOf(new Uint8Array(bytes)), { chunkChars })).toEqual(expected);
    }
  });

  it('the 100,000-row file: same rows, lines and problems as the whole-text validation', async () => {
    const text = generateLargeCsv(100_000);
    const progress: number[] = [];
    const result = await parseImportFile(fileOf(text), {
      chunkChars: 100_000,
      onProgress: (f) => progress.push(f),
    });
    expect(result.totalRows).toBe(100_000);
    expect(result.fixable).toBe(100);
    expect(result.invalid).toHaveLength(120);
    expect(result).toEqual(validateImportCsv(text));
    expect(progress.length).toBeGreaterThan(30);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it('keeps multi-byte characters intact however the file is chunked (no false "not UTF-8")', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `capteur-${i},Capteur é${'è'.repeat(i % 7)} ${i}`);
    const text = `IOTC_DEVICEID,IOTC_DEVICENAME\n${rows.join('\n')}\n`;
    const result = await parseImportFile(fileOf(text), { chunkChars: 13 });
    expect(result.fatal).toBeUndefined();
    expect(result.rows).toHaveLength(300);
    expect(result.rows[2]).toEqual({ line: 4, id: 'capteur-2', name: 'Capteur éèè 2' });
  });

  it('lower-cases upper-case ids when asked, with the change kept', async () => {
    const result = await parseImportFile(fileOf('IOTC_DEVICEID\nPump-01\n'), { lowerCaseIds: true });
    expect(result.rows).toEqual([{ line: 2, id: 'pump-01', name: 'pump-01', changedFrom: 'Pump-01' }]);
  });

  it("stops at a semicolon file with IoT Central's message", async () => {
    const result = await parseImportFile(fileOf('IOTC_DEVICEID;IOTC_DEVICENAME\nsampledevice-1;Sample\n'));
    expect(result.fatal).toMatchObject({
      message: NO_HEADER_MESSAGE,
      hint: "The file seems to use ';' as its delimiter: save it with commas.",
    });
  });

  it('refuses a file larger than an import can be without reading it', async () => {
    const huge = {
      size: MAX_IMPORT_FILE_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('read')),
    } as unknown as Blob;
    const result = await parseImportFile(huge);
    expect(result.fatal?.message).toBe('The import file is 64.0 MB, more than the 64.0 MB an import takes');
  });

  it('rejects with an AbortError when cancelled mid-way', async () => {
    const controller = new AbortController();
    const promise = parseImportFile(fileOf(generateLargeCsv(20_000)), {
      chunkChars: 10_000,
      signal: controller.signal,
      onProgress: (f) => f > 0.2 && controller.abort(),
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});
