import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { startOperation, type OperationJob } from './operation-runner';
import { cancelOperation, getOperation, resetOperations, retryOperation } from './operations';

// The backend's report (PUT and PATCH /extensions/deviceOperations) is the handlers' to test; here it answers at once.
const recorded = vi.hoisted(() => ({ updates: [] as { id: string; status: string }[] }));
vi.mock('../../api/device-operations', () => ({
  startDeviceOperation: () => Promise.resolve({}),
  updateDeviceOperation: (id: string, body: { status: string }) => {
    recorded.updates.push({ id, status: body.status });
    return Promise.resolve({});
  },
}));

afterEach(() => {
  resetOperations();
  recorded.updates = [];
});

/** A job of `total` items in batches of `size`, each batch waiting until the test lets it finish or fail. */
function batchedJob(total: number, size: number, overrides: Partial<OperationJob> = {}) {
  let done = 0;
  const calls: number[] = [];
  let pending: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const job: OperationJob = {
    operation: { kind: 'import', title: 'Import of test.csv', total },
    hasMore: () => done < total,
    runBatch: async () => {
      const from = done;
      calls.push(from);
      await new Promise<void>((resolve, reject) => {
        pending = { resolve, reject };
      });
      const count = Math.min(size, total - from);
      done = from + count;
      return (op) => ({ processed: op.processed + count, created: op.created + count });
    },
    stoppedHint: () => `${total - done} left: Retry goes on from there.`,
    cancelledMessage: () => `Cancelled with ${total - done} left.`,
    ...overrides,
  };
  /** Ends the batch in flight, then lets the runner take the next step. */
  const settle = async (error?: unknown) => {
    // The first batch follows the start of the backend's report.
    await vi.waitFor(() => expect(pending).toBeDefined());
    const current = pending;
    pending = undefined;
    if (!current) throw new Error('no batch in flight');
    if (error === undefined) current.resolve();
    else current.reject(error);
    await vi.waitFor(() =>
      expect(pending !== undefined || getOperation(id)?.status !== 'running').toBe(true),
    );
  };
  let id = '';
  const start = () => {
    id = startOperation(job);
    return id;
  };
  return { job, calls, settle, start, op: () => getOperation(id) };
}

describe('startOperation', () => {
  it('reports progress batch by batch, then completes with the final change', async () => {
    const onSettled = vi.fn();
    const run = batchedJob(5, 2, {
      complete: (op) => ({ total: op.processed, detail: 'all done' }),
      onSettled,
    });
    const id = run.start();
    expect(run.op()).toMatchObject({ id, kind: 'import', status: 'running', total: 5, processed: 0 });

    await run.settle();
    expect(run.op()).toMatchObject({ status: 'running', processed: 2, created: 2 });
    await run.settle();
    expect(run.op()).toMatchObject({ status: 'running', processed: 4 });
    await run.settle();

    expect(run.op()).toMatchObject({ status: 'completed', processed: 5, created: 5, detail: 'all done' });
    expect(run.op()?.error).toBeUndefined();
    expect(run.op()?.finishedAt).toEqual(expect.any(Number));
    expect(run.calls).toEqual([0, 2, 4]);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith('completed', id);
    expect(recorded.updates).toEqual([{ id, status: 'completed' }]);
  });

  it('Cancel stops after the batch in flight; Retry goes on from the next one', async () => {
    const onSettled = vi.fn();
    const run = batchedJob(6, 2, { onSettled });
    const id = run.start();
    await run.settle();

    cancelOperation(id);
    expect(run.op()).toMatchObject({ status: 'running', isCancelRequested: true });
    await run.settle();
    expect(run.op()).toMatchObject({
      status: 'cancelled',
      processed: 4,
      error: 'Cancelled with 2 left.',
    });
    expect(onSettled).toHaveBeenLastCalledWith('cancelled', id);

    retryOperation(id);
    expect(run.op()).toMatchObject({ status: 'running', isCancelRequested: false, error: undefined });
    await run.settle();
    expect(run.op()).toMatchObject({ status: 'completed', processed: 6 });
    expect(run.calls).toEqual([0, 2, 4]);
    expect(onSettled).toHaveBeenLastCalledWith('completed', id);
    // The backend's report follows: cancelled, running again, completed.
    expect(recorded.updates.map((u) => u.status)).toEqual(['cancelled', 'running', 'completed']);
  });

  it('a failed batch stops the run with what was done kept; Retry sends that batch again, once', async () => {
    const onSettled = vi.fn();
    const run = batchedJob(6, 2, { onSettled });
    const id = run.start();
    await run.settle();
    await run.settle(
      new ApiError({ status: 503, code: 'ServiceUnavailable', message: 'The service is busy.' }),
    );

    expect(run.op()).toMatchObject({
      status: 'stopped',
      processed: 2,
      error: 'The service is busy. 4 left: Retry goes on from there.',
    });
    expect(onSettled).toHaveBeenLastCalledWith('stopped', id);

    retryOperation(id);
    // A second Retry while the run goes on starts nothing more.
    retryOperation(id);
    expect(run.op()).toMatchObject({ status: 'running', error: undefined, finishedAt: undefined });
    await run.settle();
    await run.settle();

    expect(run.op()).toMatchObject({ status: 'completed', processed: 6, created: 6 });
    expect(run.calls).toEqual([0, 2, 2, 4]);
    expect(onSettled).toHaveBeenCalledTimes(2);
  });

  it('says what went wrong when a batch throws something other than an Error', async () => {
    const run = batchedJob(2, 2);
    run.start();
    await run.settle('offline');
    expect(run.op()).toMatchObject({ status: 'stopped', error: 'offline 2 left: Retry goes on from there.' });
  });

  it('completes at once when there is nothing to do', async () => {
    const onSettled = vi.fn();
    const run = batchedJob(0, 2, { onSettled });
    const id = run.start();
    await vi.waitFor(() => expect(run.op()).toMatchObject({ status: 'completed', processed: 0 }));
    expect(run.calls).toEqual([]);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith('completed', id);
  });
});
