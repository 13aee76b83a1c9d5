// The demo backend's in-memory state: typed tables, a deterministic seed and reset().
// The browser persists it (persistence.ts); Node tests never do.
import type { ConnectionSettings } from '../../api/extensions';
import { DeviceTable } from './device-table';
import { createSeed, SEED_VERSION } from './seed';
import { SortedIndex, type SortField } from './sorted-index';
import type { DeviceRecord, EnrollmentGroupRecord, StoreSnapshot, TemplateRecord } from './types';

type Listener = () => void;

export class Store {
  settings!: ConnectionSettings;
  /** Write a device through get() (then change it in place), set() or delete(); see device-table.ts. */
  readonly devices = new DeviceTable();
  readonly templates = new Map<string, TemplateRecord>();
  readonly groups = new Map<string, EnrollmentGroupRecord>();
  /** Devices still being restored from IndexedDB at boot (persistence.ts); lists count them. */
  restoringDevices = 0;
  private etagCounter = 0;
  private listeners = new Set<Listener>();
  private readonly indexes: Record<SortField, SortedIndex> = { displayName: new SortedIndex('displayName'), id: new SortedIndex('id') };
  /** Wall clock; tests may replace it. */
  now: () => Date = () => new Date();

  constructor(snapshot: StoreSnapshot = createSeed()) {
    this.load(snapshot);
  }

  load(snapshot: StoreSnapshot): void {
    this.settings = { ...snapshot.settings };
    this.devices.clear();
    this.templates.clear();
    this.groups.clear();
    for (const d of snapshot.devices) this.devices.set(d.id, d);
    for (const t of snapshot.templates) this.templates.set(t.template['@id'], t);
    for (const g of snapshot.groups) this.groups.set(g.id, g);
    for (const index of Object.values(this.indexes)) index.drop();
  }

  snapshot(): StoreSnapshot {
    return {
      version: SEED_VERSION,
      settings: this.settings,
      devices: [...this.devices.values()],
      templates: [...this.templates.values()],
      groups: [...this.groups.values()],
    };
  }

  reset(options: { deviceCount?: number } = {}): void {
    this.load(createSeed(options));
    this.changed();
  }

  nextEtag(): string {
    this.etagCounter += 1;
    // ASCII only, so btoa gives the base64 of its UTF-8 bytes (an import makes 100,000 of these).
    return btoa(`"${Date.now().toString(36)}-${this.etagCounter}"`);
  }

  /** Devices ordered by a field (then by id), from an index kept up to date by changed(). */
  devicesSortedBy(field: SortField): DeviceRecord[] {
    return this.indexes[field].sorted(this.devices.values());
  }

  /** Builds the sort indexes that are missing, in slices, awaiting `pause()` between them (browser). */
  async buildSortIndexes(pause: () => Promise<void>): Promise<void> {
    for (const index of Object.values(this.indexes)) await index.buildInSlices(this.devices.values(), pause);
  }

  /** Call after every write: updates the indexes and tells the persistence layer. */
  /**
   * Call after every write. Pass the device records the write changed in place: a handler that read a
   * record before an await may have had its get() mark committed by another request in between.
   */
  changed(...records: DeviceRecord[]): void {
    for (const record of records) this.devices.touch(record.id);
    const { written, removed } = this.devices.commit();
    for (const index of Object.values(this.indexes)) index.update(written, removed, (id) => this.devices.peek(id));
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const store = new Store();
