// The demo store's device table: a Map in insertion order that also remembers, for persistence, which
// devices were written since the last save, by chunk of DEVICE_CHUNK_SIZE positions. Persistence then
// saves only the chunks that changed, instead of the whole table after every change.
//
// Writes are tracked without help from the handlers: set() and delete() mark a device, and so does
// get(), because handlers change a record in place after reading it (then call store.changed(), which
// turns the marks into dirty chunks). A get() that only reads costs at most one chunk rewrite later.
// Iteration (values(), for...of) does not mark: change records found that way through get() or set().
import { toPredicate } from '../../lib/odata';
import { compareText } from '../../lib/text-order';
import type { DeviceQuery, DeviceQueryPage, DeviceRows, DeviceTableCommit, SortField, StoreMeta } from './device-rows';
import { recordFilterFields } from './device-rows';
import { SortedIndex } from './sorted-index';
import type { DeviceRecord } from './types';

/** Devices per persisted chunk: ~1,000 records are a few hundred KB, cloned in a few milliseconds. */
export const DEVICE_CHUNK_SIZE = 1000;

/** A persisted chunk: the records at positions chunk * DEVICE_CHUNK_SIZE + i, null where one was deleted. */
export type DeviceChunk = (DeviceRecord | null)[];

export interface DeviceTableChanges {
  /** The whole table was replaced (load, reset): rewrite every chunk and drop the others. */
  isAll: boolean;
  /** Chunks with a written or deleted device, ascending. */
  chunks: number[];
}

export class DeviceTable extends Map<string, DeviceRecord> implements DeviceRows {
  /** The devices ordered by each sortable field, kept up to date by commit(). */
  private readonly indexes: Record<SortField, SortedIndex> = {
    displayName: new SortedIndex('displayName'),
    id: new SortedIndex('id'),
    status: new SortedIndex('status'),
    template: new SortedIndex('template'),
    lastActivity: new SortedIndex('lastActivity'),
  };
  /** Position of each device, in insertion order. Deleted positions stay empty until the next load. */
  private readonly positions = new Map<string, number>();
  private readonly order: (string | undefined)[] = [];
  private readonly touched = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly dirtyChunks = new Set<number>();
  private isAllDirty = true;

  override get(id: string): DeviceRecord | undefined {
    const record = super.get(id);
    if (record) this.touched.add(id);
    return record;
  }

  /** Marks a device as written (its chunk is saved at the next commit). */
  touch(id: string): void {
    if (this.positions.has(id)) this.touched.add(id);
  }

  /** get() for code that only reads: marks nothing. */
  peek(id: string): DeviceRecord | undefined {
    return super.get(id);
  }

  peekMany(ids: readonly string[]): (DeviceRecord | undefined)[] {
    return ids.map((id) => super.get(id));
  }

  override set(id: string, record: DeviceRecord): this {
    if (!this.positions.has(id)) {
      this.positions.set(id, this.order.length);
      this.order.push(id);
    }
    this.touched.add(id);
    return super.set(id, record);
  }

  override delete(id: string): boolean {
    const position = this.positions.get(id);
    if (position === undefined || !super.delete(id)) return false;
    this.positions.delete(id);
    this.order[position] = undefined;
    this.touched.delete(id);
    this.removed.add(id);
    this.dirtyChunks.add(Math.floor(position / DEVICE_CHUNK_SIZE));
    return true;
  }

  override clear(): void {
    super.clear();
    for (const index of Object.values(this.indexes)) index.drop();
    this.positions.clear();
    this.order.length = 0;
    this.touched.clear();
    this.removed.clear();
    this.dirtyChunks.clear();
    this.isAllDirty = true;
  }

  /** Puts a persisted chunk back at its positions (restore); marks nothing. */
  restoreChunk(chunk: number, records: DeviceChunk): void {
    const base = chunk * DEVICE_CHUNK_SIZE;
    records.forEach((record, i) => {
      if (!record || super.has(record.id)) return;
      this.positions.set(record.id, base + i);
      this.order[base + i] = record.id;
      super.set(record.id, record);
    });
  }

