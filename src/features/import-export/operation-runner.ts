// The skeleton every Device operation shares: run the job a batch at a time with progress, Cancel between
// batches (so nothing is half-known), stop on an error with what was done kept, and Retry from the first
// batch that was not done. A job says what a batch is; the runner owns the operation's status.
import {
  addOperation,
  getOperation,
  newOperationId,
  updateOperation,
  type DeviceOperation,
  type OperationStatus,
} from './operations';

/** How a finished batch changes the operation's counts. */
export type OperationChange = (op: DeviceOperation) => Partial<DeviceOperation>;

export interface OperationJob {
  /** The operation as the Device operations panel first shows it. */
  operation: Pick<DeviceOperation, 'kind' | 'title' | 'total'> &
    Partial<Omit<DeviceOperation, 'id' | 'kind' | 'title' | 'total'>>;
  /** Whether any batch is left. */
  hasMore: () => boolean;
  /**
   * Does the next batch and moves the job on, once the batch is done. A batch that throws stops the run and
   * is not counted, so Retry does it again.
   */
  runBatch: (operationId: string) => Promise<OperationChange>;
  /** Follows the error's message when a batch fails: what is not done yet, and what Retry does. */
  stoppedHint: () => string;
  /** The message when the operator cancelled. */
  cancelledMessage: () => string;
  /** The last change when every batch is done (e.g. an export's file). */
  complete?: (op: DeviceOperation) => Partial<DeviceOperation>;
  /** When a run ends: completed, cancelled or stopped. */
  onSettled?: (status: Exclude<OperationStatus, 'running'>, operationId: string) => void;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Adds the job as a Device operation and starts it; returns the operation's id. */
export function startOperation(job: OperationJob): string {
  const id = newOperationId();
  let isCancelRequested = false;
  let isRunning = false;

  async function run() {
    if (isRunning) return;
    isRunning = true;
    isCancelRequested = false;
    const startedAt = performance.now();
    updateOperation(id, {
      status: 'running',
      isCancelRequested: false,
      error: undefined,
      finishedAt: undefined,
    });
    while (job.hasMore() && !isCancelRequested) {
      let change: OperationChange;
      try {
        change = await job.runBatch(id);
      } catch (error) {
        isRunning = false;
        updateOperation(id, {
          status: 'stopped',
          finishedAt: Date.now(),
          error: `${describeError(error)} ${job.stoppedHint()}`,
        });
        job.onSettled?.('stopped', id);
        return;
      }
      updateOperation(id, change);
    }
    isRunning = false;
    const status = job.hasMore() ? 'cancelled' : 'completed';
    if (status === 'cancelled')
      updateOperation(id, { status, finishedAt: Date.now(), error: job.cancelledMessage() });
    else {
      const op = getOperation(id);
      updateOperation(id, { status, finishedAt: Date.now(), ...(op && job.complete?.(op)) });
    }
    performance.measure(`iotc-${job.operation.kind}:run`, { start: startedAt, end: performance.now() });
    job.onSettled?.(status, id);
  }

  addOperation(
    { id, ...job.operation },
    {
      cancel: () => {
        isCancelRequested = true;
      },
      retry: () => void run(),
    },
  );
  void run();
  return id;
}
