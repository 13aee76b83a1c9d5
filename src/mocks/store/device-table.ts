// The demo store's device table: a Map in insertion order that also remembers, for persistence, which
// devices were written since the last save, by chunk of DEVICE_CHUNK_SIZE positions. Persistence then
// saves only the chunks that changed, instead of the whole table after every change.
//
// Writes are tracked without help from the handlers: set() and delete() mark a device, and so does
// get(), because handlers change a record in place after reading it (then call store.changed(), which
// turns the marks into dirty chunks). A get() that only reads costs at most one chunk rewrite later.
// Iteration (values(), for...of) does not mark: change records found that way through get() or set().
import type { DeviceRecord } from './types';

/** Devices per persisted chunk: ~1,000 records are a few hundred KB, cloned in a few milliseconds. */
export const DEVICE_CHUNK_SIZE = 1000;

/** A persisted chunk: the records at positions chunk * DEVICE_CHUNK_SIZE + i, null where one was deleted. */
export type DeviceChunk = (DeviceRecord | null)[];

/** The devices a change may have written (some only read) or deleted, for the sort indexes. */
export interface DeviceTableCommit {
  written: string[];
  removed: string[];
}

export interface DeviceTableChanges {
  /** The whole table was replaced (load, reset): rewrite every chunk and drop the others. */
  isAll: boolean;
  /** Chunks with a written or deleted device, ascending. */
  chunks: number[];
}

export class DeviceTable extends Map<string, DeviceRecord> {
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

  /** Called by store.changed(): what was written since the last call becomes dirty chunks. */
  commit(): DeviceTableCommit {
    for (const id of this.touched) {
      const position = this.positions.get(id);
      if (position !== undefined) this.dirtyChunks.add(Math.floor(position / DEVICE_CHUNK_SIZE));
    }
    const commit = { written: [...this.touched], removed: [...this.removed] };
    this.touched.clear();
    this.removed.clear();
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
}
