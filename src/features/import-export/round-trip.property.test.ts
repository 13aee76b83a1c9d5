// Issue 17: for any store state the app can reach through its API, Export then Import of the exported
// file reports 0 invalid rows, 0 new devices, and every device as existing with the same name. The
// devices are made through the API (PUT, then sometimes PATCH) with names from the whole Unicode range;
// what the API refuses is simply not in the store. The file goes through the same code as the app:
// the export's rows and CSV writer, then the import's worker core and its dry run against the backend.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { exportDevices } from '../../api/device-operations';
import { createOrReplaceDevice, getDevice, updateDevice } from '../../api/devices';
import { toExportCsv } from '../../lib/csv-export';
import { DEVICE_ID_MAX_LENGTH } from '../../lib/device-id';
import { DEVICE_NAME_MAX_LENGTH } from '../../lib/names';
import { store } from '../../mocks/node';
import { EXPORT_PAGE_SIZE, toExportRow } from './export-operation';
import { dryRunImport } from './import-operation';
import { parseImportFile } from './parse-import-file';

const deviceId = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,20}$/),
  fc.constantFrom('-', '-x', 'a', '0'),
  fc
    .tuple(
      fc.integer({ min: DEVICE_ID_MAX_LENGTH - 2, max: DEVICE_ID_MAX_LENGTH }),
      fc.stringMatching(/^[a-z0-9-]$/),
    )
    .map(([n, c]) => c.repeat(n)),
);

const hostileName = fc.constantFrom(
  '',
  '=HYPERLINK("http://x")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  "'=already",
  "''-x",
  ' leading and trailing ',
  '"quoted", with comma',
  'Contoso \u202Etxt.exe',
  '\uFEFFbom inside',
  'replacement \uFFFD char',
  '\u3000ideographic space',
  'zero\u200Bwidth',
  '<img src=x onerror=alert(1)>',
  'Line\nbreak',
  'nul\u0000byte',
  'c1\u0085char',
  'lone \uD800 surrogate',
  '   ',
);

const name = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: DEVICE_NAME_MAX_LENGTH - 2, maxLength: DEVICE_NAME_MAX_LENGTH + 1 }),
  hostileName,
);

/** Sends the request; false when the API refused it with a 4xx (the store is then unchanged). */
async function accepted(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
    throw error;
  }
}

async function exportAll(): Promise<string> {
  let csv = toExportCsv([]);
  const header = csv.length;
  let skipToken: string | undefined;
  do {
    const page = await exportDevices({ top: EXPORT_PAGE_SIZE, skipToken });
    csv += toExportCsv(page.value.map(toExportRow)).slice(header);
    skipToken = page.skipToken;
  } while (skipToken !== undefined);
  return csv;
}

describe('Export then Import, for any store state reachable through the API', () => {
  it('reads back every device as existing, with the same name, and nothing invalid or new', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ id: deviceId, name, rename: fc.option(name, { nil: undefined }) }), {
          selector: (d) => d.id,
          minLength: 1,
          maxLength: 8,
        }),
        async (devices) => {
          store.reset({ deviceCount: 3 });
          for (const d of devices) {
            if (!(await accepted(createOrReplaceDevice(d.id, { displayName: d.name })))) continue;
            if (d.rename !== undefined) {
              const { etag } = await getDevice(d.id);
              await accepted(updateDevice(d.id, { displayName: d.rename, etag }));
            }
          }
          const names = new Map([...store.devices.values()].map((r) => [r.id, r.displayName]));

          const csv = await exportAll();
          const file = new File([csv], 'export.csv', { type: 'text/csv' });
          const validation = await parseImportFile(file, { chunkChars: 64 });
          expect(validation.fatal).toBeUndefined();
          expect(validation.invalid).toEqual([]);
          expect(new Map(validation.rows.map((r) => [r.id, r.name]))).toEqual(names);

          const { existing, failed } = await dryRunImport(validation.rows, undefined);
          expect(failed).toEqual([]);
          expect(validation.rows.length - existing.size).toBe(0);
          expect([...existing].sort()).toEqual([...names.keys()].sort());
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
