// The sort index gives the same order as sorting from scratch (IoT Central's numeric, case-insensitive
// order, then by id) after any mix of writes, and a background build gives up when the table changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SortField } from './device-rows';
import { compareBy, SortedIndex } from './sorted-index';
import { createRandom } from './prng';
import { seedDevice } from './seed';
import type { DeviceRecord } from './types';

const random = createRandom(11);
const make = (i: number, name: string): DeviceRecord => ({
  ...seedDevice(i, random),
  id: `dev-${i}`,
  displayName: name,
});
const names = fc.constantFrom(
  'Lab 1',
  'lab 2',
  'Lab 10',
  'Dock',
  'dock',
  'Roof 3',
  'Ärea 1',
  'area 1',
  'Line 02',
  'Line 2',
);

type Op =
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'add'; name: string }
  | { kind: 'remove'; at: number }
  | { kind: 'read'; at: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: names }),
  fc.record({ kind: fc.constant('add' as const), name: names }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('read' as const), at: fc.nat() }),
);

describe('SortedIndex', () => {
  for (const field of ['displayName', 'id'] as SortField[]) {
    it(`stays in ${field} order through renames, additions, deletions and reads`, () => {
      fc.assert(
        fc.property(
          fc.array(names, { minLength: 1, maxLength: 40 }),
          fc.array(fc.array(op, { maxLength: 6 }), { maxLength: 8 }),
          (initial, changes) => {
            const table = new Map<string, DeviceRecord>();
            let next = 0;
            for (const name of initial) table.set(`dev-${next}`, make(next++, name));
            const index = new SortedIndex(field);
            index.sorted(table.values());
            for (const batch of changes) {
              const written: string[] = [];
              const removed: string[] = [];
              for (const change of batch) {
                const ids = [...table.keys()];
                const id = ids.length > 0 ? ids[('at' in change ? change.at : 0) % ids.length] : undefined;
                if (change.kind === 'add') {
                  table.set(`dev-${next}`, make(next, change.name));
                  written.push(`dev-${next++}`);
                } else if (id === undefined) continue;
                else if (change.kind === 'remove') {
                  table.delete(id);
                  removed.push(id);
                } else {
                  if (change.kind === 'rename') (table.get(id) as DeviceRecord).displayName = change.name;
                  written.push(id);
                }
              }
              index.update(written, removed, (id) => table.get(id));
              expect(index.sorted(table.values()).map((d) => d.id)).toEqual(
                [...table.values()].sort(compareBy(field)).map((d) => d.id),
              );
            }
          },
        ),
      );
    });
  }

  it('orders names lexicographically by code point, as OData and SQL do, then by id', () => {
    const devices = ['machine 6', 'machine 36', 'Lab 1', 'Lab 1', 'lab 2', '\u{1F600}', '\uFFFD'].map((name, i) => make(i, name));
    expect(new SortedIndex('displayName').sorted(devices).map((d) => `${d.displayName}/${d.id}`)).toEqual([
      'Lab 1/dev-2',
      'Lab 1/dev-3',
      'lab 2/dev-4',
      'machine 36/dev-1',
      'machine 6/dev-0',
      '\uFFFD/dev-6',
      '\u{1F600}/dev-5',
    ]);
  });

  it('builds in slices to the same order as a plain sort', async () => {
    const devices = Array.from({ length: 5000 }, (_, i) => make(i, `Device ${(i * 7919) % 5000}`));
    const index = new SortedIndex('displayName');
    let pauses = 0;
    await index.buildInSlices(devices, async () => void (pauses += 1), 0);
    expect(pauses).toBeGreaterThan(1);
    expect(index.isBuilt).toBe(true);
    expect(index.sorted([]).map((d) => d.id)).toEqual(
      devices
        .slice()
        .sort(compareBy('displayName'))
        .map((d) => d.id),
    );
  });

  it('gives up a background build when the table changes meanwhile', async () => {
    const devices = Array.from({ length: 3000 }, (_, i) => make(i, `Device ${i}`));
    const index = new SortedIndex('displayName');
    let pauses = 0;
    await index.buildInSlices(
      devices,
      async () => {
        pauses += 1;
        if (pauses === 2) index.update(['dev-1'], [], () => undefined);
      },
      0,
    );
    expect(index.isBuilt).toBe(false);
  });
});
