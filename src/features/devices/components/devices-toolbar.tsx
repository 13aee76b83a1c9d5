import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import LinkIcon from '@mui/icons-material/Link';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Box, Button, Divider, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import { DEVICE_ACTION_NAMES, type DeviceActionName } from '../../../lib/device-actions';
import { actionHint, DEVICE_ACTIONS } from '../actions';

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


export function DevicesToolbar({ selectedCount, enabled, canConnect, isBusy, onNew, onAction, onConnect, extras }: DevicesToolbarProps) {
  return (
    <Box role="toolbar" aria-label="Device actions" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
      <Button variant="contained" startIcon={<AddIcon />} onClick={onNew}>
        New
      </Button>
      {extras}
      <Divider orientation="vertical" flexItem sx={{ mx: 1 }} />
      {DEVICE_ACTION_NAMES.map((name) => {
        const button = (
          <Button
            key={name}
            startIcon={ICONS[name]}
            disabled={isBusy || selectedCount === 0 || !enabled[name]}
            color={name === 'delete' ? 'error' : 'primary'}
            onClick={() => onAction(name)}
          >
            {DEVICE_ACTIONS[name].label}
          </Button>
        );
        const hint = actionHint(name);
        // A disabled button takes no pointer events: the span carries the tooltip.
        return hint ? (
          <Tooltip key={name} title={hint}>
            <span>{button}</span>
          </Tooltip>
        ) : (
          button
        );
      })}
      <Button startIcon={<LinkIcon />} disabled={!canConnect} onClick={onConnect}>
        Connect
      </Button>
    </Box>
  );
}
