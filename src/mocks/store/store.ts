// The demo backend's in-memory state: typed tables, a deterministic seed and reset().
// The browser persists it (persistence.ts); Node tests never do.
import type { ConnectionSettings } from '../../api/extensions';
import { bytesToBase64 } from '../../lib/base64';
import { createSeed, SEED_VERSION } from './seed';
import type { DeviceRecord, EnrollmentGroupRecord, StoreSnapshot, TemplateRecord } from './types';

type Listener = () => void;

export class Store {
  settings!: ConnectionSettings;
  readonly devices = new Map<string, DeviceRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly groups = new Map<string, EnrollmentGroupRecord>();
  private etagCounter = 0;
  private listeners = new Set<Listener>();
  private sorted = new Map<string, DeviceRecord[]>();
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
    this.sorted.clear();
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
    return bytesToBase64(new TextEncoder().encode(`"${Date.now().toString(36)}-${this.etagCounter}"`));
  }

  /** Devices ordered by a field; cached until the device table changes. */
  devicesSortedBy(field: 'displayName' | 'id'): DeviceRecord[] {
    let list = this.sorted.get(field);
    if (!list) {
      const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
      list = [...this.devices.values()].sort((a, b) => collator.compare(a[field], b[field]) || (a.id < b.id ? -1 : 1));
      this.sorted.set(field, list);
    }
    return list;
  }

  /** Call after every write: drops caches and tells the persistence layer. */
  changed(): void {
    this.sorted.clear();
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const store = new Store();
