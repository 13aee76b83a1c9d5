// The console server's store: the demo backend's device table (src/mocks/store/device-rows.ts) in an
// embedded SQLite database (node:sqlite, WAL). Every store.changed() is one transaction: the devices a
// write touched, the settings, templates and groups; the handler answers only after it committed. A
// failed commit (disk full, locked) rolls back, leaves nothing of the write behind and throws
// StoreWriteError, which the handler answers with 503 in IoT Central's error envelope.
//
// Records are read on demand and kept by an identity map while a handler holds them (WeakRef), so two
// requests that read the same device share one object, as they do with the page's in-memory table.
// Lists are SQL on indexed columns (the filter tree of lib/odata.ts, compiled by `filterSql`).
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { isEnabled } from '../src/lib/device-lifecycle';
import { DEVICE_STATUS_LABELS } from '../src/lib/device-status';
import type { FilterNode } from '../src/lib/odata';
import {
  StoreWriteError,
  type DeviceQuery,
  type DeviceQueryPage,
  SORT_KEYS,
  type DeviceTableCommit,
  type SortField,
  type MetaKey,
  type StoreMeta,
} from '../src/mocks/store/device-rows';
import { SEED_VERSION } from '../src/mocks/store/seed';
import type { DurableDeviceRows } from '../src/mocks/store/store';
import type { DeviceRecord } from '../src/mocks/store/types';

/**
 * The text each sort orders by, as SQL: the same text as SORT_KEYS (device-rows.ts), so that SQLite's
 * BINARY order (by code point) gives the page's order. Status and template sort by expression indexes.
 */
const STATUS_SQL = `CASE WHEN blocked THEN '${DEVICE_STATUS_LABELS.blocked}' WHEN approval_pending THEN '${DEVICE_STATUS_LABELS.waitingForApproval}' WHEN template IS NULL THEN '${DEVICE_STATUS_LABELS.unassociated}' WHEN provisioned THEN '${DEVICE_STATUS_LABELS.provisioned}' ELSE '${DEVICE_STATUS_LABELS.registered}' END`;
const SORT_KEYS_SQL: Record<SortField, string> = {
  displayName: 'display_name',
  id: 'id',
  status: STATUS_SQL,
  template: "coalesce(template, '')",
  lastActivity: 'last_activity',
};

