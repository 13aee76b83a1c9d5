// The server's SQL answers every list exactly as the page's in-memory table does: the same devices, in the
// same order, page after page (by cursor on the server, by offset in memory), with the same counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { DEVICE_SORT_FIELDS } from '../src/lib/device-fields';
import { DEVICE_STATUSES, statusFilter } from '../src/lib/device-status';
import { parseFilter } from '../src/lib/odata';
import { recordFilterFields, type DeviceQuery, type DeviceRows } from '../src/mocks/store/device-rows';
import { createSeed } from '../src/mocks/store/seed';
import { createMemoryStore, Store } from '../src/mocks/store/store';
import type { DeviceRecord } from '../src/mocks/store/types';
import { SqliteDeviceRows } from './store-sqlite';

function stores() {
  const seed = createSeed({ deviceCount: 700 });
  // Names that sort differently by locale, by code unit and by code point, and that fold case outside ASCII.
  const odd = ['machine 6', 'machine 36', 'Éclair', 'éclair', 'Zulu', 'zulu', '\uFFFD end', '\u{1F600} smile', 'KELVIN \u212A', 'İstanbul'];
  seed.devices.forEach((d, i) => {
    if (i % 7 === 0) d.displayName = odd[(i / 7) % odd.length] as string;
  });
  const memory = createMemoryStore(structuredClone(seed));
  const sqlite = new Store(new SqliteDeviceRows(':memory:'), structuredClone(seed));
  sqlite.changed();
  return { memory: memory.devices, sqlite: sqlite.devices, memoryStore: memory, sqliteStore: sqlite };
}

/** Every page of a list, following the table's cursor where it gives one. */
function walk(rows: DeviceRows, filter: string, orderBy: DeviceQuery['orderBy'], limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let count: number | undefined;
  for (let offset = 0; ; offset += limit) {
    const page = rows.query({ filter: parseFilter(filter, recordFilterFields), ...(orderBy ? { orderBy } : {}), offset, ...(cursor ? { cursor } : {}), limit, count: offset === 0 });
    if (offset === 0) count = page.count;
    ids.push(...page.records.map((r) => r.id));
    if (!page.hasMore) break;
    cursor = page.nextCursor;
  }
  return { ids, count };
}

const FILTERS = [
  '',
  ...DEVICE_STATUSES.map(statusFilter),
  "contains(displayName, 'lobby')",
  "contains(displayName, 'MACHINE') or contains(id, '00')",
  "contains(displayName, 'k')",
  "contains(displayName, 'i')",
  "contains(displayName, 'ÉCLAIR')",
  // Through the search index (3 characters or more): case folded as JavaScript folds, outside ASCII too.
  "contains(displayName, 'in k') or contains(id, 'in k')",
  "contains(displayName, 'stanbul')",
  "contains(displayName, 'i\u0307st')",
  "contains(displayName, 'ZULU') or contains(id, 'ZULU')",
  "contains(displayName, '\u{1F600} s')",
  "contains(id, 'ter-03') and blocked eq false",
  "not contains(displayName, 'machine') and contains(id, 'ilLER')",
  "(contains(displayName, 'Lab') or contains(id, 'Lab')) and template ne null and provisioned eq true",
  'template eq null',
  "not (template eq null) and simulated eq true",
  "displayName gt 'machine 4' and displayName lt 'zulu'",
  "id ge 'filler-0300' or displayName le 'Lab'",
  "template ne 'dtmi:com:example:Thermostat;1'",
];
const ORDERS: (DeviceQuery['orderBy'] | undefined)[] = [
  undefined,
  ...DEVICE_SORT_FIELDS.flatMap((field) => [
    { field, descending: false },
    { field, descending: true },
  ]),
];

