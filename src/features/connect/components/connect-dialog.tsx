import { Dialog } from '@mui/material';
import { useId, useState } from 'react';
import { ConnectionDetails } from './connection-details';

export interface ConnectDialogProps {
  open: boolean;
  deviceId: string;
  onClose: () => void;
}

/** Connect: what a device needs to connect (ID scope, device ID, credentials), and its individual enrollment. */
export function ConnectDialog({ open, deviceId, onClose }: ConnectDialogProps) {
  const titleId = useId();
  // Callers often clear the device ID as they close the dialog; keep showing the last one while it fades out.
  const [lastDeviceId, setLastDeviceId] = useState(deviceId);
  if (deviceId && deviceId !== lastDeviceId) setLastDeviceId(deviceId);
  const shownId = deviceId || lastDeviceId;
  // The Dialog mounts its content only while open, so nothing is fetched for a closed dialog.
  return (
    <Dialog
      open={open && shownId !== ''}
      onClose={onClose}
      maxWidth="md"
      scroll="paper"
      aria-labelledby={titleId}
    >
      <ConnectionDetails key={shownId} deviceId={shownId} titleId={titleId} onClose={onClose} />
    </Dialog>
  );
}
