// The demo backend's index of the devices ordered by a field (the grid's sort), as a database keeps
// one: built once, then kept up to date by small writes (an approve, a rename, a new device), and
// thrown away only by large ones (an import batch), after which it is built again on demand, or in the
// background in slices that never hold the page for long (buildInSlices).
import { compareText } from '../../lib/text-order';
import { SORT_KEYS, type SortField } from './device-rows';
import type { DeviceRecord } from './types';

/** Above this many written devices in one change, rebuilding beats patching. */
const PATCH_LIMIT = 256;
/** Sorted runs of this length start the background build; then runs are merged in passes. */
const RUN = 1024;

function compareKeys(valueA: string, idA: string, valueB: string, idB: string): number {
  return compareText(valueA, valueB) || compareText(idA, idB);
}

export function compareBy(field: SortField): (a: DeviceRecord, b: DeviceRecord) => number {
  const key = SORT_KEYS[field];
  return (a, b) => compareKeys(key(a), a.id, key(b), b.id);
}

export class SortedIndex {
  private list: DeviceRecord[] | null = null;
  /** The sort value of each list entry when it was indexed (a record may change in place since). */
  private values: string[] = [];
  /** Each indexed device's record and sort value, as they were when indexed (two Maps, no object each). */
  private readonly recordOf = new Map<string, DeviceRecord>();
  private readonly valueOf = new Map<string, string>();
  private readonly compare: (a: DeviceRecord, b: DeviceRecord) => number;
  private readonly key: (record: DeviceRecord) => string;
  /** Bumped whenever the index is dropped, so a background build that started before gives up. */
  private generation = 0;

  constructor(readonly field: SortField) {
    this.compare = compareBy(field);
    this.key = SORT_KEYS[field];
  }

  get isBuilt(): boolean {
    return this.list !== null;
  }

  /** The devices in order, building the index now if needed. */
  sorted(devices: Iterable<DeviceRecord>): DeviceRecord[] {
    if (!this.list) this.adopt([...devices].sort(this.compare));
    return this.list as DeviceRecord[];
  }

  /** Builds the index in slices of about `sliceMs`, awaiting `pause()` between them. */
  async buildInSlices(
    devices: Iterable<DeviceRecord>,
    pause: () => Promise<void>,
    sliceMs = 8,
  ): Promise<void> {
    if (this.list) return;
    const generation = this.generation;
    let items = [...devices];
    let deadline = performance.now() + sliceMs;
    const breathe = async () => {
      if (performance.now() < deadline) return true;
      await pause();
      deadline = performance.now() + sliceMs;
      return this.generation === generation && !this.list;
    };
    for (let start = 0; start < items.length; start += RUN) {
      const run = items.slice(start, start + RUN).sort(this.compare);
      for (let i = 0; i < run.length; i++) items[start + i] = run[i] as DeviceRecord;
      if (!(await breathe())) return;
    }
    for (let width = RUN; width < items.length; width *= 2) {
      const out: DeviceRecord[] = new Array(items.length);
      for (let left = 0; left < items.length; left += 2 * width) {
        const mid = Math.min(left + width, items.length);
        const end = Math.min(left + 2 * width, items.length);
        let i = left;
        let j = mid;
        let k = left;
        while (i < mid && j < end) {
          out[k++] =
            this.compare(items[i] as DeviceRecord, items[j] as DeviceRecord) <= 0
              ? (items[i++] as DeviceRecord)
              : (items[j++] as DeviceRecord);
          if ((k & 511) === 0 && !(await breathe())) return;
        }
        while (i < mid) out[k++] = items[i++] as DeviceRecord;
        while (j < end) out[k++] = items[j++] as DeviceRecord;
      }
      items = out;
    }
    if (this.generation === generation && !this.list) this.adopt(items);
  }

  drop(): void {
    this.list = null;
    this.values = [];
    this.recordOf.clear();
    this.valueOf.clear();
    this.generation += 1;
  }

  /**
   * Brings the index up to date after a change: `written` are devices that may have been written
   * (some only read), `removed` devices that were deleted. `lookup` finds a device's current record.
   */
  update(
    written: Iterable<string>,
    removed: Iterable<string>,
    lookup: (id: string) => DeviceRecord | undefined,
  ): void {
    if (!this.list) {
      // A background build from before this change is out of date.
      this.generation += 1;
      return;
    }
    const changes: { id: string; record: DeviceRecord | undefined }[] = [];
    for (const id of removed) if (this.valueOf.has(id)) changes.push({ id, record: undefined });
    for (const id of written) {
      const record = lookup(id);
      if (this.recordOf.get(id) === record && this.valueOf.get(id) === (record && this.key(record))) continue;
      changes.push({ id, record });
      if (changes.length > PATCH_LIMIT) return this.drop();
    }
    for (const { id, record } of changes) {
      const before = this.valueOf.get(id);
      if (before !== undefined) {
        const at = this.search(before, id);
        if (this.list[at]?.id !== id) return this.drop();
        this.list.splice(at, 1);
        this.values.splice(at, 1);
        this.recordOf.delete(id);
        this.valueOf.delete(id);
      }
      if (record) {
        const value = this.key(record);
        const at = this.search(value, id);
        this.list.splice(at, 0, record);
        this.values.splice(at, 0, value);
        this.recordOf.set(id, record);
        this.valueOf.set(id, value);
      }
    }
  }

  private adopt(list: DeviceRecord[]): void {
    this.list = list;
    this.values = list.map(this.key);
    this.recordOf.clear();
    this.valueOf.clear();
    for (const record of list) {
      this.recordOf.set(record.id, record);
      this.valueOf.set(record.id, this.key(record));
    }
  }

  /** The first position whose device sorts at or after (value, id), by the values as indexed. */
  private search(value: string, id: string): number {
    const list = this.list as DeviceRecord[];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareKeys(this.values[mid] as string, (list[mid] as DeviceRecord).id, value, id) < 0)
        low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