describe('the search index', () => {
  const searches = ["contains(displayName, 'lobby') or contains(id, 'lobby')", "contains(displayName, 'moved here')", "contains(id, 'ilLER-00')"];

  it('finds what the scan finds (it answers these searches, and they have rows)', () => {
    const { memory, sqlite } = stores();
    for (const filter of searches.slice(0, 1).concat(searches.slice(2))) {
      expect(walk(sqlite, filter, undefined, 10).count, filter).toBeGreaterThan(0);
    }
    expect(walk(sqlite, "contains(displayName, 'in k')", undefined, 10).ids).toEqual(walk(memory, "contains(displayName, 'in k')", undefined, 10).ids);
  });

  it('follows renames, deletes and new devices in the same commit', () => {
    const seed = createSeed({ deviceCount: 300 });
    const memory = createMemoryStore(structuredClone(seed));
    const sqlite = new Store(new SqliteDeviceRows(':memory:'), structuredClone(seed));
    sqlite.changed();
    for (const store of [memory, sqlite]) {
      const ids = [...store.devices.keys()];
      const renamed = store.devices.get(ids[3] as string) as DeviceRecord;
      renamed.displayName = 'Moved here from the lobby';
      store.devices.delete(ids[5] as string);
      const lobby = [...store.devices.values()].find((d) => d.displayName.toLowerCase().includes('lobby') && d.id !== renamed.id) as DeviceRecord;
      store.devices.get(lobby.id);
      lobby.displayName = 'Roof';
      store.devices.set('filler-new', { ...lobby, id: 'filler-new', displayName: 'New LOBBY device' });
      store.changed(renamed, lobby);
    }
    for (const filter of searches) {
      for (const order of ORDERS) {
        const expected = walk(memory.devices, filter, order, 7);
        const actual = walk(sqlite.devices, filter, order, 7);
        expect(actual, `${filter} ${JSON.stringify(order)}`).toEqual(expected);
      }
    }
    expect(walk(sqlite.devices, "contains(displayName, 'moved here')", undefined, 7).ids).toHaveLength(1);
    sqlite.reset({ deviceCount: 10 });
    expect(walk(sqlite.devices, "contains(displayName, 'moved here')", undefined, 7).ids).toEqual([]);
  });
});

describe('SqliteDeviceRows.query', () => {
  const { memory, sqlite } = stores();
  for (const filter of FILTERS) {
    it(`answers "${filter || '(all)'}" as the in-memory table does, in every order`, () => {
      for (const order of ORDERS) {
        const expected = walk(memory, filter, order, 37);
        const actual = walk(sqlite, filter, order, 37);
        expect(actual.count, `${filter} ${JSON.stringify(order)}`).toBe(expected.count);
        expect(actual.ids, `${filter} ${JSON.stringify(order)}`).toEqual(expected.ids);
      }
    });
  }

  it('pages the same with a cursor as with an offset', () => {
    for (const order of ORDERS) {
      const byCursor = walk(sqlite, '', order, 50).ids;
      const byOffset: string[] = [];
      for (let offset = 0; offset < 700; offset += 50) {
        byOffset.push(...sqlite.query({ filter: { kind: 'true' }, ...(order ? { orderBy: order } : {}), offset, limit: 50, count: false }).records.map((r) => r.id));
      }
      expect(byCursor).toEqual(byOffset);
    }
  });

  it('keeps the status and template orders the same after writes that change them', () => {
    const both = stores();
    // Build the in-memory indexes first, so that the writes patch them rather than build them afresh.
    for (const field of ['status', 'template'] as const) walk(both.memory, '', { field, descending: false }, 100);
    for (const store of [both.memoryStore, both.sqliteStore]) {
      for (const [i, id] of ['thermostat-0001', 'env-sensor-0002', 'filler-0003', 'thermostat-0010', 'filler-0040'].entries()) {
        const record = store.devices.get(id);
        if (!record) continue;
        if (i % 2 === 0) record.blocked = !record.blocked;
        if (i % 3 === 0) record.template = record.template ? undefined : 'dtmi:com:example:Thermostat;1';
        if (i === 4) record.approvalPending = true;
        store.changed(record);
      }
    }
    for (const field of ['status', 'template'] as const) {
      for (const descending of [false, true]) {
        for (const filter of ['', statusFilter('blocked'), "contains(displayName, 'machine')"]) {
          const expected = walk(both.memory, filter, { field, descending }, 23);
          expect(walk(both.sqlite, filter, { field, descending }, 23), `${field} ${filter}`).toEqual(expected);
        }
      }
    }
  });
});

