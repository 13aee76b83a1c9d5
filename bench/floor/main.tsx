// The benchmark's floor: the same work done with the bare libraries, in the same browser, so that
// `npm run bench` can print ours / floor. Built on its own (bench/vite.config.ts), never part of the app.
//  - a bare DataGrid over the same 100,000 devices held in memory (client-side sort, filter, paging);
//  - papaparse alone on the import file (window.floor.parse, fed by the file input);
//  - Papa.unparse plus a WebCrypto HMAC loop: the export's work (window.floor.exportCsv).
import { Box, MenuItem, TextField } from '@mui/material';
import { DataGrid, type GridColDef, type GridFilterModel } from '@mui/x-data-grid';
import Papa from 'papaparse';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { base64ToBytes, bytesToBase64 } from '../../src/lib/base64';
import { EXPORT_COLUMNS } from '../../src/lib/csv-export';
import { DEVICE_STATUS_LABELS, DEVICE_STATUSES, deriveDeviceStatus } from '../../src/lib/device-status';
import { createSeed } from '../../src/mocks/store/seed';

interface Row {
  id: string;
  displayName: string;
  status: string;
  template: string;
  simulated: boolean;
}

const params = new URLSearchParams(location.search);
const deviceCount = Number(params.get('devices') ?? 100_000);

// The rows are generated before the grid mounts and the bench subtracts this time: the floor has its
// rows in memory already.
performance.mark('floor:rows-start');
const seed = createSeed({ deviceCount });
const templateNames = new Map(
  seed.templates.map((t) => [t.template['@id'], String(t.template.displayName ?? '')]),
);
const rows: Row[] = seed.devices.map((d) => ({
  id: d.id,
  displayName: d.displayName,
  status:
    DEVICE_STATUS_LABELS[
      deriveDeviceStatus({
        id: d.id,
        enabled: !d.blocked && !d.approvalPending,
        provisioned: d.provisioned,
        template: d.template,
        extensions: { approvalPending: d.approvalPending, blocked: d.blocked },
      })
    ],
  template: d.template ? (templateNames.get(d.template) ?? d.template) : 'Unassociated',
  simulated: d.simulated,
}));
performance.mark('floor:rows-ready');

const columns: GridColDef<Row>[] = [
  { field: 'displayName', headerName: 'Device name', flex: 1.4, minWidth: 200 },
  { field: 'id', headerName: 'Device ID', flex: 1, minWidth: 160 },
  {
    field: 'status',
    headerName: 'Device status',
    width: 190,
    sortable: false,
    getApplyQuickFilterFn: undefined,
  },
  {
    field: 'template',
    headerName: 'Device template',
    flex: 1,
    minWidth: 170,
    sortable: false,
    getApplyQuickFilterFn: undefined,
  },
  {
    field: 'simulated',
    headerName: 'Simulated',
    width: 110,
    sortable: false,
    getApplyQuickFilterFn: undefined,
    valueFormatter: (value: boolean) => (value ? 'Yes' : 'No'),
  },
];

function FloorGrid() {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [filterModel, setFilterModel] = useState<GridFilterModel>({ items: [] });
  const applyFilter = (nextStatus: string, nextSearch: string) =>
    setFilterModel({
      items: nextStatus ? [{ id: 1, field: 'status', operator: 'equals', value: nextStatus }] : [],
      quickFilterValues: nextSearch ? [nextSearch] : [],
    });
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1.5 }}>
        <TextField
          size="small"
          label="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && applyFilter(status, search)}
          slotProps={{ htmlInput: { 'aria-label': 'Search devices', type: 'search' } }}
        />
        <TextField
          select
          size="small"
          label="Device status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            applyFilter(e.target.value, search);
          }}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">All statuses</MenuItem>
          {DEVICE_STATUSES.map((s) => (
            <MenuItem key={s} value={DEVICE_STATUS_LABELS[s]}>
              {DEVICE_STATUS_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
        <input
          type="file"
          aria-label="CSV file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void floor.parse(file, e.timeStamp);
          }}
        />
      </Box>
      <DataGrid
        aria-label="Devices"
        rows={rows}
        columns={columns}
        initialState={{ pagination: { paginationModel: { page: 0, pageSize: 25 } } }}
        pageSizeOptions={[25, 50, 100]}
        filterModel={filterModel}
        onFilterModelChange={setFilterModel}
        disableColumnFilter
        checkboxSelection
        disableRowSelectionOnClick
        density="compact"
        sx={{ height: 'max(420px, calc(100vh - 270px))' }}
      />
    </Box>
  );
}

interface FloorResult {
  ms: number;
  rows: number;
  longTasks: number[];
}

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
});
const longTasksSince = (start: number) =>
  longTasks.filter((t) => t.startTime >= start).map((t) => Math.round(t.duration));

const floor = {
  result: undefined as FloorResult | undefined,
  rowsMs: () => performance.measure('floor:rows', 'floor:rows-start', 'floor:rows-ready').duration,
  /** papaparse alone on the import file, as a page would use it. */
  parse(file: File, start: number): Promise<FloorResult> {
    return new Promise((resolve) => {
      Papa.parse<string[]>(file, {
        skipEmptyLines: 'greedy',
        complete: (results) => {
          floor.result = {
            ms: performance.now() - start,
            rows: results.data.length - 1,
            longTasks: longTasksSince(start),
          };
          resolve(floor.result);
        },
      });
    });
  },
  /** The export's work: two HMAC-SHA256 device keys per id (primary and secondary group key), then Papa.unparse. */
  async exportCsv(): Promise<FloorResult> {
    const start = performance.now();
    const group = seed.groups[0]!;
    if (group.attestation.type !== 'symmetricKey') throw new Error('The seed has no SAS group.');
    const importKey = (key: string) =>
      crypto.subtle.importKey('raw', base64ToBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const [primary, secondary] = await Promise.all([
      importKey(group.attestation.primaryKey),
      importKey(group.attestation.secondaryKey),
    ]);
    const encoder = new TextEncoder();
    const ids = rows.map((r) => r.id);
    const sign = (key: CryptoKey) =>
      Promise.all(
        ids.map(async (id) =>
          bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(id)))),
        ),
      );
    const [p, s] = await Promise.all([sign(primary), sign(secondary)]);
    const csv = Papa.unparse(
      { fields: [...EXPORT_COLUMNS], data: rows.map((r, i) => [r.id, r.displayName, p[i], s[i], '', '']) },
      { newline: '\r\n' },
    );
    const blob = new Blob(['\uFEFF', csv], { type: 'text/csv' });
    floor.result = { ms: performance.now() - start, rows: ids.length, longTasks: longTasksSince(start) };
    if (blob.size === 0) throw new Error('empty export');
    return floor.result;
  },
};
(window as unknown as { floor: typeof floor }).floor = floor;

createRoot(document.getElementById('root') as HTMLElement).render(<FloorGrid />);
