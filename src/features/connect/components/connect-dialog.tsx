import { Dialog } from '@mui/material';
import { useId, useState } from 'react';
import { useConfirm } from '../../../components/confirm-dialog';
import { ConnectionDetails } from './connection-details';

export interface ConnectDialogProps {
  open: boolean;
  deviceId: string;
  onClose: () => void;
  /** Whether the user may read enrollment groups (an Administrator); an Operator's request would be refused. */
  canReadEnrollmentGroups?: boolean;
}

/** Connect: what a device needs to connect (ID scope, device ID, credentials), and its individual enrollment. */
export function ConnectDialog({ open, deviceId, onClose, canReadEnrollmentGroups = true }: ConnectDialogProps) {
  const titleId = useId();
  // Callers often clear the device ID as they close the dialog; keep showing the last one while it fades out.
  const [lastDeviceId, setLastDeviceId] = useState(deviceId);
  if (deviceId && deviceId !== lastDeviceId) setLastDeviceId(deviceId);
  const shownId = deviceId || lastDeviceId;
  const confirm = useConfirm();
  // An uploaded certificate that is not saved is lost on close: ask first.
  const [hasUnsaved, setHasUnsaved] = useState(false);
  const handleClose = async () => {
    if (hasUnsaved) {
      const isDiscarded = await confirm({
        title: 'Discard the uploaded certificate?',
        message: `The certificate you uploaded for "${shownId}" is not saved: closing discards it, and the device keeps its current credentials. Save keeps it.`,
        confirmLabel: 'Discard',
        cancelLabel: 'Keep editing',
        isDestructive: true,
      });
      if (!isDiscarded) return;
    }
    setHasUnsaved(false);
    onClose();
  };
  // The Dialog mounts its content only while open, so nothing is fetched for a closed dialog.
  return (
    <Dialog
      open={open && shownId !== ''}
      onClose={() => void handleClose()}
      maxWidth="md"
      scroll="paper"
      aria-labelledby={titleId}
    >
      <ConnectionDetails
        key={shownId}
        deviceId={shownId}
        titleId={titleId}
        onClose={() => void handleClose()}
        onUnsavedChange={setHasUnsaved}
        canReadEnrollmentGroups={canReadEnrollmentGroups}
      />
    </Dialog>
  );
}
