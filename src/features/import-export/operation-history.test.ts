import { describe, expect, it } from 'vitest';
import { loadOperationHistory, restored, saveOperationHistory, toKept } from './operation-history';
import type { DeviceOperation } from './operations';

function operation(change: Partial<DeviceOperation>): DeviceOperation {
  return {
    id: 'op-1',
    kind: 'import',
    title: 'Import of devices.csv',
    status: 'completed',
    isCancelRequested: false,
    startedAt: 1,
    total: 100_000,
    processed: 100_000,
    created: 99_880,
    updated: 0,
    skipped: 0,
    failed: [{ line: 7, id: 'A', name: '', reasons: ['Device IDs are lower case: use "a".'] }],
    isSeen: true,
    ...change,
  };
}

describe('Device operations history', () => {
  it('keeps a finished report as it is, failed rows included', () => {
    const op = operation({});
    expect(restored(toKept(op))).toEqual(op);
  });

  it('drops an export file (it lived in the page) and says so', () => {
    const kept = toKept(
      operation({ kind: 'export', download: { url: 'blob:http://x/1', fileName: 'devices-export.csv' } }),
    );
    expect(kept.download).toBeUndefined();
    expect(kept.error).toBe(
      'The file devices-export.csv was made in an earlier visit and is no longer available: export again to get it.',
    );
  });

  it('stops an import that was running when the page closed, says how far it got and how to finish it', () => {
    const back = restored(operation({ status: 'running', processed: 15_000, isSeen: true, isCancelRequested: true }));
    expect(back.status).toBe('stopped');
    expect(back.isSeen).toBe(false);
    expect(back.isCancelRequested).toBe(false);
    expect(back.error).toBe(
      'The page was closed while this import ran (15,000 of 100,000 rows done). Import the same file again to finish it: devices that already exist are skipped.',
    );
  });

  it('stops an export that was running, and asks for a new one', () => {
    const back = restored(operation({ kind: 'export', status: 'running', processed: 200, total: 1_000 }));
    expect(back.status).toBe('stopped');
    expect(back.error).toBe('The page was closed while this export ran (200 of 1,000 devices done). Export again.');
  });

  it('keeps nothing where there is no IndexedDB (Node), without failing', async () => {
    await saveOperationHistory([operation({})]);
    expect(await loadOperationHistory()).toEqual([]);
  });
});
