import { Alert, Box, Button, Paper } from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ExtendedDevice } from '../../../api/extensions';
import { PageHeader } from '../../../components/page-header';
import { selectionCount, type DeviceSelection } from '../../../lib/device-selection';
import { hasExtension } from '../../../api/capabilities';
import { appliesToAny, type DeviceActionName } from '../../../lib/device-actions';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { useDeviceCount, useDevicePage, useTemplateNames } from '../queries';
import { UNASSOCIATED } from '../../../lib/routes';
import { filterableStatuses, useDevicesView, viewFilter, viewListParams } from '../view-state';
import { DeviceRowMenu } from './device-row-menu';
import { DevicesFilters } from './devices-filters';
import { DevicesGrid } from './devices-grid';
import { DevicesToolbar } from './devices-toolbar';
import { useDeviceCommands } from './use-device-commands';
import { useDelayedFlag } from './use-delayed-flag';
import { useDeviceSelection } from './use-device-selection';
import { devicesById as devicesByIdOf, selectedDevices, selectedOnPage } from '../selection-model';
import { LoadErrorAlert } from '../../../components/load-error-alert';

// Loaded when first opened: its form library (react-hook-form, zod) stays out of the first page load.
const NewDeviceDialog = lazy(async () => ({ default: (await import('./new-device-dialog')).NewDeviceDialog }));

export interface DevicesPageProps {
  /** The Connect dialog, composed in by the app (it belongs to another feature). */
  renderConnectDialog?: (deviceId: string, onClose: () => void) => ReactNode;
  /**
   * More toolbar buttons (Import, Export), given the current selection and every device matching the view
   * (for Export with nothing selected; undefined until the count is known).
   */
  renderToolbarExtras?: (selection: DeviceSelection, matching: DeviceSelection | undefined) => ReactNode;
}

