// The Device operations' reports: started by the page, counted by the backend with each batch (once per
// batch, however often it is sent), and read the same by every client.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  exportDevices,
  importDevices,
  listDeviceOperations,
  startDeviceOperation,
  updateDeviceOperation,
} from '../../api/device-operations';
import { RUNNING_SILENCE_MS } from '../../lib/device-operation-limits';
import { store } from '../node';

const realNow = store.now;
afterEach(() => {
  store.now = realNow;
});

const start = (id: string, total: number) =>
  startDeviceOperation(id, {
    kind: 'import',
    title: `Import of ${id}.csv`,
    total,
    failed: [{ line: 2, id: 'Bad ID', name: 'x', reasons: ['Device IDs are lowercase.'] }],
    failedCount: 1,
  });

describe('/api/extensions/deviceOperations', () => {
  it('counts each batch into the report, once however often it is sent, and every client reads it', async () => {
    const first = await start('op-count', 4);
    expect(first).toMatchObject({ status: 'running', total: 4, processed: 0, failedCount: 1 });
    // Starting again returns the report that exists.
    expect(await start('op-count', 4)).toMatchObject({ id: 'op-count', failedCount: 1 });

    const batch0 = {
      devices: [
        { id: 'rec-1', displayName: 'one', line: 3 },
        { id: 'rec-2', displayName: 'two', line: 4 },
      ],
      existing: 'skip' as const,
      operationId: 'op-count',
      batch: 0,
    };
    const result = await importDevices(batch0);
    expect(result.operation).toMatchObject({ processed: 2, created: 2, failedCount: 1 });
    // The same batch again (its answer was lost, say): replayed, not counted again.
    expect((await importDevices(batch0)).operation).toMatchObject({ processed: 2, created: 2 });

    const result1 = await importDevices({
      devices: [
        { id: 'rec-1', displayName: 'one', line: 5 },
        { id: 'rec-1', displayName: 'again', line: 6 },
      ],
      existing: 'skip',
      operationId: 'op-count',
      batch: 1,
    });
    // rec-1 was done by this import already: its outcome is replayed, not counted again.
    expect(result1.operation).toMatchObject({ processed: 4, created: 2, skipped: 0, failedCount: 2 });
    expect(result1.operation?.failed[1]).toMatchObject({ line: 6, id: 'rec-1', name: 'again' });

    await updateDeviceOperation('op-count', { status: 'completed' });
    const listed = (await listDeviceOperations()).find((op) => op.id === 'op-count');
    expect(listed).toMatchObject({ status: 'completed', processed: 4, created: 2, failedCount: 2 });
    expect(listed?.finishedAt).toEqual(expect.any(String));
    expect(listed).not.toHaveProperty('countedBatches');
  });

  it("counts an export's pages, with the devices that are gone", async () => {
    await startDeviceOperation('op-export', { kind: 'export', title: 'Export of 2 devices', total: 2 });
    const seeded = store.devices.keys().next().value as string;
    const page = await exportDevices({ ids: [seeded, 'no-such-device'], operationId: 'op-export', batch: 0 });
    expect(page.operation).toMatchObject({ processed: 2, missing: 1 });
    await updateDeviceOperation('op-export', { status: 'completed' });
    expect((await listDeviceOperations()).find((op) => op.id === 'op-export')).toMatchObject({
      status: 'completed',
      total: 2,
      missing: 1,
    });
  });

  it('a running operation whose page went silent reads as stopped, with what to do', async () => {
    await start('op-silent', 10);
    const later = Date.now() + RUNNING_SILENCE_MS + 1000;
    store.now = () => new Date(later);
    const listed = (await listDeviceOperations()).find((op) => op.id === 'op-silent');
    expect(listed).toMatchObject({ status: 'stopped' });
    expect(listed?.error).toMatch(/closed or went offline \(0 of 10 rows done\)\. Import the same file again/);
  });

  it('refuses a bad status, a bad id and an unknown operation with what is wrong', async () => {
    await expect(updateDeviceOperation('op-none', { status: 'completed' })).rejects.toMatchObject({ status: 404 });
    await expect(
      updateDeviceOperation('op-count', { status: 'done' as never }),
    ).rejects.toThrow(/"status" must be one of: running, completed, cancelled, stopped/);
    const error = await startDeviceOperation('no spaces', { kind: 'import', title: 't', total: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: expect.stringMatching(/up to 64 letters, digits/) });
  });
});