// last_activity is SORT_KEYS.lastActivity(record) ('' when the hub has seen nothing): a column, not an
// index on the record's JSON, which cost each insert three json_extract() calls (a third of an import's SQLite time).
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS devices (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    template TEXT,
    enabled INTEGER NOT NULL,
    provisioned INTEGER NOT NULL,
    simulated INTEGER NOT NULL,
    blocked INTEGER NOT NULL,
    approval_pending INTEGER NOT NULL,
    record TEXT NOT NULL,
    last_activity TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const INDEXES = `
  CREATE INDEX IF NOT EXISTS devices_by_name ON devices (display_name, id);
  CREATE INDEX IF NOT EXISTS devices_by_template ON devices (template, seq);
  CREATE INDEX IF NOT EXISTS devices_by_status ON devices (blocked, approval_pending, provisioned, seq);
  CREATE INDEX IF NOT EXISTS devices_by_status_label ON devices (${STATUS_SQL}, id);
  CREATE INDEX IF NOT EXISTS devices_by_template_id ON devices (coalesce(template, ''), id);
  CREATE INDEX IF NOT EXISTS devices_by_last_activity_column ON devices (last_activity, id);
`;

/** A database from before the last_activity column gets it, filled from the records, in one transaction. */
function addLastActivityColumn(database: DatabaseSync): void {
  const columns = database.prepare('PRAGMA table_info(devices)').all() as { name: string }[];
  if (columns.some((column) => column.name === 'last_activity')) return;
  const times = ['lastConnectedAt', 'lastDisconnectedAt', 'lastTelemetryAt']
    .map((field) => `coalesce(json_extract(record, '$.activity.${field}'), '')`)
    .join(', ');
  database.exec('BEGIN IMMEDIATE');
  try {
    database.exec(`ALTER TABLE devices ADD COLUMN last_activity TEXT NOT NULL DEFAULT ''`);
    database.exec(`UPDATE devices SET last_activity = max(${times}) WHERE json_extract(record, '$.activity') IS NOT NULL`);
    database.exec('DROP INDEX IF EXISTS devices_by_last_activity');
    database.exec('COMMIT');
  } catch (error) {
    if (database.isTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

/** The record's fields that `$filter` and `$orderby` read, as columns. */
const COLUMNS: Record<string, { column: string; type: 'string' | 'boolean' }> = {
  id: { column: 'id', type: 'string' },
  displayName: { column: 'display_name', type: 'string' },
  template: { column: 'template', type: 'string' },
  enabled: { column: 'enabled', type: 'boolean' },
  provisioned: { column: 'provisioned', type: 'boolean' },
  simulated: { column: 'simulated', type: 'boolean' },
  blocked: { column: 'blocked', type: 'boolean' },
  approvalPending: { column: 'approval_pending', type: 'boolean' },
};

/** The most WAL pages (4 KB each) before a commit checkpoints by itself, when writes never pause. */
const WAL_PAGES_MAX = 20_000;
const CHECKPOINT_QUIET_MS = 500;
/** The most remembered misses (load): lookups of absent devices without a commit do not grow it forever. */
const MISSING_MAX = 50_000;

const META_KEYS = ['settings', 'templates', 'groups', 'operations'] as const satisfies readonly MetaKey[];
/** A database from before the Device operations were kept has no 'operations' row: it starts with none. */
const META_DEFAULTS: Partial<Record<MetaKey, string>> = { operations: '[]' };

/** `$filter` as SQL with its parameters. Each part is 0 or 1, never NULL, so `NOT` means what it says. */
export function filterSql(node: FilterNode, params: SQLInputValue[]): string {
  switch (node.kind) {
    case 'true':
      return '1';
    case 'not':
      return `NOT (${filterSql(node.inner, params)})`;
    case 'and':
    case 'or':
      return `(${node.parts.map((part) => filterSql(part, params)).join(` ${node.kind.toUpperCase()} `)})`;
    case 'contains': {
      const { column } = COLUMNS[node.field] as { column: string };
      const needle = node.value.toLowerCase();
      if (needle === '') return '1';
      const search = searchQuery(node);
      if (search !== undefined) {
        params.push(search);
        return `seq IN ${SEARCH_HITS}`;
      }
      params.push(needle);
      // SQLite's lower() folds ASCII only: an ASCII needle is found by instr() in C, and names with other
      // characters (whose lower case may hold ASCII, e.g. U+212A KELVIN SIGN) are checked as the page checks.
      // eslint-disable-next-line no-control-regex
      if (/^[\x00-\x7f]*$/.test(needle)) {
        params.push(needle);
        return `(instr(lower(coalesce(${column}, '')), ?) > 0 OR (${column} GLOB '*[^\x01-\x7f]*' AND js_contains(${column}, ?)))`;
      }
      return `js_contains(coalesce(${column}, ''), ?)`;
    }
    case 'compare': {
      const { column, type } = COLUMNS[node.field] as { column: string; type: 'string' | 'boolean' };
      const { op, value } = node;
      // As lib/odata.ts compares: a missing or empty text is null; null is only ever eq or ne.
      if (value === null) {
        // Text is stored as NULL when missing or empty (columnsOf), so one test says both.
        const isNull = type === 'string' ? `${column} IS NULL` : '0';
        return op === 'eq' ? isNull : op === 'ne' ? `NOT ${isNull}` : '0';
      }
      const literal = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      if (literal === '') return op === 'ne' ? '1' : '0';
      params.push(literal);
      const sqlOp = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' }[op];
      // Only template can be NULL; the other columns compare as they are, so their indexes serve.
      if (node.field !== 'template') return `${column} ${sqlOp} ?`;
      if (op === 'ne') return `coalesce(${column} <> ?, 1)`;
      return `coalesce(${column} ${sqlOp} ?, 0)`;
    }
  }
}

function columnsOf(record: DeviceRecord): SQLInputValue[] {
  return [
    record.id,
    record.displayName,
    record.template || null,
    isEnabled(record) ? 1 : 0,
    record.provisioned ? 1 : 0,
    record.simulated ? 1 : 0,
    record.blocked ? 1 : 0,
    record.approvalPending ? 1 : 0,
    JSON.stringify(record),
    SORT_KEYS.lastActivity(record),
  ];
}

export class SqliteDeviceRows implements DurableDeviceRows {
  readonly database: DatabaseSync;
  private readonly statements: Record<
    'get' | 'getMany' | 'has' | 'count' | 'insert' | 'update' | 'delete' | 'deleteAll' | 'after' | 'metaGet' | 'metaPut',
    StatementSync
  >;
  /** Records handed out and still held somewhere, by id: one object per device. */
  private readonly live = new Map<string, WeakRef<DeviceRecord>>();
  private readonly forget = new FinalizationRegistry<string>((id) => {
    if (this.live.get(id)?.deref() === undefined) this.live.delete(id);
  });
  /** Written since the last commit (read with get(), or set()). */
  private readonly touched = new Map<string, DeviceRecord>();
  /** Deleted since the last commit, among the committed devices. */
  private readonly removed = new Set<string>();
  /** Set since the last commit and not among the committed devices. */
  private readonly added = new Set<string>();
  /** Looked up since the last commit and not in the database: an import's set() need not ask again. */
  private readonly missing = new Set<string>();
  /** The next checkpoint, at a quiet moment (scheduleCheckpoint). */
  private checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  private isCleared = false;
  private committedCount: number;
  /** Counts of filters since the last commit: the grid asks for the same count with every page. */
  private readonly counts = new Map<string, number>();
  /** The small tables as last committed, as JSON, to write only what changed. */
  private committedJson: Partial<Record<MetaKey, string>> = {};

  constructor(file: string) {
    this.database = new DatabaseSync(file);
    this.database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    // Checkpoints run when writes pause (scheduleCheckpoint), not inside a commit every 4 MB of WAL: an
    // import's commit then writes its WAL and returns. The limit still bounds the WAL under endless writes.
    this.database.exec(`PRAGMA wal_autocheckpoint = ${WAL_PAGES_MAX};`);
    this.database.exec(SCHEMA);
    addLastActivityColumn(this.database);
    this.database.exec(INDEXES);
    createSearchIndex(this.database);
    this.database.function('js_contains', { deterministic: true }, (text, needle) =>
      String(text ?? '').toLowerCase().includes(String(needle)) ? 1 : 0,
    );
    const prepare = (sql: string) => this.database.prepare(sql);
    this.statements = {
      get: prepare('SELECT record FROM devices WHERE id = ?'),
      getMany: prepare('SELECT id, record FROM devices WHERE id IN (SELECT value FROM json_each(?))'),
      has: prepare('SELECT 1 AS found FROM devices WHERE id = ?'),
      count: prepare('SELECT count(*) AS n FROM devices'),
      // An INSERT for a new device and an UPDATE for a committed one, never one upsert: with the search
      // index's triggers on the table, an INSERT … ON CONFLICT DO UPDATE cost 2.5 times as much per row.
      insert: prepare(`INSERT INTO devices (id, display_name, template, enabled, provisioned, simulated, blocked, approval_pending, record, last_activity)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`),
      update: prepare(`UPDATE devices SET display_name = ?2, template = ?3, enabled = ?4, provisioned = ?5,
        simulated = ?6, blocked = ?7, approval_pending = ?8, record = ?9, last_activity = ?10 WHERE id = ?1`),
      delete: prepare('DELETE FROM devices WHERE id = ?'),
      deleteAll: prepare('DELETE FROM devices'),
      after: prepare('SELECT seq, id, record FROM devices WHERE seq > ? ORDER BY seq LIMIT 500'),
      metaGet: prepare('SELECT key, value FROM meta'),
      metaPut: prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    this.committedCount = this.countCommitted();
  }

  close(): void {
    clearTimeout(this.checkpointTimer);
    this.database.close();
  }

  /** Copies the WAL into the database once no commit has come for CHECKPOINT_QUIET_MS. */
  private scheduleCheckpoint(): void {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      // PASSIVE: never waits, never fails a writer; what it could not copy, the next one does.
      if (this.database.isOpen) this.database.exec('PRAGMA wal_checkpoint(PASSIVE)');
    }, CHECKPOINT_QUIET_MS);
    this.checkpointTimer.unref();
  }

  /** The small tables as last committed; undefined for a new database (or one from another seed version). */
  committedMeta(): StoreMeta | undefined {
    const rows = this.statements.metaGet.all() as { key: string; value: string }[];
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    if (byKey.get('version') !== String(SEED_VERSION)) return undefined;
    for (const key of META_KEYS) if (!byKey.has(key) && META_DEFAULTS[key] === undefined) return undefined;
    this.committedJson = Object.fromEntries(
      META_KEYS.map((key) => [key, byKey.get(key) ?? (META_DEFAULTS[key] as string)]),
    ) as Record<MetaKey, string>;
    const read = <K extends MetaKey>(key: K) => JSON.parse(this.committedJson[key] as string) as StoreMeta[K];
    return {
      settings: read('settings'),
      templates: read('templates'),
      groups: read('groups'),
      operations: read('operations'),
    };
  }

  private countCommitted(): number {
    return (this.statements.count.get() as { n: number }).n;
  }

  private isCommitted(id: string): boolean {
    if (this.isCleared || this.missing.has(id)) return false;
    return this.statements.has.get(id) !== undefined;
  }

  /** The one object for a device: the one still held, or read now. Does not mark it written. */
  private load(id: string): DeviceRecord | undefined {
    if (this.removed.has(id)) return undefined;
    const pending = this.touched.get(id);
    if (pending) return pending;
    if (this.added.has(id)) return undefined;
    const held = this.live.get(id)?.deref();
    if (held) return held;
    if (this.isCleared || this.missing.has(id)) return undefined;
    const row = this.statements.get.get(id) as { record: string } | undefined;
    if (row) return this.hold(JSON.parse(row.record) as DeviceRecord);
    this.noteMissing(id);
    return undefined;
  }

  private noteMissing(id: string): void {
    if (this.missing.size >= MISSING_MAX) this.missing.clear();
    this.missing.add(id);
  }

  private hold(record: DeviceRecord): DeviceRecord {
    const held = this.live.get(record.id)?.deref();
    if (held) return held;
    this.live.set(record.id, new WeakRef(record));
    this.forget.register(record, record.id);
    return record;
  }

  /** One query for the ids not written, deleted or held since the last commit; the rest as load() has them. */
  peekMany(ids: readonly string[]): (DeviceRecord | undefined)[] {
    const rows = new Map<string, string>();
    if (!this.isCleared) {
      const unread = ids.filter(
        (id) => !this.removed.has(id) && !this.touched.has(id) && !this.added.has(id) && this.live.get(id)?.deref() === undefined,
      );
      if (unread.length > 0) {
        for (const row of this.statements.getMany.all(JSON.stringify(unread)) as { id: string; record: string }[]) {
          rows.set(row.id, row.record);
        }
        // What the query did not find is not asked for again (load() below answers from `missing`).
        for (const id of unread) if (!rows.has(id)) this.noteMissing(id);
      }
    }
    return ids.map((id) => {
      const text = rows.get(id);
      return text === undefined ? this.load(id) : this.hold(JSON.parse(text) as DeviceRecord);
    });
  }

  get(id: string): DeviceRecord | undefined {
    const record = this.load(id);
    if (record) this.touched.set(id, record);
    return record;
  }

  peek(id: string): DeviceRecord | undefined {
    return this.load(id);
  }

  has(id: string): boolean {
    return this.load(id) !== undefined;
  }

  set(id: string, record: DeviceRecord): this {
    if (this.removed.has(id) || !this.isCommitted(id)) this.added.add(id);
    this.touched.set(id, record);
    this.live.set(id, new WeakRef(record));
    this.forget.register(record, id);
    return this;
  }

  delete(id: string): boolean {
    if (this.load(id) === undefined) return false;
    this.touched.delete(id);
    this.live.delete(id);
    if (this.added.delete(id)) {
      // Added and deleted before a commit: the committed row, if any, was already marked removed.
      return true;
    }
    this.removed.add(id);
    return true;
  }

  clear(): void {
    this.touched.clear();
    this.removed.clear();
    this.added.clear();
    this.live.clear();
    this.isCleared = true;
  }

  get size(): number {
    return (this.isCleared ? 0 : this.committedCount) - this.removed.size + this.added.size;
  }

  touch(id: string): void {
    const held = this.live.get(id)?.deref();
    if (held && !this.removed.has(id)) this.touched.set(id, held);
  }

  /** Every device in insertion order; records still held are the objects handed out. */
  *values(): IterableIterator<DeviceRecord> {
    const yielded = new Set<string>();
    if (!this.isCleared) {
      let seq = 0;
      for (;;) {
        const rows = this.statements.after.all(seq) as { seq: number; id: string; record: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          seq = row.seq;
          if (this.removed.has(row.id) || this.added.has(row.id)) continue;
          yielded.add(row.id);
          yield this.touched.get(row.id) ?? this.live.get(row.id)?.deref() ?? (JSON.parse(row.record) as DeviceRecord);
        }
      }
    }
    for (const id of this.added) {
      const record = this.touched.get(id);
      if (record && !yielded.has(id)) yield record;
    }
  }

  *keys(): IterableIterator<string> {
    for (const record of this.values()) yield record.id;
  }

  commit(meta: () => StoreMeta): DeviceTableCommit {
    const written = [...this.touched.keys()];
    const removed = [...this.removed];
    const current = meta();
    const metaJson = Object.fromEntries(META_KEYS.map((key) => [key, JSON.stringify(current[key])])) as Record<MetaKey, string>;
    const metaChanged = META_KEYS.filter((key) => metaJson[key] !== this.committedJson[key]);
    if (!this.isCleared && written.length === 0 && removed.length === 0 && metaChanged.length === 0) {
      return { written, removed };
    }
    const { insert, update, delete: remove, deleteAll, metaPut } = this.statements;
    const nextCount = this.size;
    const isAll = this.isCleared;
    try {
      this.database.exec('BEGIN IMMEDIATE');
      try {
        const searchMark = newDevicesMark(this.database);
        if (this.isCleared) deleteAll.run();
        for (const id of removed) remove.run(id);
        // Deleted and added again in one commit: a new row, at the end of the insertion order.
        for (const id of this.added) if (this.removed.has(id)) remove.run(id);
        for (const [id, record] of this.touched) (this.added.has(id) ? insert : update).run(...columnsOf(record));
        metaPut.run('version', String(SEED_VERSION));
        for (const key of metaChanged) metaPut.run(key, metaJson[key]);
        indexNewDevices(this.database, searchMark);
        this.database.exec('COMMIT');
      } catch (error) {
        if (this.database.isTransaction) this.database.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      // Nothing of this write was kept: forget it here too, so the next read is the committed record.
      this.clearPending();
      this.live.clear();
      throw new StoreWriteError(error instanceof Error ? error.message : String(error));
    }
    this.committedCount = nextCount;
    this.scheduleCheckpoint();
    for (const key of metaChanged) this.committedJson[key] = metaJson[key];
    this.clearPending();
    return { written, removed, metaChanged, ...(isAll ? { isAll } : {}) };
  }

  private clearPending(): void {
    this.counts.clear();
    this.missing.clear();
    this.touched.clear();
    this.removed.clear();
    this.added.clear();
    this.isCleared = false;
  }

  query(query: DeviceQuery): DeviceQueryPage {
    const params: SQLInputValue[] = [];
    const { from, countFrom, filter } = searchSql(query.filter, params);
    const countParams = [...params];
    let where = filter;
    if (query.afterId !== undefined) {
      where = `(${where}) AND id > ?`;
      params.push(query.afterId);
    }
    const sort = query.orderBy ? SORT_KEYS_SQL[query.orderBy.field] : undefined;
    const direction = query.orderBy?.descending ? 'DESC' : 'ASC';
    // After the previous page's last row, by the index the order uses: no rows are stepped over.
    const after = parseCursor(query.cursor, sort);
    let offset = query.offset;
    if (after) {
      const op = direction === 'DESC' ? '<' : '>';
      if (!sort) where = `(${where}) AND seq > ?`;
      else if (sort === 'id') where = `(${where}) AND id ${op} ?`;
      else where = `(${where}) AND (${sort}, id) ${op} (?, ?)`;
      params.push(...after);
      offset = 0;
    }
    const order = sort ? `${sort} ${direction}, id ${direction}` : 'seq';
    const rows = this.database
      .prepare(`SELECT seq, id, ${sort ?? 'NULL'} AS sort_key, record FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, query.limit + 1, offset) as { seq: number; id: string; sort_key: string | null; record: string }[];
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const records = page.map((row) => this.live.get(row.id)?.deref() ?? this.hold(JSON.parse(row.record) as DeviceRecord));
    const last = page.at(-1);
    const nextCursor = last
      ? JSON.stringify(!sort ? [last.seq] : sort === 'id' ? [last.id] : [last.sort_key, last.id])
      : undefined;
    const result: DeviceQueryPage = { records, hasMore, ...(hasMore && nextCursor ? { nextCursor } : {}) };
    if (!query.count) return result;
    if (query.filter.kind === 'true' && query.afterId === undefined) return { ...result, count: this.committedCount };
    const countWhere = query.afterId === undefined ? filter : `(${filter}) AND id > ?`;
    if (query.afterId !== undefined) countParams.push(query.afterId);
    const key = `${countWhere}\u0000${JSON.stringify(countParams)}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      const table = query.afterId === undefined ? countFrom : from;
      count = (this.database.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${countWhere}`).get(...countParams) as { n: number }).n;
      if (this.counts.size > 100) this.counts.clear();
      this.counts.set(key, count);
    }
    return { ...result, count };
  }
}

/** A cursor this table made: the sort key of a page's last row ([seq], [id] or [sort key, id]). */
function parseCursor(cursor: string | undefined, sort: string | undefined): SQLInputValue[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(cursor) as unknown;
    const size = !sort ? 1 : sort === 'id' ? 1 : 2;
    if (!Array.isArray(key) || key.length !== size) return undefined;
    if (!sort ? Number.isInteger(key[0]) : key.every((part) => typeof part === 'string')) return key as SQLInputValue[];
  } catch {
    // not ours: page by offset
  }
  return undefined;
}

// ---- Search index ------------------------------------------------------------------------------------
// contains(displayName, …) and contains(id, …) through an FTS5 trigram index instead of a scan. The index
// holds each name and ID as JavaScript lower-cases them (search_fold), case-sensitive, so a phrase of a
// needle's trigrams matches exactly the rows whose lower-cased text includes the lower-cased needle: the
// in-memory table's rule (lib/odata.ts), with no second check. It changes in the transaction of the row
// writes: new devices with one INSERT … SELECT per commit (indexNewDevices: FTS5 writes its pending terms
// at each statement, so a trigger per row cost 5 times as much in an import), renames and deletes by
// triggers. A needle of fewer than 3 characters (no trigram), or one that SQLite's UTF-8 could change
// (a lone surrogate, U+FFFD, NUL), falls back to the scan.

const SEARCH_SCHEMA = `
  CREATE VIRTUAL TABLE device_search USING fts5(search_name, search_id,
    tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1);
  CREATE TRIGGER device_search_delete AFTER DELETE ON devices BEGIN
    DELETE FROM device_search WHERE rowid = old.seq;
  END;
  CREATE TRIGGER device_search_update AFTER UPDATE OF display_name, id ON devices
    WHEN old.display_name IS NOT new.display_name OR old.id IS NOT new.id BEGIN
    DELETE FROM device_search WHERE rowid = old.seq;
    INSERT INTO device_search (rowid, search_name, search_id) VALUES (new.seq, search_fold(new.display_name), search_fold(new.id));
  END;
`;

/** NUL, U+FFFD and lone surrogates: text that UTF-8 in SQLite would not keep as JavaScript has it. */
// eslint-disable-next-line no-control-regex
const UNSAFE_NEEDLE = /[\u0000\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SEARCH_COLUMNS: Record<string, string> = { displayName: 'search_name', id: 'search_id' };
/**
 * The rows a search matches, joined to their devices. CROSS JOIN keeps the index as the outer loop (the
 * planner would otherwise run the search once for each device of another index), in rowid order, which
 * is `seq`: the default order needs no sort and the first page stops early.
 */
const SEARCH_HITS = '(SELECT rowid AS seq FROM device_search WHERE device_search MATCH ?)';
const SEARCH_FROM = `${SEARCH_HITS} AS search_hits CROSS JOIN devices USING (seq)`;

/** Registers search_fold and creates the index; a database from before the index is indexed once here. */
function createSearchIndex(database: DatabaseSync): void {
  database.function('search_fold', { deterministic: true }, (text) => (text === null ? null : String(text).toLowerCase()));
  // An index from before indexNewDevices had an insert trigger: new devices would be indexed twice.
  database.exec('DROP TRIGGER IF EXISTS device_search_insert');
  const exists = database.prepare("SELECT 1 AS found FROM sqlite_master WHERE name = 'device_search'").get();
  if (exists) return;
  database.exec('BEGIN IMMEDIATE');
  try {
    database.exec(SEARCH_SCHEMA);
    database.exec('INSERT INTO device_search (rowid, search_name, search_id) SELECT seq, search_fold(display_name), search_fold(id) FROM devices');
    database.exec('COMMIT');
  } catch (error) {
    if (database.isTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

const searchStatements = new WeakMap<DatabaseSync, { mark: StatementSync; index: StatementSync }>();

function statementsOf(database: DatabaseSync) {
  let statements = searchStatements.get(database);
  if (!statements) {
    statements = {
      mark: database.prepare('SELECT coalesce(max(seq), 0) AS seq FROM devices'),
      index: database.prepare(
        'INSERT INTO device_search (rowid, search_name, search_id) SELECT seq, search_fold(display_name), search_fold(id) FROM devices WHERE seq > ?',
      ),
    };
    searchStatements.set(database, statements);
  }
  return statements;
}

/** Before a commit's writes: the last device's seq. Every device the commit adds comes after it (AUTOINCREMENT). */
function newDevicesMark(database: DatabaseSync): number {
  return (statementsOf(database).mark.get() as { seq: number }).seq;
}

/** After a commit's writes, in its transaction: indexes the devices it added, in one statement. */
function indexNewDevices(database: DatabaseSync, mark: number): void {
  statementsOf(database).index.run(mark);
}

/** The needle of a contains() the index answers exactly, with the index's column; or undefined. */
function searchTerm(node: FilterNode): { column: string; needle: string } | undefined {
  if (node.kind !== 'contains') return undefined;
  const column = SEARCH_COLUMNS[node.field];
  const needle = node.value.toLowerCase();
  if (!column || [...needle].length < 3 || UNSAFE_NEEDLE.test(needle)) return undefined;
  return { column, needle };
}

/** A contains(), or an `or` of them (the grid's name-or-ID search), as one FTS5 query; or undefined. */
function searchQuery(node: FilterNode): string | undefined {
  const terms = node.kind === 'or' ? node.parts.map(searchTerm) : [searchTerm(node)];
  if (terms.length === 0 || terms.some((term) => term === undefined)) return undefined;
  // One phrase per needle, over the columns that look for it: `{search_name search_id} : "lobby"`.
  const columns = new Map<string, string[]>();
  for (const { column, needle } of terms as { column: string; needle: string }[]) {
    columns.set(needle, [...(columns.get(needle) ?? []), column]);
  }
  return [...columns].map(([needle, names]) => `{${names.join(' ')}} : "${needle.replaceAll('"', '""')}"`).join(' OR ');
}

/**
 * Where the rows of a filter come from: when the filter is a search (or a search `and` other conditions),
 * the index drives the query (SEARCH_FROM); a count of the search alone is counted in the index.
 */
function searchSql(filter: FilterNode, params: SQLInputValue[]): { from: string; countFrom: string; filter: string } {
  const parts = filter.kind === 'and' ? filter.parts : [filter];
  const index = parts.findIndex((part) => searchQuery(part) !== undefined);
  if (index < 0) return { from: 'devices', countFrom: 'devices', filter: filterSql(filter, params) };
  params.push(searchQuery(parts[index] as FilterNode) as string);
  const rest = parts.filter((_, i) => i !== index);
  if (rest.length === 0) return { from: SEARCH_FROM, countFrom: SEARCH_HITS, filter: '1' };
  return { from: SEARCH_FROM, countFrom: SEARCH_FROM, filter: filterSql({ kind: 'and', parts: rest }, params) };
}