  /**
   * Called by store.changed(): what was written since the last call becomes dirty chunks, saved later by
   * persistence.ts (the page's store is not durable at commit; its answers wait for the save instead).
   */
  commit(_meta?: () => StoreMeta): DeviceTableCommit {
    for (const id of this.touched) {
      const position = this.positions.get(id);
      if (position !== undefined) this.dirtyChunks.add(Math.floor(position / DEVICE_CHUNK_SIZE));
    }
    const commit = { written: [...this.touched], removed: [...this.removed] };
    this.touched.clear();
    this.removed.clear();
    for (const index of Object.values(this.indexes)) index.update(commit.written, commit.removed, (id) => this.peek(id));
    return commit;
  }

  /** What to save since the last call, and forgets it. */
  takeChanges(): DeviceTableChanges {
    const changes = { isAll: this.isAllDirty, chunks: [...this.dirtyChunks].sort((a, b) => a - b) };
    this.isAllDirty = false;
    this.dirtyChunks.clear();
    return changes;
  }

  /** After a failed save: the next one writes the whole table. */
  markAllDirty(): void {
    this.isAllDirty = true;
  }

  get chunkCount(): number {
    return Math.ceil(this.order.length / DEVICE_CHUNK_SIZE);
  }

  /** A chunk as persisted; all null when every device in it was deleted. */
  chunk(chunk: number): DeviceChunk {
    const base = chunk * DEVICE_CHUNK_SIZE;
    const out: DeviceChunk = [];
    for (let i = 0; i < DEVICE_CHUNK_SIZE && base + i < this.order.length; i++) {
      const id = this.order[base + i];
      out.push(id === undefined ? null : (super.get(id) ?? null));
    }
    return out;
  }

  /** Devices ordered by a field (then by id), from an index kept up to date by commit(). */
  sortedBy(field: SortField): DeviceRecord[] {
    return this.indexes[field].sorted(this.values());
  }

  /** Builds the sort indexes that are missing, in slices, awaiting `pause()` between them (browser). */
  async buildSortIndexes(pause: () => Promise<void>): Promise<void> {
    for (const index of Object.values(this.indexes)) await index.buildInSlices(this.values(), pause);
  }

  query(query: DeviceQuery): DeviceQueryPage {
    const { orderBy, afterId, offset, limit } = query;
    const end = offset + limit;
    const isAll = query.filter.kind === 'true' && afterId === undefined;
    const records: DeviceRecord[] = [];
    if (isAll) {
      // Every device matches: the page is a slice, the count the table's size.
      if (orderBy) {
        const sorted = this.sortedBy(orderBy.field);
        for (let i = offset; i < Math.min(end, sorted.length); i++) {
          records.push(sorted[orderBy.descending ? sorted.length - 1 - i : i] as DeviceRecord);
        }
      } else {
        let i = 0;
        for (const record of this.values()) {
          if (i >= end) break;
          if (i++ >= offset) records.push(record);
        }
      }
      return { records, hasMore: this.size > end, ...(query.count ? { count: this.size } : {}) };
    }
    const predicate = toPredicate(query.filter, recordFilterFields);
    const sorted = orderBy ? this.sortedBy(orderBy.field) : undefined;
    const candidates: Iterable<DeviceRecord> = sorted
      ? orderBy?.descending
        ? reversed(sorted)
        : sorted
      : this.values();
    let matched = 0;
    for (const record of candidates) {
      if (afterId !== undefined && compareText(record.id, afterId) <= 0) continue;
      if (!predicate(record)) continue;
      if (matched >= offset && records.length < limit) records.push(record);
      matched += 1;
      if (!query.count && matched > end) break;
    }
    return { records, hasMore: matched > end, ...(query.count ? { count: matched } : {}) };
  }
}

function* reversed<T>(items: readonly T[]): Generator<T> {
  for (let i = items.length - 1; i >= 0; i--) yield items[i] as T;
}