export function DevicesPage({ renderConnectDialog, renderToolbarExtras }: DevicesPageProps) {
  const [view, setView] = useDevicesView();
  const params = viewListParams(view);
  const filter = viewFilter(view);
  // A page past the first, from the URL: count first, and clamp to the last page that exists
  // (?page=99999999 would otherwise walk nextLinks for ever). The count also gives the total while
  // a later page loads, whose answer carries none.
  // A real application has no count: pages follow nextLink, and the total is known on the last page only.
  const hasCount = hasExtension('count');
  const countQuery = useDeviceCount(filter, hasCount && view.page > 0);
  const knownCount = countQuery.data ?? undefined;
  const lastPage = knownCount === undefined ? undefined : Math.max(0, Math.ceil(knownCount / view.pageSize) - 1);
  const isPageOutOfRange = lastPage !== undefined && view.page > lastPage;
  const isPageChecked = !hasCount || view.page === 0 || lastPage !== undefined || countQuery.isError;
  useEffect(() => {
    if (isPageOutOfRange && lastPage !== undefined) setView({ page: lastPage }, { replace: true });
  }, [isPageOutOfRange, lastPage, setView]);
  const { data, isFetching, error, refetch } = useDevicePage(params, view.page, isPageChecked && !isPageOutOfRange);
  // With rows on screen, the loading bar waits a moment: a quick answer replaces them without redrawing
  // the grid twice. Without rows, it shows at once (not "No devices match").
  const isSlow = useDelayedFlag(isFetching, 250);
  const isLoading = (isFetching && (isSlow || data === undefined)) || (!isPageChecked && countQuery.isFetching);
  const { page, pageSize, sort } = view;
  const sortField = sort?.field;
  const isDescending = sort?.descending === true;
  const gridView = useMemo(
    () => ({ page, pageSize, sort: sortField ? { field: sortField, descending: isDescending } : undefined }),
    [page, pageSize, sortField, isDescending],
  );
  const { data: templates } = useDeviceTemplates();
  const templateNames = useTemplateNames();
  const rows = useMemo(() => data?.value ?? [], [data]);
  // Without a count (a real application) the total is known on the last page: the rows before it and its own.
  // Pages may hold fewer rows than asked, so the grid, which counts pages by page size, gets its own figure.
  const firstRow = data?.firstRow ?? view.page * view.pageSize;
  const isLastPage = data !== undefined && !data.nextLink;
  const total = hasCount ? (data?.['@odata.count'] ?? knownCount ?? -1) : isLastPage ? firstRow + rows.length : -1;
  const gridTotal = hasCount || !isLastPage ? total : view.page * view.pageSize + rows.length;
  const position = useMemo(
    () => (hasCount || data === undefined ? undefined : { firstRow, ...(total >= 0 ? { total } : {}) }),
    [hasCount, data, firstRow, total],
  );
  const { state: selectionState, selection, gridModel, onGridChange, selectAllMatching, clear } = useDeviceSelection(filter, total);
  const handleDone = useCallback((action: DeviceActionName) => action === 'delete' && clear(), [clear]);
  const { execute, dialogs, isBusy } = useDeviceCommands({ onDone: handleDone });
  const [isNewOpen, setIsNewOpen] = useState(false);
  // Mounted from the first opening on, so that closing keeps its exit transition.
  const [hasOpenedNew, setHasOpenedNew] = useState(false);
  const [connectId, setConnectId] = useState<string | null>(null);
  const count = selectionCount(selection);
  const matching = useMemo<DeviceSelection | undefined>(
    () => (total >= 0 ? { kind: 'filter', filter, count: total, excludedIds: [] } : undefined),
    [filter, total],
  );

  // The freshest copy of each selected device: this page's row, else the snapshot taken when it was selected.
  const devicesById = useMemo(() => devicesByIdOf(selectionState, rows), [selectionState, rows]);
  const selected = selection.kind === 'filter' ? { status: view.status } : { devices: selectedDevices(selectionState, rows) };
  const enabled: Record<DeviceActionName, boolean> = {
    approve: appliesToAny('approve', selected, filterableStatuses()),
    migrate: appliesToAny('migrate', selected, filterableStatuses()),
    block: appliesToAny('block', selected, filterableStatuses()),
    unblock: appliesToAny('unblock', selected, filterableStatuses()),
    delete: appliesToAny('delete', selected, filterableStatuses()),
  };

  // Stable across pages: a new function would give the grid new columns, and it redoes a lot for those.
  const renderRowActions = useCallback(
    (device: ExtendedDevice, tabIndex: 0 | -1) => (
      <DeviceRowMenu
        device={device}
        tabIndex={tabIndex}
        onAction={(action, d) => void execute(action, { kind: 'ids', ids: [d.id ?? ''] }, new Map([[d.id ?? '', d]]))}
        onConnect={renderConnectDialog ? (d) => setConnectId(d.id ?? null) : undefined}
      />
    ),
    [execute, renderConnectDialog],
  );

  const onPage = selectedOnPage(selection, rows);
  const isWholePageSelected = selection.kind === 'ids' && rows.length > 0 && onPage === rows.length;

  return (
    <Box>
      <PageHeader title="Devices" description="Every device in the application: approve, migrate, block and connect them." />
      <Paper variant="outlined" sx={{ p: 1.5, mb: 1.5, display: 'grid', gap: 1.5 }}>
        <DevicesToolbar
          selectedCount={count}
          enabled={enabled}
          canConnect={Boolean(renderConnectDialog) && selection.kind === 'ids' && count === 1}
          isBusy={isBusy}
          onNew={() => {
            setHasOpenedNew(true);
            setIsNewOpen(true);
          }}
          onAction={(action) => void execute(action, selection, devicesById)}
          onConnect={() => selection.kind === 'ids' && setConnectId(selection.ids[0] ?? null)}
          extras={renderToolbarExtras?.(selection, matching)}
        />
        <DevicesFilters view={view} templates={templates ?? []} onChange={setView} />
      </Paper>
      {count > 0 && (
        <Alert
          severity="info"
          sx={{ mb: 1.5 }}
          action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              {isWholePageSelected && total > count && (
                <Button color="inherit" size="small" onClick={selectAllMatching}>
                  Select all {total.toLocaleString()} devices matching this view
                </Button>
              )}
              <Button color="inherit" size="small" onClick={clear}>
                Clear selection
              </Button>
            </Box>
          }
        >
          {selection.kind === 'filter'
            ? `All ${count.toLocaleString()} devices matching this view are selected.`
            : `${count.toLocaleString()} ${count === 1 ? 'device' : 'devices'} selected${count > onPage ? `, ${(count - onPage).toLocaleString()} not on this page` : ''}.`}
        </Alert>
      )}
      {error && <LoadErrorAlert what="devices" error={error} onRetry={() => void refetch()} sx={{ mb: 1.5 }} />}
      <DevicesGrid
        rows={rows}
        // Unknown (-1) past the first page until its count arrives, so the grid does not clamp a page from the
        // URL; on the first page, 0 until known: no "1–25 of more than 25" over no rows.
        // Without a count (a real application), unknown until the last page: "of more than N" while a nextLink leads on.
        rowCount={gridTotal < 0 && view.page === 0 && (hasCount || data === undefined) ? 0 : gridTotal}
        // Said only when the count is unknown (a real application). The grid reads "no next page" with an unknown
        // count as the last page and counts its rows itself, from the page it was on, not the one it goes to:
        // jumping to a last page would send it back. So: unknown while a page loads, and moot with a total.
        hasNextPage={total >= 0 || data === undefined || Boolean(data.nextLink)}
        position={position}
        isLoading={isLoading}
        view={gridView}
        templateNames={templateNames}
        errorMessage={error ? `Could not load devices: ${error.message}` : undefined}
        selection={gridModel}
        onSelectionChange={onGridChange}
        onViewChange={setView}
        renderRowActions={renderRowActions}
      />
      {dialogs}
      {hasOpenedNew && (
        <Suspense fallback={null}>
          <NewDeviceDialog
            open={isNewOpen}
            onClose={() => setIsNewOpen(false)}
            defaultTemplate={view.template && view.template !== UNASSOCIATED ? view.template : undefined}
          />
        </Suspense>
      )}
      {connectId !== null && renderConnectDialog?.(connectId, () => setConnectId(null))}
    </Box>
  );
}
