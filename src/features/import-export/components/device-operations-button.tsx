import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useDeviceOperationsBadge } from '../operations';

// Loaded when first opened: the reports (and papaparse, for the error log) stay out of the first load.
const DeviceOperationsPanel = lazy(async () => ({
  default: (await import('./device-operations-panel')).DeviceOperationsPanel,
}));

/**
 * The app bar's bell: a badge while operations run or have news, and the Device operations panel, with
 * `extra` (the app's slot: this tab's device actions, with Undo) below the imports and exports.
 */
export function DeviceOperationsButton({ extra }: { extra?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [hasOpened, setHasOpened] = useState(false);
  const { running, unseen } = useDeviceOperationsBadge();
  const count = running + unseen;
  const description = running > 0 ? `${running} running` : unseen > 0 ? `${unseen} new` : undefined;
  return (
    <>
      <Tooltip title={description ? `Device operations (${description})` : 'Device operations'}>
        <IconButton
          color="inherit"
          aria-label="Device operations"
          aria-description={description}
          onClick={() => {
            setHasOpened(true);
            setOpen(true);
          }}
        >
          <Badge badgeContent={count} color={running > 0 ? 'info' : 'error'} max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      {hasOpened && (
        <Suspense fallback={null}>
          <DeviceOperationsPanel open={open} onClose={() => setOpen(false)} extra={extra} />
        </Suspense>
      )}
    </>
  );
}