describe('the Last activity order', () => {
  it('orders by the latest hub time in SQL as in memory, after writes that change it', () => {
    const both = stores();
    walk(both.memory, '', { field: 'lastActivity', descending: true }, 100);
    for (const store of [both.memoryStore, both.sqliteStore]) {
      for (const [i, id] of ['thermostat-0001', 'env-sensor-0002', 'filler-0003', 'thermostat-0010', 'filler-0040', 'filler-0041'].entries()) {
        const record = store.devices.get(id);
        if (!record) continue;
        // Times that tie, that differ by field, and a device with only a disconnect.
        const at = `2026-12-01T10:0${i % 4}:00.000Z`;
        record.activity = i === 5 ? { lastDisconnectedAt: at } : { lastConnectedAt: at, ...(i % 2 ? { lastTelemetryAt: `2026-12-01T11:00:0${i}.000Z` } : {}) };
        store.changed(record);
      }
    }
    for (const descending of [false, true]) {
      for (const filter of ['', statusFilter('provisioned')]) {
        const expected = walk(both.memory, filter, { field: 'lastActivity', descending }, 7);
        expect(walk(both.sqlite, filter, { field: 'lastActivity', descending }, 7), `${descending} ${filter}`).toEqual(expected);
      }
    }
    // The latest telemetry first: 11:00:03 (i = 3), then 11:00:01 (i = 1).
    expect(walk(both.sqlite, '', { field: 'lastActivity', descending: true }, 3).ids.slice(0, 2)).toEqual(['thermostat-0010', 'env-sensor-0002']);
  });
});

describe('a database from before the last_activity column', () => {
  it('gets the column, filled from the records, and orders by it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'last-activity-'));
    const file = join(dir, 'old.sqlite');
    try {
      const seed = createSeed({ deviceCount: 50 });
      seed.devices.forEach((d, i) => {
        if (i % 3 === 0) d.activity = { lastConnectedAt: `2026-12-01T10:${String(i).padStart(2, '0')}:00.000Z` };
      });
      const before = new Store(new SqliteDeviceRows(file), structuredClone(seed));
      before.changed();
      (before.devices as SqliteDeviceRows).close();
      // As the table was: no column, an index on the record's JSON.
      const old = new DatabaseSync(file);
      old.exec(`DROP INDEX devices_by_last_activity_column; ALTER TABLE devices DROP COLUMN last_activity;
        CREATE INDEX devices_by_last_activity ON devices (coalesce(json_extract(record, '$.activity.lastConnectedAt'), ''), id);`);
      old.close();

      const reopened = new SqliteDeviceRows(file);
      const memory = createMemoryStore(structuredClone(seed));
      for (const descending of [false, true]) {
        const order = { field: 'lastActivity' as const, descending };
        expect(walk(reopened, '', order, 10)).toEqual(walk(memory.devices, '', order, 10));
      }
      const indexes = reopened.database.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all();
      expect(indexes.map((row) => row.name)).not.toContain('devices_by_last_activity');
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteDeviceRows.peekMany', () => {
  it('reads what peek() reads, in order: committed, written, deleted, added and missing ids, and held objects', () => {
    const { sqlite, sqliteStore } = stores();
    const [first, second, third] = [...sqlite.keys()];
    const held = sqlite.get(first as string) as DeviceRecord;
    held.displayName = 'renamed, not committed';
    sqlite.delete(second as string);
    const added = { ...held, id: 'added-now', displayName: 'Added now' };
    sqlite.set('added-now', added);
    const ids = [third, first, 'missing', second, 'added-now', third] as string[];
    const many = (sqlite as SqliteDeviceRows).peekMany(ids);
    expect(many).toEqual(ids.map((id) => sqlite.peek(id)));
    expect(many[1]).toBe(held);
    expect(many[4]).toBe(added);
    // The one object for a device: a later read hands out the same.
    expect(many[0]).toBe(many[5]);
    expect(sqlite.peek(third as string)).toBe(many[0]);
    sqliteStore.changed();
  });
});
