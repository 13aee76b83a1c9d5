import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import type { BulkRunState } from '../mutations';
import { undoLimits, type UndoRecord } from '../undo';

export interface BulkProgressDialogProps {
  state: BulkRunState;
  onCancel: () => void;
  onClose: () => void;
  /** Undo of the finished run, offered when it changed devices that can go back. */
  onUndo?: (record: UndoRecord) => void;
}

const plural = (n: number, word = 'device') => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

export function BulkProgressDialog({ state, onCancel, onClose, onUndo }: BulkProgressDialogProps) {
  if (state.phase === 'idle') return null;
  const { action } = state;
  const isRunning = state.phase !== 'done';
  return (
    <Dialog open onClose={isRunning ? undefined : onClose} aria-labelledby="bulk-title">
      <DialogTitle id="bulk-title">
        {state.phase === 'done' ? `${action.label}: finished` : `${action.progressLabel} devices`}
      </DialogTitle>
      <DialogContent>
        {state.phase === 'resolving' && (
          <Box>
            <Typography gutterBottom>Finding the devices that match the view… {state.found.toLocaleString()} so far.</Typography>
            <LinearProgress aria-label="Finding devices" />
          </Box>
        )}
        {state.phase === 'running' && (
          <Box>
            <Typography gutterBottom>
              {state.progress.finished.toLocaleString()} of {plural(state.progress.total)} done
            </Typography>
            <LinearProgress
              variant="determinate"
              aria-label={`${action.progressLabel} progress`}
              value={state.progress.total ? (100 * state.progress.finished) / state.progress.total : 100}
            />
          </Box>
        )}
        {state.phase === 'done' && <BulkReportView state={state} />}
      </DialogContent>
      <DialogActions>
        {isRunning ? (
          <Button onClick={onCancel} color="inherit">
            Cancel
          </Button>
        ) : (
          <>
            {state.phase === 'done' && state.undo && onUndo && (
              <Button onClick={() => state.undo && onUndo(state.undo)} color="inherit">
                Undo
              </Button>
            )}
            <Button onClick={onClose} variant="contained" autoFocus>
              Close
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function BulkReportView({ state }: { state: Extract<BulkRunState, { phase: 'done' }> }) {
  const { report, action } = state;
  const skippedReasons = new Map<string, number>();
  for (const s of report.skipped) skippedReasons.set(s.reason, (skippedReasons.get(s.reason) ?? 0) + 1);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Alert severity={report.failed.length ? 'warning' : 'success'}>
        {plural(report.succeeded.length)} {action.pastLabel}.
        {[...skippedReasons].map(([reason, n]) => ` ${plural(n)} skipped: ${reason}.`)}
        {report.cancelled.length > 0 && ` ${plural(report.cancelled.length)} not changed: cancelled.`}
        {report.failed.length > 0 && ` ${plural(report.failed.length)} failed.`}
      </Alert>
      {state.undo && state.undo.action === 'delete' && (
        <Typography variant="body2" color="text.secondary">
          Undo: {undoLimits('delete')}
        </Typography>
      )}
      {report.failed.length > 0 && (
        <List dense aria-label="Failures" sx={{ maxHeight: 240, overflow: 'auto' }}>
          {report.failed.slice(0, 200).map((f, i) => (
            <ListItem key={`${f.id}-${i}`} disableGutters>
              <ListItemText primary={f.message} />
            </ListItem>
          ))}
          {report.failed.length > 200 && <ListItem>…and {report.failed.length - 200} more.</ListItem>}
        </List>
      )}
    </Box>
  );
}
