import { Button } from '@mui/material';
import { useConfirm } from '../../../components/confirm-dialog';
import { notify } from '../../../components/notifications';
import { AUTHENTICATION_METHOD_LABELS } from '../connection-info';
import { useRemoveIndividualEnrollment } from '../mutations';
import type { AttestationType } from '../../../api/types';

export interface RemoveEnrollmentButtonProps {
  deviceId: string;
  enrollmentType: AttestationType;
  groupName: string;
  onRemoved: () => void;
}

/** Removes the individual enrollment, after confirmation; the device then connects through its group. */
export function RemoveEnrollmentButton({
  deviceId,
  enrollmentType,
  groupName,
  onRemoved,
}: RemoveEnrollmentButtonProps) {
  const confirm = useConfirm();
  const remove = useRemoveIndividualEnrollment(deviceId);

  const handleRemove = async () => {
    const isConfirmed = await confirm({
      title: 'Remove individual enrollment?',
      message: `"${deviceId}" will no longer connect with its ${AUTHENTICATION_METHOD_LABELS[enrollmentType]} credentials. It returns to the ${groupName} group and connects with keys derived from the group's keys.`,
      confirmLabel: 'Remove',
      isDestructive: true,
    });
    if (!isConfirmed) return;
    try {
      await remove.mutateAsync();
      notify(
        `Individual enrollment removed. "${deviceId}" connects through the ${groupName} group.`,
        'success',
      );
      onRemoved();
    } catch (error) {
      notify(
        `Could not remove the individual enrollment: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    }
  };

  return (
    <Button color="error" variant="outlined" onClick={() => void handleRemove()} disabled={remove.isPending}>
      Remove individual enrollment
    </Button>
  );
}
