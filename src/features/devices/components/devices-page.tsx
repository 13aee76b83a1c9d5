import { Alert, Box, Button, Paper } from '@mui/material';
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { useDevicePage, useDeviceTemplates, useTemplateNames } from '../queries';
import { useDevicesView, viewListParams } from '../view-state';
import { DevicesFilters } from './devices-filters';
import { DevicesGrid } from './devices-grid';

const EMPTY_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };

export function DevicesPage() {
  const [view, setView] = useDevicesView();
  const params = viewListParams(view);
  const { data, isFetching, error, refetch } = useDevicePage(params, view.page);
  const { data: templates } = useDeviceTemplates();
  const templateNames = useTemplateNames();
  const [selection, setSelection] = useState<GridRowSelectionModel>(EMPTY_SELECTION);

  return (
    <Box>
      <PageHeader
        title="Devices"
        description="Every device in the application: approve, migrate, block and connect them."
      />
      <Paper variant="outlined" sx={{ p: 1.5, mb: 1.5 }}>
        <DevicesFilters view={view} templates={templates ?? []} onChange={setView} />
      </Paper>
      {error && (
        <Alert
          severity="error"
          sx={{ mb: 1.5 }}
          action={
            <Button color="inherit" size="small" onClick={() => void refetch()}>
              Retry
            </Button>
          }
        >
          Could not load devices: {error.message}
        </Alert>
      )}
      <DevicesGrid
        rows={data?.value ?? []}
        // Unknown (-1) until the first page arrives, so the grid does not clamp a page from the URL.
        rowCount={data?.['@odata.count'] ?? -1}
        isLoading={isFetching}
        view={view}
        templateNames={templateNames}
        selection={selection}
        onSelectionChange={setSelection}
        onViewChange={setView}
      />
    </Box>
  );
}
