import { Alert, Stack, TextField } from '@mui/material';
import { SecretField } from '../../../components/secret-field';
import type { Attestation, DeviceCredentials } from '../../../api/types';
import { AUTHENTICATION_METHOD_LABELS } from '../connection-info';
import { ConnectionQrCode } from './connection-qr-code';
import { RemoveEnrollmentButton } from './remove-enrollment-button';

export interface GroupConnectionProps {
  deviceId: string;
  credentials: DeviceCredentials;
  /** The saved individual enrollment, which overrides the group. */
  enrollment: Attestation | null;
  groupName: string;
  /** The group is disabled: devices cannot connect through it. */
  isGroupDisabled?: boolean;
  onRemoved: () => void;
}

/** SAS through the app's SAS enrollment group: the device keys derived from the group keys. */
export function GroupConnection({
  deviceId,
  credentials,
  enrollment,
  groupName,
  isGroupDisabled,
  onRemoved,
}: GroupConnectionProps) {
  if (enrollment) {
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Alert severity="warning" role="note" sx={{ width: '100%', boxSizing: 'border-box' }}>
          This device has an individual enrollment ({AUTHENTICATION_METHOD_LABELS[enrollment.type]}), which
          takes precedence over the group enrollments. To connect it through the {groupName} group, remove the
          individual enrollment.
        </Alert>
        <RemoveEnrollmentButton
          deviceId={deviceId}
          enrollmentType={enrollment.type}
          groupName={groupName}
          onRemoved={onRemoved}
        />
      </Stack>
    );
  }
  const keys = credentials.symmetricKey;
  if (!keys) {
    return (
      <Alert severity="warning" role="note">
        This application has no SAS enrollment group, so there are no group keys to derive the device keys
        from. Create one in Administration &gt; Device connection, or give this device an individual
        enrollment.
      </Alert>
    );
  }
  const derived = `Derived from the ${groupName} group's keys: HMAC-SHA256 of the device ID, as az iot central device compute-device-key does.`;
  return (
    <Stack spacing={2}>
      {isGroupDisabled && (
        <Alert severity="warning" role="note">
          The {groupName} group is disabled: devices cannot connect through it until an administrator enables
          it in Administration &gt; Device connection.
        </Alert>
      )}
      <TextField label="Enrollment group" value={groupName} slotProps={{ htmlInput: { readOnly: true } }} />
      <SecretField label="Primary key" value={keys.primaryKey} isSecret helperText={derived} />
      <SecretField label="Secondary key" value={keys.secondaryKey} isSecret />
      <ConnectionQrCode idScope={credentials.idScope} deviceId={deviceId} primaryKey={keys.primaryKey} />
    </Stack>
  );
}
