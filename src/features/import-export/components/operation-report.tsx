import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, LinearProgress, Link, Typography } from '@mui/material';
import { useState } from 'react';
import { annotatedInvalidCsv } from '../../../lib/csv-import';
import { downloadText } from '../../../components/download';
import { canResume, cancelOperation, retryOperation, type DeviceOperation } from '../operations';
import { ProblemRowsTable } from './problem-rows-table';
import { StatTiles } from './stat-tiles';

export interface OperationReportProps {
  operation: DeviceOperation;
  /** In the narrow Device operations panel: the failed rows stay folded until asked for. */
  isCompact?: boolean;
}

const n = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, word: string) => `${n(value)} ${word}${value === 1 ? '' : 's'}`;

function errorLogName(operation: DeviceOperation): string {
  const base = operation.title.replace(/^Import of /, '').replace(/\.csv$/i, '');
  return `${base || 'import'}-errors.csv`;
}

function summary(op: DeviceOperation): string {
  if (op.kind === 'export') {
    const missing = op.missing
      ? ` ${plural(op.missing, 'selected device')} no longer ${op.missing === 1 ? 'exists' : 'exist'} and ${op.missing === 1 ? 'was' : 'were'} left out.`
      : '';
    if (op.status !== 'completed') return '';
    // The file lives only in the page that made it: another tab, or this one after a reload, cannot offer it.
    const where = op.download
      ? `to ${op.download.fileName}.`
      : 'to a file in the page that ran it: export again to get the file here.';
    return `Exported ${plural(op.processed - (op.missing ?? 0), 'device')} ${where}${missing}`;
  }
  const parts = [
    `${n(op.created)} created`,
    `${n(op.updated)} updated`,
    `${n(op.skipped)} skipped`,
    `${n(op.failedCount)} failed`,
  ];
  const head =
    op.status === 'completed'
      ? 'Import finished'
      : op.status === 'cancelled'
        ? 'Import cancelled'
        : 'Import stopped';
  return `${head}: ${parts.join(', ')}.`;
}

function severity(op: DeviceOperation) {
  if (op.status === 'stopped') return 'error';
  if (op.status === 'cancelled') return 'info';
  return op.failedCount > 0 || op.missing ? 'warning' : 'success';
}

/** Progress while an operation runs, then its report: counts, failed rows, error log, Retry, the export's file. */
export function OperationReport({ operation: op, isCompact = false }: OperationReportProps) {
  const [isShowingFailed, setIsShowingFailed] = useState(!isCompact);
  const isImport = op.kind === 'import';
  const verb = isImport ? 'Import' : 'Export';
  if (op.status === 'running') {
    const percent = op.total > 0 ? (100 * op.processed) / op.total : 0;
    return (
      <Box sx={{ display: 'grid', gap: 1 }}>
        <Typography variant="body2">
          {op.isCancelRequested
            ? `Cancelling after the current batch… ${n(op.processed)} of ${n(op.total)} done.`
            : `${isImport ? 'Importing' : 'Exporting'}: ${n(op.processed)} of ${plural(op.total, isImport ? 'row' : 'device')} done.`}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, percent)}
          aria-label={`${verb} progress`}
        />
        <Box>
          <Button
            size="small"
            color="inherit"
            disabled={op.isCancelRequested}
            onClick={() => cancelOperation(op.id)}
          >
            Cancel {verb.toLowerCase()}
          </Button>
        </Box>
      </Box>
    );
  }

  const canRetry = (op.status === 'stopped' || op.status === 'cancelled') && canResume(op.id);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {isImport && (
        <StatTiles
          label={`${verb} report`}
          tiles={[
            { label: 'Created', value: op.created, tone: 'success' },
            { label: 'Updated', value: op.updated },
            { label: 'Skipped', value: op.skipped },
            { label: 'Failed', value: op.failedCount, tone: 'error' },
          ]}
        />
      )}
      <Alert
        severity={severity(op)}
        action={
          canRetry ? (
            <Button color="inherit" size="small" onClick={() => retryOperation(op.id)}>
              Retry
            </Button>
          ) : undefined
        }
      >
        {summary(op)} {op.error}
      </Alert>
      {op.download && (
        <Box>
          <Link
            href={op.download.url}
            download={op.download.fileName}
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
          >
            <DownloadIcon fontSize="small" /> Download file
          </Link>
        </Box>
      )}
      {op.failed.length > 0 && (
        <>
          {isShowingFailed && <ProblemRowsTable label="Rows not imported" rows={op.failed} />}
          {op.failed.length < op.failedCount && (
            <Typography variant="body2" color="text.secondary">
              The report keeps the first {n(op.failed.length)} of the {n(op.failedCount)} rows not imported; the page
              that ran the import has them all.
            </Typography>
          )}
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {isCompact && (
              <Button
                size="small"
                aria-expanded={isShowingFailed}
                onClick={() => setIsShowingFailed((v) => !v)}
              >
                {isShowingFailed
                  ? 'Hide the rows not imported'
                  : `Show the ${op.failed.length === 1 ? 'row' : `${n(op.failed.length)} rows`} not imported`}
              </Button>
            )}
            <Button
              size="small"
              startIcon={<DownloadIcon />}
              onClick={() => downloadText(annotatedInvalidCsv(op.failed), errorLogName(op))}
            >
              Download error log
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
}
