import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import { Button } from '@mui/material';
import { useState } from 'react';
import type { DeviceSelection } from '../../../lib/device-selection';
import { ExportDialog } from './export-dialog';
import { ImportDialog } from './import-dialog';

export interface ImportExportButtonsProps {
  /** What Export exports: the grid's selection (ids across pages, or all matching the view). */
  selection: DeviceSelection;
}

/** The Devices toolbar's Import and Export buttons with their dialogs, ready for DevicesPage's `renderToolbarExtras`. */
export function ImportExportButtons({ selection }: ImportExportButtonsProps) {
  const [openDialog, setOpenDialog] = useState<'import' | 'export' | null>(null);
  return (
    <>
      <Button startIcon={<UploadIcon />} onClick={() => setOpenDialog('import')}>
        Import
      </Button>
      <Button startIcon={<DownloadIcon />} onClick={() => setOpenDialog('export')}>
        Export
      </Button>
      <ImportDialog open={openDialog === 'import'} onClose={() => setOpenDialog(null)} />
      <ExportDialog
        open={openDialog === 'export'}
        onClose={() => setOpenDialog(null)}
        selection={selection}
      />
    </>
  );
}
