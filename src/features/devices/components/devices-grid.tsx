import {
  DataGrid,
  GRID_CHECKBOX_SELECTION_FIELD,
  useGridApiRef,
  type GridCellParams,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridPaginationModel,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useMediaQuery } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { memo, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ExtendedDevice } from '../../../api/extensions';
import { isDeviceSortField } from '../../../lib/device-fields';
import { deriveDeviceStatus } from '../../../lib/device-status';
import { routes } from '../../../lib/routes';
import { PAGE_SIZES, type DevicesView } from '../view-state';
import { DeviceStatusChip } from './device-status-chip';
import { UserText } from '../../../components/user-text';
import { hasExtension } from '../../../api/capabilities';

// Cells are plain elements styled once by the grid's sx (gridSx) rather than MUI components: the grid draws
// every cell again on each page, sort and filter (README, Performance).
// A cell's focusable element takes the grid's tabIndex (0 only in the focused cell): the grid is one Tab stop,
// arrows move between cells, and the grid moves the focus into the link or button of the cell it focuses.
function DeviceNameCell({ device, tabIndex }: { device: ExtendedDevice; tabIndex: 0 | -1 }) {
  return (
    <Link className="device-link" to={routes.device(device.id ?? '')} tabIndex={tabIndex}>
      <UserText text={device.displayName || device.id} />
    </Link>
  );
}

function TemplateCell({ template, names }: { template: string | undefined; names: Map<string, string> }) {
  if (!template) return <span className="unassociated">Unassociated</span>;
  return <UserText text={names.get(template) ?? template} />;
}

const activityTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Last activity on the console server's hub; "Connected" while the device is connected. */
function LastActivityCell({ device }: { device: ExtendedDevice }) {
  const connection = device.extensions?.connection;
  if (!connection?.lastActivity) return <span className="unassociated">None</span>;
  const at = activityTime.format(new Date(connection.lastActivity));
  return connection.connected ? (
    <span title={`Connected; last activity ${at}`}>
      <span className="connected-dot" aria-hidden="true" />
      Connected
    </span>
  ) : (
    <span>{at}</span>
  );
}

// Stable props: the grid redoes work (rows, columns, styles) for every new object or function it gets.
const getRowId = (row: ExtendedDevice) => row.id ?? '';
const pageSizeOptions = [...PAGE_SIZES];
// Manage columns offers the data columns: hiding the selection checkboxes would leave no way to select.
const gridSlotProps = {
  columnsManagement: {
    getTogglableColumns: (columns: GridColDef[]) =>
      columns.filter((column) => column.field !== GRID_CHECKBOX_SELECTION_FIELD).map((column) => column.field),
  },
};
const localeText = { noRowsLabel: 'No devices match this view. Clear the search or filters to see more.' };
const gridSx = {
  bgcolor: 'background.paper',
  height: 'max(420px, calc(100vh - 270px))',
  '& .device-link': { color: 'primary.main', textDecoration: 'none', '&:hover': { textDecoration: 'underline' } },
  '& .unassociated': { color: 'text.secondary' },
  '& .connected-dot': { display: 'inline-block', width: 8, height: 8, mr: 0.75, borderRadius: '50%', bgcolor: 'success.main' },
};

// Device name, Device status and the row's actions stay at any width; the others go, by priority, when there
// is no room for them (Manage columns still offers them): Simulated first, then Device ID, then Device template.
// Queries for "narrower than": where media queries are unknown (jsdom) every column shows.
const selectIsNarrow = (theme: Theme) => theme.breakpoints.down('lg');
const selectIsPhone = (theme: Theme) => theme.breakpoints.down('sm');
function defaultVisibility(isNarrow: boolean, isPhone: boolean): GridColumnVisibilityModel {
  if (!isNarrow) return {};
  return { simulated: false, id: false, lastActivity: false, template: !isPhone };
}

