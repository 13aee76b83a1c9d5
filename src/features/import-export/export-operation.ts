// Exports a device selection as IoT Central's CSV: rows with derived keys come from the backend
// (POST /api/extensions/deviceExports) a page at a time, each page is written with toExportCsv as soon
// as it arrives (a few milliseconds of work, so the page never freezes), and the parts become one Blob.
import { deviceOperationBatchSize } from '../../api/capabilities';
import { exportDevices } from '../../api/device-operations';
import type { DeviceExportPage, DeviceExportRecord } from '../../api/extensions';
import { toExportCsv, type ExportRow } from '../../lib/csv-export';
import { chunks } from '../../lib/device-operation-limits';
import { selectionCount, type DeviceSelection } from '../../lib/device-selection';
import { startOperation } from './operation-runner';
import { countsOf, reportOf } from './operations';

/** Devices per request: 2,000 rows are ~4,000 HMACs on the backend and ~0.5 MB of JSON. */
export const EXPORT_PAGE_SIZE = 2000;

/** iotc-devices-YYYYMMDD.csv, in local time. */
export function exportFileName(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `iotc-devices-${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}.csv`;
}

export function toExportRow(record: DeviceExportRecord): ExportRow {
  return {
    id: record.id,
    name: record.displayName,
    sasPrimary: record.symmetricKey?.primaryKey,
    sasSecondary: record.symmetricKey?.secondaryKey,
    x509Primary: record.x509Thumbprints?.primary,
    x509Secondary: record.x509Thumbprints?.secondary,
  };
}

/** BOM + header + CRLF: what toExportCsv writes before the first row. */
const HEADER = toExportCsv([]);

/** Starts the export as a Device operation; returns its id. The file is the operation's `download`. */
export function startExport(
  selection: DeviceSelection,
  options: { onDone?: (operationId: string) => void } = {},
): string {
  const fileName = exportFileName();
  const pageSize = deviceOperationBatchSize(EXPORT_PAGE_SIZE);
  const parts: string[] = [HEADER];
  const idChunks = selection.kind === 'ids' ? chunks(selection.ids, pageSize) : [];
  let nextChunk = 0;
  let skipToken: string | undefined;
  let isFirstPage = true;

  async function fetchPage(operationId: string, batch: number): Promise<DeviceExportPage> {
    if (selection.kind === 'ids') return exportDevices({ operationId, batch, ids: idChunks[nextChunk] });
    return exportDevices({
      operationId,
      batch,
      filter: selection.filter,
      excludedIds: selection.excludedIds.length > 0 ? selection.excludedIds : undefined,
      top: pageSize,
      skipToken,
    });
  }

  const count = selectionCount(selection);
  return startOperation({
    operation: {
      kind: 'export',
      title: `Export of ${count.toLocaleString('en-US')} ${count === 1 ? 'device' : 'devices'}`,
      total: count,
    },
    hasMore: () =>
      selection.kind === 'ids' ? nextChunk < idChunks.length : isFirstPage || skipToken !== undefined,
    runBatch: async (operationId, batch) => {
      const page = await fetchPage(operationId, batch);
      const recorded = reportOf(page.operation);
      if (selection.kind === 'ids') nextChunk += 1;
      else skipToken = page.skipToken;
      isFirstPage = false;
      if (page.value.length > 0) parts.push(toExportCsv(page.value.map(toExportRow)).slice(HEADER.length));
      // The counts are the backend's (the first page of a filter says how many devices match now).
      return () => countsOf(recorded);
    },
    stoppedHint: () => 'Retry goes on from the devices not exported yet.',
    cancelledMessage: () => 'Cancelled: no file was written. Retry goes on where it stopped.',
    // The total becomes what was really found (devices may have come or gone since the selection).
    complete: (op) => ({
      total: op.processed,
      download: { url: URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' })), fileName },
    }),
    onSettled: (status, operationId) => {
      if (status === 'completed') options.onDone?.(operationId);
    },
  });
}
