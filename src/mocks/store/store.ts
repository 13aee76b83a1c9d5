// The demo backend's state: typed tables, a deterministic seed and reset(). The devices live in a
// DeviceRows table (device-rows.ts): in memory in the page (persisted by persistence.ts) and in Node tests,
// in SQLite on the console server (server/store-sqlite.ts), where every changed() is one transaction.
import type { ConnectionSettings } from '../../api/extensions';
import type { DeviceOperationEntry } from '../../lib/device-operation-records';
import type { DeviceRows, DeviceTableCommit, StoreMeta } from './device-rows';
import { DeviceTable } from './device-table';
import { createSeed, SEED_VERSION } from './seed';
import type { DeviceRecord, EnrollmentGroupRecord, StoreSnapshot, TemplateRecord } from './types';

type Listener = (commit: DeviceTableCommit) => void;

/** A durable table also keeps the small tables, and gives back what it last committed after a failed write. */
export interface DurableDeviceRows extends DeviceRows {
  committedMeta(): StoreMeta | undefined;
}

export class Store<Rows extends DeviceRows = DeviceRows> {
  settings!: ConnectionSettings;
  /** Write a device through get() (then change it in place), set() or delete(); see device-rows.ts. */
  readonly devices: Rows;
  readonly templates = new Map<string, TemplateRecord>();
  readonly groups = new Map<string, EnrollmentGroupRecord>();
  /** The Device operations' reports, newest first (mocks/iotcentral/operation-records.ts writes them). */
  operations: DeviceOperationEntry[] = [];
  /** Devices connected to this process's IoT hub now (the console server's); never stored. */
  readonly presence = new Set<string>();
  /** Devices still being restored from IndexedDB at boot (persistence.ts); lists count them. */
  restoringDevices = 0;
  private etagCounter = 0;
  private listeners = new Set<Listener>();
  /** Wall clock; tests may replace it. */
  now: () => Date = () => new Date();

  /** A store on `devices`. A durable table that already holds data keeps it; any other starts from `snapshot`. */
  constructor(devices: Rows, snapshot: StoreSnapshot = createSeed()) {
    this.devices = devices;
    const saved = isDurable(this.devices) ? this.devices.committedMeta() : undefined;
    if (saved) this.loadMeta(saved);
    else this.load(snapshot);
  }

  /** Replaces everything with `snapshot`; durable only once changed() commits it (reset() does). */
  load(snapshot: StoreSnapshot): void {
    this.loadMeta({ ...snapshot, operations: snapshot.operations ?? [] });
    this.devices.clear();
    for (const d of snapshot.devices) this.devices.set(d.id, d);
  }

  private loadMeta(meta: StoreMeta): void {
    this.settings = { ...meta.settings };
    this.templates.clear();
    this.groups.clear();
    for (const t of meta.templates) this.templates.set(t.template['@id'], t);
    for (const g of meta.groups) this.groups.set(g.id, g);
    this.operations = meta.operations.map((op) => ({ ...op }));
  }

  private meta(): StoreMeta {
    return {
      settings: this.settings,
      templates: [...this.templates.values()],
      groups: [...this.groups.values()],
      operations: this.operations,
    };
  }

  snapshot(): StoreSnapshot {
    return { version: SEED_VERSION, ...this.meta(), devices: [...this.devices.values()] };
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

  /** Builds the in-memory sort indexes that are missing, in slices, awaiting `pause()` between them (browser). */
  async buildSortIndexes(pause: () => Promise<void>): Promise<void> {
    if (this.devices instanceof DeviceTable) await this.devices.buildSortIndexes(pause);
  }

  /**
   * Call after every write. Pass the device records the write changed in place: a handler that read a
   * record before an await may have had its get() mark committed by another request in between.
   * On a durable table this is the write's transaction: when it fails, the store is back where it was
   * and this throws StoreWriteError (the handler answers 5xx).
   */
  changed(...records: DeviceRecord[]): void {
    for (const record of records) this.devices.touch(record.id);
    let commit: DeviceTableCommit;
    try {
      commit = this.devices.commit(() => this.meta());
    } catch (error) {
      const saved = isDurable(this.devices) ? this.devices.committedMeta() : undefined;
      if (saved) this.loadMeta(saved);
      throw error;
    }
    for (const listener of this.listeners) listener(commit);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function isDurable(devices: DeviceRows): devices is DurableDeviceRows {
  return 'committedMeta' in devices;
}

/** An in-memory store: the page's (persisted by persistence.ts) and the Node tests'. */
export function createMemoryStore(snapshot?: StoreSnapshot): Store<DeviceTable> {
  return new Store(new DeviceTable(), snapshot);
}

export const store = createMemoryStore();