/** The column visibility for this width, with what the operator changed in Manage columns on top. */
function useColumnVisibility() {
  const isNarrow = useMediaQuery(selectIsNarrow, { noSsr: true });
  const isPhone = useMediaQuery(selectIsPhone, { noSsr: true });
  const defaults = useMemo(() => defaultVisibility(isNarrow, isPhone), [isNarrow, isPhone]);
  const [overrides, setOverrides] = useState<GridColumnVisibilityModel>({});
  const model = useMemo(() => ({ ...defaults, ...overrides }), [defaults, overrides]);
  const onChange = (next: GridColumnVisibilityModel) => {
    const changed: GridColumnVisibilityModel = {};
    for (const [field, isVisible] of Object.entries(next)) {
      if (isVisible !== (defaults[field] ?? true)) changed[field] = isVisible;
    }
    setOverrides(changed);
  };
  return { model, onChange, isPhone };
}

export interface DevicesGridProps {
  rows: ExtendedDevice[];
  rowCount: number;
  /** Whether the API gave a nextLink: without a count (a real application), Next is offered only then. */
  hasNextPage: boolean;
  /**
   * Without a count (a real application): the rows before this page and the total once known. The footer
   * then says which rows these are, whatever size the application gave each page.
   */
  position?: { firstRow: number; total?: number };
  isLoading: boolean;
  /** Pass a memoised object: the grid is memoised and skips renders when its props are the same. */
  view: Pick<DevicesView, 'page' | 'pageSize' | 'sort'>;
  templateNames: Map<string, string>;
  /** Set when the page could not load: the empty grid says that, not "No devices match this view". */
  errorMessage?: string;
  selection: GridRowSelectionModel;
  /** The grid's new model, with the rows it was made on (this page's). */
  onSelectionChange: (selection: GridRowSelectionModel, pageRows: readonly ExtendedDevice[]) => void;
  onViewChange: (change: Partial<DevicesView>) => void;
  /** The row's actions; their button takes `tabIndex` (the grid's roving focus). */
  renderRowActions?: (device: ExtendedDevice, tabIndex: 0 | -1) => React.ReactNode;
}

/** "26–28 of more than 28": the rows on this page, counted from the rows the pages before it had. */
function positionLabel(firstRow: number, onPage: number, total: number | undefined): string {
  const n = (value: number) => value.toLocaleString();
  if (onPage === 0) {
    if (total === 0) return '0–0 of 0';
    return `No devices on this page${total === undefined ? '; more follow' : ` (${n(total)} on the pages before)`}`;
  }
  const last = firstRow + onPage;
  return `${n(firstRow + 1)}–${n(last)} of ${total === undefined ? `more than ${n(last)}` : n(total)}`;
}

/** The Devices grid; it re-renders only when its props change (see DevicesGridProps.view). */
export const DevicesGrid = memo(DevicesGridView);

