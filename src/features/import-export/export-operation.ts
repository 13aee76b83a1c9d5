// Exports a device selection as IoT Central's CSV: rows with derived keys come from the backend
// (POST /api/extensions/deviceExports) a page at a time, each page is written with toExportCsv as soon
// as it arrives (a few milliseconds of work, so the page never freezes), and the parts become one Blob.
import { ApiError } from '../../api/client';
import { exportDevices } from '../../api/device-operations';
import type { DeviceExportPage, DeviceExportRecord } from '../../api/extensions';
import { toExportCsv, type ExportRow } from '../../lib/csv-export';
import { selectionCount, type DeviceSelection } from '../../lib/device-selection';
import { addOperation, newOperationId, updateOperation } from './operations';

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
  const id = newOperationId();
  const fileName = exportFileName();
  const parts: string[] = [HEADER];
  const idChunks: string[][] = [];
  if (selection.kind === 'ids')
    for (let i = 0; i < selection.ids.length; i += EXPORT_PAGE_SIZE)
      idChunks.push(selection.ids.slice(i, i + EXPORT_PAGE_SIZE));
  let nextChunk = 0;
  let skipToken: string | undefined;
  let isFirstPage = true;
  let isCancelRequested = false;
  let isRunning = false;

  const hasMore = () =>
    selection.kind === 'ids' ? nextChunk < idChunks.length : isFirstPage || skipToken !== undefined;

  async function fetchPage(): Promise<DeviceExportPage> {
    if (selection.kind === 'ids') return exportDevices({ ids: idChunks[nextChunk] });
    return exportDevices({
      filter: selection.filter,
      excludedIds: selection.excludedIds.length > 0 ? selection.excludedIds : undefined,
      top: EXPORT_PAGE_SIZE,
      skipToken,
    });
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
    while (hasMore() && !isCancelRequested) {
      let page: DeviceExportPage;
      try {
        page = await fetchPage();
      } catch (error) {
        const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
        updateOperation(id, {
          status: 'stopped',
          finishedAt: Date.now(),
          error: `${message} Retry goes on from the devices not exported yet.`,
        });
        isRunning = false;
        return;
      }
      if (selection.kind === 'ids') nextChunk += 1;
      else {
        skipToken = page.skipToken;
        if (isFirstPage && page.count !== undefined) updateOperation(id, { total: page.count });
      }
      isFirstPage = false;
      if (page.value.length > 0) parts.push(toExportCsv(page.value.map(toExportRow)).slice(HEADER.length));
      const missing = page.notFound?.length ?? 0;
      updateOperation(id, (op) => ({
        processed: op.processed + page.value.length + missing,
        ...(missing > 0 ? { missing: (op.missing ?? 0) + missing } : {}),
      }));
    }
    isRunning = false;
    if (hasMore()) {
      updateOperation(id, {
        status: 'cancelled',
        finishedAt: Date.now(),
        error: 'Cancelled: no file was written. Retry goes on where it stopped.',
      });
      return;
    }
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
    performance.measure('iotc-export:run', { start: startedAt, end: performance.now() });
    // The total becomes what was really found (devices may have come or gone since the selection).
    updateOperation(id, (op) => ({
      status: 'completed',
      finishedAt: Date.now(),
      total: op.processed,
      download: { url, fileName },
    }));
    options.onDone?.(id);
  }

  const count = selectionCount(selection);
  addOperation(
    {
      id,
      kind: 'export',
      title: `Export of ${count.toLocaleString('en-US')} ${count === 1 ? 'device' : 'devices'}`,
      total: count,
    },
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
