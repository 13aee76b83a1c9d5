import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Chip, Divider, Drawer, IconButton, Paper, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import {
  clearFinishedOperations,
  markOperationsSeen,
  useDeviceOperations,
  type DeviceOperation,
} from '../operations';
import { OperationReport } from './operation-report';
import { isolateText } from '../../../lib/visible-text';

export interface DeviceOperationsPanelProps {
  open: boolean;
  onClose: () => void;
  /** Below the imports and exports: the app's slot for this tab's device actions. */
  extra?: ReactNode;
}

const STATUS: Record<
  DeviceOperation['status'],
  { label: string; color: 'info' | 'success' | 'default' | 'error' }
> = {
  running: { label: 'Running', color: 'info' },
  completed: { label: 'Completed', color: 'success' },
  cancelled: { label: 'Cancelled', color: 'default' },
  stopped: { label: 'Stopped', color: 'error' },
};

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** IoT Central's Device operations panel (the bell): the application's imports and exports, with progress and reports. */
export function DeviceOperationsPanel({ open, onClose, extra }: DeviceOperationsPanelProps) {
  const operations = useDeviceOperations();
  useEffect(() => {
    if (open) markOperationsSeen(operations);
  }, [open, operations]);
  const hasFinished = operations.some((op) => op.status !== 'running');

  return (
    <Drawer
      anchor="right"
      open={open}
      onClose={onClose}
      // Above the app bar, which sits above the navigation drawer.
      sx={{ zIndex: (theme) => theme.zIndex.modal }}
      slotProps={{
        paper: { 'aria-labelledby': 'device-operations-title', sx: { width: { xs: '100%', sm: 480 } } },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.5 }}>
        <Typography id="device-operations-title" variant="h6" component="h2" sx={{ flex: 1 }}>
          Device operations
        </Typography>
        <Button size="small" disabled={!hasFinished} onClick={() => clearFinishedOperations(operations)}>
          Clear finished
        </Button>
        <IconButton aria-label="Close Device operations" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Divider />
      <Box
        component="ul"
        aria-label="Device operations"
        sx={{ listStyle: 'none', m: 0, p: 2, display: 'grid', gap: 1.5 }}
      >
        {operations.length === 0 && (
          <Typography component="li" variant="body2" color="text.secondary">
            No imports or exports yet. They appear here while they run, with their reports when they finish.
          </Typography>
        )}
        {operations.map((op) => (
          <Paper
            component="li"
            key={op.id}
            variant="outlined"
            aria-label={isolateText(op.title)}
            sx={{ p: 1.5, display: 'grid', gap: 1 }}
          >
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
                  {isolateText(op.title)}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {op.detail ? `${isolateText(op.detail)} · ` : ''}started {time(op.startedAt)}
                  {op.finishedAt ? `, ended ${time(op.finishedAt)}` : ''}
                </Typography>
              </Box>
              <Chip size="small" label={STATUS[op.status].label} color={STATUS[op.status].color} />
            </Box>
            <OperationReport operation={op} isCompact />
          </Paper>
        ))}
      </Box>
      {extra}
    </Drawer>
  );
}
