// Runs a checked import on the backend (POST /api/extensions/deviceImports) in batches: first a dry run
// that only asks which ids exist, then the import itself as a Device operation with progress, Cancel
// (between batches, so nothing is half-known) and Retry from the first batch that was not done.
import { deviceOperationBatchSize } from '../../api/capabilities';
import { importDevices } from '../../api/device-operations';
import type { DeviceImportResult } from '../../api/extensions';
import { chunks, DEVICE_OPERATION_BATCH_MAX } from '../../lib/device-operation-limits';
import type { InvalidRow, ValidRow } from '../../lib/csv-import';
import { startOperation } from './operation-runner';
import { countsOf, reportOf } from './operations';

/** Rows per request: the most the backend takes. */
const importBatchSize = () => deviceOperationBatchSize(DEVICE_OPERATION_BATCH_MAX);

export type ExistingChoice = 'skip' | 'update';

export interface DryRunResult {
  /** Ids of the file that already exist in the application. */
  existing: Set<string>;
  /** Rows the backend would refuse (normally none: it runs the same validator). */
  failed: InvalidRow[];
}

function failedRows(batch: readonly ValidRow[], failed: DeviceImportResult['failed']): InvalidRow[] {
  if (failed.length === 0) return [];
  const byId = new Map(batch.map((row) => [row.id, row]));
  return failed.map(({ id, reason }) => {
    const row = byId.get(id);
    return { line: row?.line ?? 0, id: row?.changedFrom ?? id, name: row?.name ?? '', reasons: [reason] };
  });
}

/** Asks the backend which ids exist, writing nothing. */
export async function dryRunImport(
  rows: readonly ValidRow[],
  template: string | undefined,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<DryRunResult> {
  const existing = new Set<string>();
  const failed: InvalidRow[] = [];
  let done = 0;
  for (const batch of chunks(rows, importBatchSize())) {
    const result = await importDevices(
      { devices: batch.map((row) => ({ id: row.id })), template, existing: 'skip', dryRun: true },
      options.signal,
    );
    for (const id of result.skipped) existing.add(id);
    failed.push(...failedRows(batch, result.failed));
    done += batch.length;
    options.onProgress?.(done / rows.length);
  }
  return { existing, failed };
}

export interface ImportPlan {
  fileName: string;
  rows: readonly ValidRow[];
  /** The file's invalid rows: not sent, but part of the report and its error log. */
  invalid: readonly InvalidRow[];
  template: string | undefined;
  templateName: string;
  existing: ExistingChoice;
  /** When a run ends: completed, cancelled or stopped (e.g. to refresh the devices grid). */
  onSettled?: () => void;
}

/** Starts the import as a Device operation; returns its id. */
export function startImport(plan: ImportPlan): string {
  const batchSize = importBatchSize();
  const batches = chunks(plan.rows, batchSize);
  let next = 0;

  const rowsLeft = () => {
    const left = plan.rows.length - Math.min(plan.rows.length, next * batchSize);
    return `${left.toLocaleString('en-US')} ${left === 1 ? 'row was' : 'rows were'}`;
  };

  return startOperation({
    operation: {
      kind: 'import',
      title: `Import of ${plan.fileName}`,
      detail: plan.templateName,
      total: plan.rows.length,
      failed: [...plan.invalid],
    },
    hasMore: () => next < batches.length,
    runBatch: async (operationId, index) => {
      const batch = batches[next] as ValidRow[];
      const result = await importDevices({
        devices: batch.map((row) => ({ id: row.id, displayName: row.name, line: row.line })),
        template: plan.template,
        existing: plan.existing,
        operationId,
        batch: index,
      });
      next += 1;
      const refused = failedRows(batch, result.failed);
      const recorded = reportOf(result.operation);
      // The counts are the backend's; the failed rows, all of them with their lines, this page's.
      return (op) => ({
        ...countsOf(recorded),
        failed: refused.length > 0 ? [...op.failed, ...refused] : op.failed,
      });
    },
    stoppedHint: () => `${rowsLeft()} not imported yet: Retry goes on from there.`,
    cancelledMessage: () => `Cancelled: ${rowsLeft()} not imported. Retry goes on from there.`,
    onSettled: plan.onSettled,
  });
}
