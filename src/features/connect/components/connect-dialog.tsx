import { Dialog } from '@mui/material';
import { useId } from 'react';
import { ConnectionDetails } from './connection-details';

export interface ConnectDialogProps {
  open: boolean;
  deviceId: string;
  onClose: () => void;
}

/** Connect: what a device needs to connect (ID scope, device ID, credentials), and its individual enrollment. */
export function ConnectDialog({ open, deviceId, onClose }: ConnectDialogProps) {
  const titleId = useId();
  // The Dialog mounts its content only while open, so nothing is fetched for a closed dialog.
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" scroll="paper" aria-labelledby={titleId}>
      <ConnectionDetails deviceId={deviceId} titleId={titleId} onClose={onClose} />
    </Dialog>
  );
}
