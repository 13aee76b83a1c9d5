// Runs one operation per item at bounded concurrency, with progress, cancellation and a per-item
// report. Each item is attempted at most once, so nothing is applied twice.

export type BulkOutcome = { kind: 'done' } | { kind: 'skipped'; reason: string };

export interface BulkReport {
  succeeded: string[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; message: string }[];
  /** Not attempted because the operator cancelled. */
  cancelled: string[];
}

export interface BulkProgress {
  total: number;
  finished: number;
}

export interface BulkOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BulkProgress) => void;
  describeError?: (error: unknown, id: string) => string;
}

export async function runBulk<T extends { id: string }>(
  items: readonly T[],
  work: (item: T, signal: AbortSignal | undefined) => Promise<BulkOutcome>,
  options: BulkOptions = {},
): Promise<BulkReport> {
  const { concurrency = 8, signal, onProgress, describeError = (e) => (e instanceof Error ? e.message : String(e)) } = options;
  const report: BulkReport = { succeeded: [], skipped: [], failed: [], cancelled: [] };
  let next = 0;
  let finished = 0;
  onProgress?.({ total: items.length, finished });

  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      if (signal?.aborted) {
        report.cancelled.push(item.id);
        continue;
      }
      try {
        const outcome = await work(item, signal);
        if (outcome.kind === 'done') report.succeeded.push(item.id);
        else report.skipped.push({ id: item.id, reason: outcome.reason });
      } catch (error) {
        if (signal?.aborted && error instanceof DOMException && error.name === 'AbortError') report.cancelled.push(item.id);
        else report.failed.push({ id: item.id, message: describeError(error, item.id) });
      }
      finished += 1;
      onProgress?.({ total: items.length, finished });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return report;
}
