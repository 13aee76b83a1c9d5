// The demo's CSV import (POST /api/extensions/deviceImports): one batch of rows, run as an IoT Central
// import job runs on the service. Idempotent by device id, and replayed by operationId when a batch is
// sent again.
import type { DeviceImportRequest, DeviceImportResult } from '../../api/extensions';
import {
  importUpdate,
  runImportRows,
  type ImportOutcome,
  type ImportRow,
  type RememberedImports,
} from '../../lib/device-import-batch';
import { countBatch, publicRecord } from '../../lib/device-operation-records';
import { unknownTemplate } from '../../lib/domain-error';
import { createTurns } from '../../lib/page-turns';
import type { Store } from '../store/store';
import { applyDeviceChange } from './device-records';
import { createDeviceRecord } from './devices';

/** [inferred] IoT Central documents 200,000 devices per application; the demo refuses to create more. */
export const APP_DEVICE_LIMIT = 200_000;

/** Applies one row (its id and name checked already); returns what happened. Writes nothing on a dry run. */
function importRow(store: Store, req: DeviceImportRequest, row: ImportRow): ImportOutcome {
  const { id, name } = row;
  const record = store.devices.get(id);
  if (record) {
    const update = importUpdate(req, row, record);
    if (!update) return 'skipped';
    if (!req.dryRun) applyDeviceChange(store, record, { ...update, template: update.template ?? null });
    return 'updated';
  }
  if (store.devices.size >= APP_DEVICE_LIMIT) {
    return {
      reason: `The application already holds ${APP_DEVICE_LIMIT.toLocaleString('en-US')} devices, the most it can. Delete devices first.`,
    };
  }
  if (!req.dryRun) createDeviceRecord(store, id, { displayName: name, template: req.template }, 'imported');
  return 'created';
}

/**
 * The demo backend runs in the page (MSW): a batch gives the page a turn (lib/page-turns.ts) every
 * this many rows, so that importing 100,000 devices never freezes it. The console server switches turns
 * off: there a batch runs in one go, so that it commits as one transaction, whole or not at all.
 */
const ROWS_PER_SLICE = 1000;

export async function runImportBatch(
  store: Store,
  req: DeviceImportRequest,
  remembered: RememberedImports,
): Promise<DeviceImportResult> {
  if (req.template !== undefined && !store.templates.has(req.template)) throw unknownTemplate(req.template);
  const turn = createTurns();
  const { result, counts, isChanged } = await runImportRows(req, remembered, async (rows) => {
    const outcomes: ImportOutcome[] = [];
    for (const [index, row] of rows.entries()) {
      if (index > 0 && index % ROWS_PER_SLICE === 0) await turn();
      outcomes.push(importRow(store, req, row));
    }
    return outcomes;
  });
  // Counted into the operation's report in the same commit as the batch's writes.
  const operation = req.dryRun ? undefined : countBatch(store, req.operationId, req.batch, counts);
  if (isChanged || operation) store.changed();
  return operation ? { ...result, operation: publicRecord(operation, store.now()) } : result;
}
