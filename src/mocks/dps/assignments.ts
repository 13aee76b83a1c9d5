// DPS answers a registration with 202 and assigns the device afterwards, as the real service does. The
// assignments waiting at the same moment are applied together and written in one store.changed() (a group
// commit: on the console server one transaction, one fsync, for many registrations), and an operation
// reports its result only once its batch is durable. A batch that fails to commit fails every operation in
// it (the poll answers 503 and the device registers again); nothing of it is kept.
import type { DeviceRegistrationState } from '../../lib/dps-protocol';
import { writeBarrier } from '../http';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';

/** What one assignment did: the registration state to report and the device records it changed. */
export interface Assignment {
  state: DeviceRegistrationState;
  records: DeviceRecord[];
}

interface Waiting {
  run: () => Promise<Assignment>;
  resolve: (state: DeviceRegistrationState) => void;
  reject: (error: unknown) => void;
}

/** The most assignments in one transaction. */
const MAX_BATCH = 500;
/** How long the first assignment of a batch waits for others: far less than the poll's Retry-After. */
const GATHER_MS = 5;

export class AssignmentQueue {
  private waiting: Waiting[] = [];
  /** The batch being applied: batches run one after another. */
  private running: Promise<void> = Promise.resolve();
  private isScheduled = false;

  constructor(private readonly store: Store) {}

  /** Queues an assignment; resolves with its registration state once it is written. */
  enqueue(run: () => Promise<Assignment>): Promise<DeviceRegistrationState> {
    const done = new Promise<DeviceRegistrationState>((resolve, reject) =>
      this.waiting.push({ run, resolve, reject }),
    );
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    // After the registrations arriving in the next moments have queued theirs.
    setTimeout(() => {
      this.isScheduled = false;
      this.running = this.running.then(() => this.applyBatch());
    }, GATHER_MS);
  }

  private async applyBatch(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length > 0) this.schedule();
    const applied: { item: Waiting; assignment: Assignment }[] = [];
    for (const item of batch) {
      try {
        applied.push({ item, assignment: await item.run() });
      } catch (error) {
        item.reject(error);
      }
    }
    if (applied.length === 0) return;
    try {
      this.store.changed(...applied.flatMap((a) => a.assignment.records));
      await writeBarrier.wait();
    } catch (error) {
      for (const { item } of applied) item.reject(error);
      return;
    }
    for (const { item, assignment } of applied) item.resolve(assignment.state);
  }
}
