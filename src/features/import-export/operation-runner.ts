// The skeleton every Device operation shares: start its report on the backend, run the job a batch at a
// time with progress (the backend counts each batch into the report), Cancel between batches (so nothing
// is half-known), stop on an error with what was done kept, and Retry from the first batch that was not
// done. A job says what a batch is; the runner owns the operation's status and tells the backend.
import { startDeviceOperation, updateDeviceOperation } from '../../api/device-operations';
import type { DeviceOperationFailure, DeviceOperationStatus } from '../../api/extensions';
import { clipFailureText, DEVICE_OPERATION_FAILURES_KEPT } from '../../lib/device-operation-limits';
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
   * Does the next batch (the `batch`-th, from 0) and moves the job on, once the batch is done. A batch
   * that throws stops the run and is not counted, so Retry does it again.
   */
  runBatch: (operationId: string, batch: number) => Promise<OperationChange>;
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

/** A failed row as the report keeps it: a hostile file's 50,000-character id is not sent whole. */
function keptFailure({ line, id, name, reasons }: DeviceOperationFailure): DeviceOperationFailure {
  return { line, id: clipFailureText(id), name: clipFailureText(name), reasons };
}

/** Tells the backend how this page's run ended; the report says "stopped" by itself if this never arrives. */
function reportStatus(id: string, status: DeviceOperationStatus, error?: string): void {
  updateDeviceOperation(id, { status, ...(error !== undefined ? { error } : {}) }).catch((failure: unknown) =>
    console.warn('Device operations: the backend did not take the new status.', describeError(failure)),
  );
}

/** Adds the job as a Device operation and starts it; returns the operation's id. */
export function startOperation(job: OperationJob): string {
  const id = newOperationId();
  let isCancelRequested = false;
  let isRunning = false;
  let isRecorded = false;
  let batch = 0;
  const initial = job.operation.failed ?? [];

  /** The first run starts the backend's report; a retry says it runs again. */
  async function record() {
    if (isRecorded) await updateDeviceOperation(id, { status: 'running' });
    else {
      await startDeviceOperation(id, {
        kind: job.operation.kind,
        title: job.operation.title,
        ...(job.operation.detail !== undefined ? { detail: job.operation.detail } : {}),
        total: job.operation.total,
        failed: initial.slice(0, DEVICE_OPERATION_FAILURES_KEPT).map(keptFailure),
        failedCount: initial.length,
      });
      isRecorded = true;
    }
  }

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
    const stop = (error: unknown) => {
      isRunning = false;
      const message = `${describeError(error)} ${job.stoppedHint()}`;
      updateOperation(id, { status: 'stopped', finishedAt: Date.now(), error: message });
      if (isRecorded) reportStatus(id, 'stopped', message);
      job.onSettled?.('stopped', id);
    };
    try {
      await record();
    } catch (error) {
      stop(error);
      return;
    }
    while (job.hasMore() && !isCancelRequested) {
      let change: OperationChange;
      try {
        change = await job.runBatch(id, batch);
      } catch (error) {
        stop(error);
        return;
      }
      batch += 1;
      updateOperation(id, change);
    }
    isRunning = false;
    const status = job.hasMore() ? 'cancelled' : 'completed';
    if (status === 'cancelled') {
      const message = job.cancelledMessage();
      updateOperation(id, { status, finishedAt: Date.now(), error: message });
      reportStatus(id, status, message);
    } else {
      const op = getOperation(id);
      updateOperation(id, { status, finishedAt: Date.now(), ...(op && job.complete?.(op)) });
      reportStatus(id, status);
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
