// The batch size is the backend's to choose: the gateway asks for small batches (it works through the public
// API device by device), and the import and its dry run send no more rows a request than it asks for.
import { afterEach, expect, it } from 'vitest';
import { setCapabilities } from '../../api/capabilities';
import { DEMO_EXTENSIONS } from '../../lib/demo-extensions';
import type { ValidRow } from '../../lib/csv-import';
import { server } from '../../mocks/node';
import { dryRunImport } from './import-operation';

afterEach(() => {
  setCapabilities({ backend: 'demo', extensions: [...DEMO_EXTENSIONS] });
});

it('sends a dry run in batches of the size the backend announced', async () => {
  setCapabilities({ backend: 'demo', extensions: [...DEMO_EXTENSIONS], deviceOperationBatchSize: 2 });
  const sizes: number[] = [];
  const onRequest = ({ request }: { request: Request }) => {
    if (!request.url.includes('/extensions/deviceImports')) return;
    void request
      .clone()
      .json()
      .then((body: { devices: unknown[] }) => sizes.push(body.devices.length));
  };
  server.events.on('request:start', onRequest);
  const rows: ValidRow[] = Array.from({ length: 5 }, (_, i) => ({ id: `batch-${i}`, name: `Batch ${i}`, line: i + 2 }));
  const result = await dryRunImport(rows, undefined);
  server.events.removeListener('request:start', onRequest);
  expect(result.existing.size).toBe(0);
  expect(sizes).toEqual([2, 2, 1]);
});