function DevicesGridView(props: DevicesGridProps) {
  const { rows, rowCount, hasNextPage, position, isLoading, view, templateNames, errorMessage, selection, onSelectionChange, onViewChange, renderRowActions } =
    props;
  const firstRow = position?.firstRow;
  const knownTotal = position?.total;
  const gridLocaleText = useMemo(
    () => ({
      ...(errorMessage ? { noRowsLabel: errorMessage } : localeText),
      ...(firstRow !== undefined
        ? { paginationDisplayedRows: () => positionLabel(firstRow, rows.length, knownTotal) }
        : {}),
    }),
    [errorMessage, firstRow, rows.length, knownTotal],
  );

  const columnVisibility = useColumnVisibility();
  const { isPhone } = columnVisibility;
  // Devices connect to a hub only on the console server.
  const hasActivity = hasExtension('devices');

  const apiRef = useGridApiRef();
  const navigate = useNavigate();

  // The grid's keyboard model, with the two keys an operator expects of a list of devices: Enter on a name
  // opens the device, Space selects the row (the grid's own Space pages down; Shift+Space still selects).
  // On the checkbox and on the Actions button, Space stays theirs.
  const handleCellKeyDown = (params: GridCellParams<ExtendedDevice>, event: React.KeyboardEvent & { defaultMuiPrevented?: boolean }) => {
    if (event.key === 'Enter' && params.field === 'displayName' && params.row.id) {
      event.defaultMuiPrevented = true;
      // The link, when it has the focus, opens the device itself.
      if (!(event.target instanceof HTMLAnchorElement)) {
        event.preventDefault();
        void navigate(routes.device(params.row.id));
      }
      return;
    }
    if (event.key !== ' ' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    if (params.field === GRID_CHECKBOX_SELECTION_FIELD) return;
    if (params.field === 'actions') {
      event.defaultMuiPrevented = true;
      return;
    }
    event.defaultMuiPrevented = true;
    event.preventDefault();
    apiRef.current?.selectRow(params.id, !apiRef.current.isRowSelected(params.id), false);
  };

  const columns = useMemo<GridColDef<ExtendedDevice>[]>(
    () => [
      {
        field: 'displayName',
        headerName: 'Device name',
        flex: 1.4,
        minWidth: isPhone ? 90 : 180,
        renderCell: ({ row, tabIndex }) => <DeviceNameCell device={row} tabIndex={tabIndex} />,
      },
      // A real application sorts by display name only.
      { field: 'id', headerName: 'Device ID', flex: 1, minWidth: 140, sortable: hasExtension('idSearch') },
      {
        field: 'status',
        headerName: 'Device status',
        // A real application's "Disabled: blocked or waiting for approval" needs the room the demo's statuses don't.
        width: isPhone ? 160 : hasExtension('deviceStatus') ? 190 : 300,
        valueGetter: (_value, row) => deriveDeviceStatus(row),
        renderCell: ({ row }) => <DeviceStatusChip status={deriveDeviceStatus(row)} />,
      },
      {
        field: 'template',
        headerName: 'Device template',
        flex: 1,
        minWidth: 150,
        renderCell: ({ row }) => <TemplateCell template={row.template} names={templateNames} />,
      },
      {
        field: 'simulated',
        headerName: 'Simulated',
        width: 110,
        sortable: false,
        valueFormatter: (value: boolean | undefined) => (value ? 'Yes' : 'No'),
      },
      ...(hasActivity
        ? [
            {
              field: 'lastActivity',
              headerName: 'Last activity',
              width: 190,
              valueGetter: (_value, row) => row.extensions?.connection?.lastActivity,
              renderCell: ({ row }) => <LastActivityCell device={row} />,
            } satisfies GridColDef<ExtendedDevice>,
          ]
        : []),
      ...(renderRowActions
        ? [
            {
              field: 'actions',
              headerName: 'Actions',
              width: isPhone ? 64 : 80,
              sortable: false,
              renderCell: ({ row, tabIndex }) => renderRowActions(row, tabIndex),
            } satisfies GridColDef<ExtendedDevice>,
          ]
        : []),
    ],
    [templateNames, renderRowActions, isPhone, hasActivity],
  );

  // Stable models: the grid treats a new sortModel object as a new sort and goes back to page 1.
  const { page, pageSize, sort } = view;
  const paginationModel = useMemo<GridPaginationModel>(() => ({ page, pageSize }), [page, pageSize]);
  const paginationMeta = useMemo(() => ({ hasNextPage }), [hasNextPage]);
  const sortField = sort?.field;
  const sortDirection = sort ? (sort.descending ? 'desc' : 'asc') : undefined;
  const sortModel = useMemo<GridSortModel>(
    () => (sortField && sortDirection ? [{ field: sortField, sort: sortDirection }] : []),
    [sortField, sortDirection],
  );

  return (
    <DataGrid
      apiRef={apiRef}
      aria-label="Devices"
      onCellKeyDown={handleCellKeyDown}
      rows={rows}
      columns={columns}
      getRowId={getRowId}
      rowCount={rowCount}
      loading={isLoading}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      disableColumnFilter
      pageSizeOptions={pageSizeOptions}
      paginationModel={paginationModel}
      paginationMeta={paginationMeta}
      onPaginationModelChange={(model) =>
        onViewChange(model.pageSize !== view.pageSize ? { pageSize: model.pageSize } : { page: model.page })
      }
      sortModel={sortModel}
      onSortModelChange={(model) => {
        const first = model[0];
        onViewChange({
          sort: first?.sort && isDeviceSortField(first.field) ? { field: first.field, descending: first.sort === 'desc' } : undefined,
        });
      }}
      checkboxSelection
      keepNonExistentRowsSelected
      rowSelectionModel={selection}
      onRowSelectionModelChange={(model) => onSelectionChange(model, rows)}
      disableRowSelectionOnClick
      density="compact"
      columnVisibilityModel={columnVisibility.model}
      onColumnVisibilityModelChange={columnVisibility.onChange}
      sx={gridSx}
      localeText={gridLocaleText}
      slotProps={gridSlotProps}
    />
  );
}
