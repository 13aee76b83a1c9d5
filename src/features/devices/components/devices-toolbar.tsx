import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import LinkIcon from '@mui/icons-material/Link';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Box, Button, Divider } from '@mui/material';
import type { ReactNode } from 'react';
import type { DeviceActionName } from '../actions';

export interface DevicesToolbarProps {
  selectedCount: number;
  enabled: Record<DeviceActionName, boolean>;
  canConnect: boolean;
  isBusy: boolean;
  onNew: () => void;
  onAction: (action: DeviceActionName) => void;
  onConnect: () => void;
  extras?: ReactNode;
}

const ICONS: Record<DeviceActionName, ReactNode> = {
  approve: <CheckCircleIcon />,
  migrate: <SwapHorizIcon />,
  block: <BlockIcon />,
  unblock: <LockOpenIcon />,
  delete: <DeleteIcon />,
};

const LABELS: Record<DeviceActionName, string> = {
  approve: 'Approve',
  migrate: 'Migrate',
  block: 'Block',
  unblock: 'Unblock',
  delete: 'Delete',
};

const ORDER: DeviceActionName[] = ['approve', 'migrate', 'block', 'unblock', 'delete'];

export function DevicesToolbar({ selectedCount, enabled, canConnect, isBusy, onNew, onAction, onConnect, extras }: DevicesToolbarProps) {
  return (
    <Box role="toolbar" aria-label="Device actions" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
      <Button variant="contained" startIcon={<AddIcon />} onClick={onNew}>
        New
      </Button>
      {extras}
      <Divider orientation="vertical" flexItem sx={{ mx: 1 }} />
      {ORDER.map((name) => (
        <Button
          key={name}
          startIcon={ICONS[name]}
          disabled={isBusy || selectedCount === 0 || !enabled[name]}
          color={name === 'delete' ? 'error' : 'primary'}
          onClick={() => onAction(name)}
        >
          {LABELS[name]}
        </Button>
      ))}
      <Button startIcon={<LinkIcon />} disabled={!canConnect} onClick={onConnect}>
        Connect
      </Button>
    </Box>
  );
}
