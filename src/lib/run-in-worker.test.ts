import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInWorker } from './run-in-worker';

/** A stand-in for a Web Worker (jsdom and Node have none): it answers what `respond` says, or nothing. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  isTerminated = false;
  constructor(private readonly respond: (worker: FakeWorker, request: unknown) => void) {}
  postMessage(request: unknown) {
    setTimeout(() => this.respond(this, request), 0);
  }
  terminate() {
    this.isTerminated = true;
  }
  send(data: unknown) {
    if (!this.isTerminated) this.onmessage?.(new MessageEvent('message', { data }));
  }
  fail(message: string) {
    this.onerror?.(new ErrorEvent('error', { message, cancelable: true }));
  }
}

type Message = { type: 'progress' } | { type: 'done'; value: number } | { type: 'error'; message: string };

function run(
  worker: FakeWorker,
  options: { timeBudgetMs?: number; signal?: AbortSignal; hasWorkers?: boolean } = {},
) {
  vi.stubGlobal('Worker', options.hasWorkers === false ? undefined : FakeWorker);
  const progress: string[] = [];
  const result = runInWorker<number, Message, string>({
    start: () => worker as unknown as Worker,
    request: 21,
    onMessage: (message) => {
      if (message.type === 'progress') progress.push('progress');
      else if (message.type === 'done') return { result: `worker ${message.value}` };
      else return new Error(message.message);
      return undefined;
    },
    onMainThread: () => Promise.resolve('main thread'),
    timeBudgetMs: options.timeBudgetMs ?? 1_000,
    onTimeout: () => 'too slow',
    signal: options.signal,
  });
  return { result, progress };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('runInWorker', () => {
  it('answers what the worker answers, after its progress messages, and stops it', async () => {
    const worker = new FakeWorker((w, request) => {
      w.send({ type: 'progress' });
      w.send({ type: 'done', value: (request as number) * 2 });
    });
    const { result, progress } = run(worker);
    expect(await result).toBe('worker 42');
    expect(progress).toEqual(['progress']);
    expect(worker.isTerminated).toBe(true);
  });

  it('stops a worker past its time budget and answers the verdict on that', async () => {
    vi.useFakeTimers();
    const worker = new FakeWorker(() => undefined);
    const { result } = run(worker, { timeBudgetMs: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toBe('too slow');
    expect(worker.isTerminated).toBe(true);
  });

  it('rejects with the worker’s error message', async () => {
    const worker = new FakeWorker((w) => w.send({ type: 'error', message: 'broken' }));
    await expect(run(worker).result).rejects.toThrow('broken');
  });

  it('does the work on the main thread when the worker fails to start or there are no workers', async () => {
    expect(await run(new FakeWorker((w) => w.fail('no module workers'))).result).toBe('main thread');
    expect(await run(new FakeWorker(() => undefined), { hasWorkers: false }).result).toBe('main thread');
  });

  it('stops the worker and rejects with an AbortError when aborted', async () => {
    const controller = new AbortController();
    const worker = new FakeWorker(() => controller.abort());
    await expect(run(worker, { signal: controller.signal }).result).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(worker.isTerminated).toBe(true);
  });
});
