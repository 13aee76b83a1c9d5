import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { EXPORT_COLUMNS } from '../../../lib/csv-export';
import { selectionCount, type DeviceSelection } from '../../../lib/device-selection';
import { notify } from '../../../components/notifications';
import { downloadUrl } from '../../../components/download';
import { startExport } from '../export-operation';
import { useDeviceOperation } from '../operations';
import { OperationReport } from './operation-report';

export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  /** The devices to export: some by id, or all matching the Devices view. */
  selection: DeviceSelection;
  /** Every device matching the view: offered when nothing is selected. */
  matching?: DeviceSelection;
}

/** Devices > Export: IoT Central's CSV of the selected devices, with their SAS keys and X.509 thumbprints. */
export function ExportDialog({ open, onClose, selection, matching }: ExportDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="export-title" maxWidth="sm" fullWidth>
      {/* MUI unmounts the body after the exit transition, so every opening starts afresh. */}
      <ExportDialogBody onClose={onClose} selection={selection} matching={matching} />
    </Dialog>
  );
}

function ExportDialogBody({ onClose, selection: selected, matching }: Omit<ExportDialogProps, 'open'>) {
  const [operationId, setOperationId] = useState<string>();
  const operation = useDeviceOperation(operationId);
  // Nothing selected: offer every device matching the view rather than a disabled Export.
  const isWholeView = selectionCount(selected) === 0 && matching !== undefined;
  const selection = isWholeView ? matching : selected;
  const count = selectionCount(selection);
  const downloadedRef = useRef<string | null>(null);

  // Save the file once, when the export completes while the dialog is open; the link stays for later.
  const download = operation?.status === 'completed' ? operation.download : undefined;
  useEffect(() => {
    if (!download || downloadedRef.current === download.url) return;
    downloadedRef.current = download.url;
    downloadUrl(download.url, download.fileName);
  }, [download]);

  const handleClose = () => {
    if (operation?.status === 'running')
      notify('The export goes on: its file will be in Device operations.', 'info');
    onClose();
  };

  const what =
    selection.kind === 'filter'
      ? `all ${count.toLocaleString('en-US')} devices matching this view`
      : `${count.toLocaleString('en-US')} selected ${count === 1 ? 'device' : 'devices'}`;

  return (
    <>
      <DialogTitle id="export-title">Export devices</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        {operation ? (
          <OperationReport operation={operation} />
        ) : count === 0 ? (
          <Alert severity="info">
            {isWholeView
              ? 'No devices match this view: change the search or filters to export some.'
              : 'Select the devices to export in the grid first, or select all devices matching the view.'}
          </Alert>
        ) : (
          <>
            <Typography variant="body2">
              Export {what} to a CSV file in IoT Central&apos;s format, with the columns:
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5, fontFamily: 'monospace', fontSize: '0.8125rem' }}>
              {EXPORT_COLUMNS.map((column) => (
                <li key={column}>{column}</li>
              ))}
            </Box>
            <Alert severity="warning">
              The file holds the devices&apos; SAS keys. Anyone with a key can connect as that device: keep
              the file as safe as the keys.
            </Alert>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={handleClose}>{operation ? 'Close' : 'Cancel'}</Button>
        {!operation && (
          <Button
            variant="contained"
            disabled={count === 0}
            onClick={() => setOperationId(startExport(selection))}
          >
            {isWholeView && count > 0
              ? `Export all ${count.toLocaleString('en-US')} ${count === 1 ? 'device' : 'devices'} matching this view`
              : 'Export'}
          </Button>
        )}
      </DialogActions>
    </>
  );
}
