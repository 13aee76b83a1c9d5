// The device table tracks, by chunk, what persistence must save: written, read-then-changed and
// deleted devices, in insertion order, with restored chunks put back at their positions.
import { describe, expect, it } from 'vitest';
import { DEVICE_CHUNK_SIZE, DeviceTable } from './device-table';
import { createRandom } from './prng';
import { seedDevice } from './seed';
import type { DeviceRecord } from './types';

const random = createRandom(7);
const device = (i: number): DeviceRecord => ({ ...seedDevice(i, random), id: `device-${i}` });

function filled(count: number): DeviceTable {
  const table = new DeviceTable();
  for (let i = 0; i < count; i++) table.set(`device-${i}`, device(i));
  table.commit();
  table.takeChanges();
  return table;
}

describe('DeviceTable', () => {
  it('starts (and restarts after clear) with everything to save', () => {
    const table = new DeviceTable();
    expect(table.takeChanges()).toEqual({ isAll: true, chunks: [] });
    expect(table.takeChanges()).toEqual({ isAll: false, chunks: [] });
    table.clear();
    expect(table.takeChanges().isAll).toBe(true);
  });

  it('marks the chunk of a device that was set, read then changed, or deleted', () => {
    const table = filled(3 * DEVICE_CHUNK_SIZE + 10);
    table.set('new-device', { ...device(0), id: 'new-device' });
    const record = table.get(`device-${DEVICE_CHUNK_SIZE + 5}`);
    if (record) record.displayName = 'Renamed';
    table.delete(`device-${2 * DEVICE_CHUNK_SIZE}`);
    expect(table.commit()).toEqual({
      written: ['new-device', `device-${DEVICE_CHUNK_SIZE + 5}`],
      removed: [`device-${2 * DEVICE_CHUNK_SIZE}`],
    });
    expect(table.takeChanges()).toEqual({ isAll: false, chunks: [1, 2, 3] });
    expect(table.takeChanges()).toEqual({ isAll: false, chunks: [] });
  });

  it('peek, has and iteration mark nothing', () => {
    const table = filled(50);
    table.peek('device-3');
    table.has('device-4');
    expect([...table.values()]).toHaveLength(50);
    expect(table.commit()).toEqual({ written: [], removed: [] });
    expect(table.takeChanges().chunks).toEqual([]);
  });

  it('writes a chunk with null where a device was deleted, and keeps insertion order', () => {
    const table = filled(5);
    table.delete('device-1');
    table.set('device-1', { ...device(1), displayName: 'Back again' });
    expect(table.chunk(0).map((r) => r?.id ?? null)).toEqual([
      'device-0',
      null,
      'device-2',
      'device-3',
      'device-4',
      'device-1',
    ]);
    expect([...table.keys()]).toEqual(['device-0', 'device-2', 'device-3', 'device-4', 'device-1']);
    expect(table.chunkCount).toBe(1);
  });

  it('restores chunks at their positions, so the next save writes the same chunks', () => {
    const saved = filled(2 * DEVICE_CHUNK_SIZE + 3);
    saved.delete('device-2');
    const chunks = Array.from({ length: saved.chunkCount }, (_, i) => saved.chunk(i));

    const restored = new DeviceTable();
    chunks.forEach((chunk, i) => restored.restoreChunk(i, chunk));
    expect(restored.commit()).toEqual({ written: [], removed: [] });
    expect([...restored.keys()]).toEqual([...saved.keys()]);
    expect(restored.chunk(0)).toEqual(chunks[0]);
    restored.get(`device-${2 * DEVICE_CHUNK_SIZE + 1}`);
    restored.commit();
    restored.takeChanges();
    expect(restored.chunk(2)).toEqual(chunks[2]);
  });

  it('after a failed save, saves everything again', () => {
    const table = filled(10);
    table.markAllDirty();
    expect(table.takeChanges().isAll).toBe(true);
  });
});

describe('a write that read its record before an await', () => {
  it('is saved when the writer names the record, even if another commit came in between', async () => {
    const { createMemoryStore } = await import('./store');
    const { createSeed } = await import('./seed');
    const store = createMemoryStore(createSeed({ deviceCount: 3000 }));
    store.devices.takeChanges();
    const record = store.devices.get('thermostat-0001');
    // Another request commits in between (as during `await request.json()`).
    store.changed();
    store.devices.takeChanges();
    if (record) record.displayName = 'Renamed after an await';
    store.changed(record!);
    expect(store.devices.takeChanges().chunks).toEqual([0]);
  });
});
