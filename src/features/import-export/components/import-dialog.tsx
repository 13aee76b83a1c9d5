import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Link,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { deviceQueries, templateQueries } from '../../../api/queries';
import { FileDrop } from '../../../components/file-drop';
import { notify } from '../../../components/notifications';
import { UserText } from '../../../components/user-text';
import { IMPORT_MAX_ROWS, IOTC_DEVICEID } from '../../../lib/csv-import';
import { downloadText } from '../../../components/download';
import { startImport, type ExistingChoice } from '../import-operation';
import { MAX_IMPORT_FILE_BYTES } from '../parse-import-file';
import { useDeviceOperation } from '../operations';
import { ImportReview } from './import-review';
import { OperationReport } from './operation-report';
import { useImportCheck } from './use-import-check';
import { isolateText } from '../../../lib/visible-text';

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** The template to preselect (e.g. the one the Devices view is filtered on). */
  defaultTemplate?: string;
}

const SAMPLE_CSV = '\uFEFFIOTC_DEVICEID,IOTC_DEVICENAME\r\nsampledevice-1,Sample Device 1\r\n';
const pct = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** Devices > Import: pick a CSV file and a template, look at the dry run, then import as a Device operation. */
export function ImportDialog({ open, onClose, defaultTemplate }: ImportDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="import-title" maxWidth="md" fullWidth>
      {/* MUI unmounts the body after the exit transition, so every opening starts afresh. */}
      <ImportDialogBody onClose={onClose} defaultTemplate={defaultTemplate} />
    </Dialog>
  );
}

function ImportDialogBody({ onClose, defaultTemplate }: Omit<ImportDialogProps, 'open'>) {
  const queryClient = useQueryClient();
  const { data: templates } = useQuery(templateQueries.list());
  const [template, setTemplate] = useState(defaultTemplate ?? '');
  const [existingChoice, setExistingChoice] = useState<ExistingChoice>('skip');
  const { check, isLowerCasing, checkFile, setLowerCase, retry } = useImportCheck();
  const [operationId, setOperationId] = useState<string>();
  const operation = useDeviceOperation(operationId);
  const templateName = template
    ? (templates?.find((t) => t['@id'] === template)?.displayName ?? template)
    : undefined;
  const isRunning = operation?.status === 'running';

  const ready = check.phase === 'ready' ? check : undefined;
  // The rows to send and the rows left out; memoised, since a 100,000-row file re-renders on every batch.
  const { toSend, invalid } = useMemo(() => {
    if (!ready) return { toSend: [], invalid: [] };
    const refusedIds = new Set(ready.refused.map((r) => r.id));
    return {
      toSend:
        refusedIds.size > 0
          ? ready.validation.rows.filter((row) => !refusedIds.has(row.changedFrom ?? row.id))
          : ready.validation.rows,
      invalid:
        ready.refused.length > 0
          ? [...ready.validation.invalid, ...ready.refused].sort((a, b) => a.line - b.line)
          : ready.validation.invalid,
    };
  }, [ready]);

  const handleImport = () => {
    if (!ready) return;
    const id = startImport({
      fileName: ready.file.name,
      rows: toSend,
      invalid,
      template: template || undefined,
      templateName: templateName ?? 'No template (Unassociated)',
      existing: existingChoice,
      onSettled: () => void queryClient.invalidateQueries({ queryKey: deviceQueries.all() }),
    });
    setOperationId(id);
  };

  const handleClose = () => {
    if (isRunning) notify('The import goes on: follow it in Device operations.', 'info');
    onClose();
  };

  return (
    <>
      <DialogTitle id="import-title">Import devices</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
        {operation ? (
          <>
            <Typography variant="body2" color="text.secondary">
              {isolateText(operation.title)}, {operation.detail && isolateText(operation.detail)}.
            </Typography>
            <OperationReport operation={operation} />
          </>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary">
              A CSV file with a header row naming <b>IOTC_DEVICEID</b> and, optionally, <b>IOTC_DEVICENAME</b>
              : comma-delimited, UTF-8. Nothing is written until you choose Import.{' '}
              <Link
                component="button"
                type="button"
                variant="body2"
                onClick={() => downloadText(SAMPLE_CSV, 'iotc-bulk-upload-sample.csv')}
              >
                Download a sample file
              </Link>
            </Typography>
            <TextField
              select
              label="Device template"
              value={template}
              onChange={(event) => setTemplate(event.target.value)}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              helperText="The template of the new devices. With none, they are Unassociated until you migrate them."
            >
              <MenuItem value="">None (Unassociated)</MenuItem>
              {(templates ?? []).map((t) => (
                <MenuItem key={t['@id']} value={t['@id']}>
                  <UserText text={t.displayName ?? t['@id']} />
                </MenuItem>
              ))}
            </TextField>
            <FileDrop
              label="Choose a file"
              accept=".csv,text/csv"
              onFile={checkFile}
              fileName={'file' in check ? check.file.name : undefined}
              helperText={`A .csv file with an ${IOTC_DEVICEID} column, up to ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS.toLocaleString('en-US')} devices.`}
            />
            <CheckProgress check={check} onRetry={retry} />
            {ready && (
              <ImportReview
                fileName={ready.file.name}
                validation={ready.validation}
                existing={ready.existing}
                invalid={invalid}
                isLowerCasing={isLowerCasing}
                onLowerCase={setLowerCase}
                existingChoice={existingChoice}
                onExistingChoice={setExistingChoice}
                templateName={templateName}
              />
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={handleClose}>{operation ? 'Close' : 'Cancel'}</Button>
        {!operation && (
          <Button variant="contained" disabled={toSend.length === 0} onClick={handleImport}>
            Import
          </Button>
        )}
      </DialogActions>
    </>
  );
}

function CheckProgress({
  check,
  onRetry,
}: {
  check: ReturnType<typeof useImportCheck>['check'];
  onRetry: () => void;
}) {
  if (check.phase === 'reading' || check.phase === 'checking') {
    const label = check.phase === 'reading' ? 'Checking the file' : 'Looking for devices that already exist';
    return (
      <Box>
        <Typography variant="body2" gutterBottom>
          {label}… {pct(check.fraction)}
        </Typography>
        <LinearProgress variant="determinate" value={check.fraction * 100} aria-label={label} />
      </Box>
    );
  }
  if (check.phase === 'fatal' && check.validation.fatal) {
    return (
      <Alert severity="error">
        <AlertTitle>{check.validation.fatal.message}</AlertTitle>
        {check.validation.fatal.hint}
      </Alert>
    );
  }
  if (check.phase === 'error') {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        }
      >
        {check.message}
      </Alert>
    );
  }
  if (check.phase === 'ready' && check.validation.totalRows === 0) {
    return (
      <Alert severity="warning">
        The file has a header row but no devices. Add one row per device under the header.
      </Alert>
    );
  }
  return null;
}
