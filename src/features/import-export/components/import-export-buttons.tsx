import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import { Button, Tooltip } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { hasExtension } from '../../../api/capabilities';
import type { DeviceSelection } from '../../../lib/device-selection';

// Loaded when first opened, so that papaparse and the dialogs stay out of the Devices page's first load.
const ImportDialog = lazy(async () => ({ default: (await import('./import-dialog')).ImportDialog }));
const ExportDialog = lazy(async () => ({ default: (await import('./export-dialog')).ExportDialog }));

export interface ImportExportButtonsProps {
  /** What Export exports: the grid's selection (ids across pages, or all matching the view). */
  selection: DeviceSelection;
  /** Every device matching the view: what Export offers when nothing is selected. */
  matching?: DeviceSelection;
}

const NOT_HERE =
  "Import and Export run on the demo backend's extensions, which a real application does not have. Use Import and Export on the application's own Devices page.";

/** Without the extensions: the buttons stay in their place, disabled, and say why. */
function ImportExportUnavailable() {
  return (
    <Tooltip title={NOT_HERE}>
      {/* A disabled button takes no pointer events: the span carries the tooltip. */}
      <span tabIndex={0} aria-label={`Import and Export unavailable. ${NOT_HERE}`}>
        <Button startIcon={<UploadIcon />} disabled>
          Import
        </Button>
        <Button startIcon={<DownloadIcon />} disabled>
          Export
        </Button>
      </span>
    </Tooltip>
  );
}

/** The Devices toolbar's Import and Export buttons with their dialogs, ready for DevicesPage's `renderToolbarExtras`. */
export function ImportExportButtons(props: ImportExportButtonsProps) {
  return hasExtension('deviceImports') && hasExtension('deviceExports') ? (
    <AvailableImportExportButtons {...props} />
  ) : (
    <ImportExportUnavailable />
  );
}

function AvailableImportExportButtons({ selection, matching }: ImportExportButtonsProps) {
  const [openDialog, setOpenDialog] = useState<'import' | 'export' | null>(null);
  // Each dialog stays mounted from its first opening on, so that closing keeps its exit transition.
  const [opened, setOpened] = useState({ import: false, export: false });
  const open = (dialog: 'import' | 'export') => {
    setOpened((o) => ({ ...o, [dialog]: true }));
    setOpenDialog(dialog);
  };
  return (
    <>
      <Button startIcon={<UploadIcon />} onClick={() => open('import')}>
        Import
      </Button>
      <Button startIcon={<DownloadIcon />} onClick={() => open('export')}>
        Export
      </Button>
      <Suspense fallback={null}>
        {opened.import && <ImportDialog open={openDialog === 'import'} onClose={() => setOpenDialog(null)} />}
        {opened.export && (
          <ExportDialog
            open={openDialog === 'export'}
            onClose={() => setOpenDialog(null)}
            selection={selection}
            matching={matching}
          />
        )}
      </Suspense>
    </>
  );
}
