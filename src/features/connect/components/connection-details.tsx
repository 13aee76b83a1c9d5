import {
  Alert,
  Box,
  Button,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Skeleton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { SecretField } from '../../../components/secret-field';
import { notify } from '../../../components/notifications';
import { sasEnrollmentGroup } from '../connection-info';
import type { EnrollmentRequest } from '../enrollment-schemas';
import { useSaveIndividualEnrollment } from '../mutations';
import { useDevice, useDeviceAttestation, useEnrollmentGroups } from '../../../api/query-hooks';
import { useDeviceCredentials } from '../queries';
import { hasExtension } from '../../../api/capabilities';
import type { Attestation, DeviceCredentials } from '../../../api/types';
import type { SnippetCredentials } from '../device-snippets';
import { GroupConnection } from './group-connection';
import { LocalEndpoints } from './local-endpoints';
import { IndividualEnrollment } from './individual-enrollment';
import { UserText } from '../../../components/user-text';
import { isolateText } from '../../../lib/visible-text';

type AuthenticationType = 'group' | 'individual';

export interface ConnectionDetailsProps {
  deviceId: string;
  titleId: string;
  onClose: () => void;
  /** Whether an uploaded certificate is not saved yet (the dialog asks before closing). */
  onUnsavedChange?: (hasUnsaved: boolean) => void;
  /** False for an Operator: the group's name is then the default one, not read from the API (403). */
  canReadEnrollmentGroups?: boolean;
}

/** The Connect dialog's content: loads what the device needs and lets the operator choose how it authenticates. */
export function ConnectionDetails({
  deviceId,
  titleId,
  onClose,
  onUnsavedChange,
  canReadEnrollmentGroups = true,
}: ConnectionDetailsProps) {
  const device = useDevice(deviceId);
  const credentials = useDeviceCredentials(deviceId);
  const attestation = useDeviceAttestation(deviceId);
  const groups = useEnrollmentGroups({ isEnabled: canReadEnrollmentGroups });
  const save = useSaveIndividualEnrollment(deviceId);
  const formId = useId();
  const [choice, setChoice] = useState<AuthenticationType | null>(null);

  const enrollment = attestation.data ?? null;
  const type: AuthenticationType = choice ?? (enrollment ? 'individual' : 'group');
  const group = groups.data && sasEnrollmentGroup(groups.data);
  const groupName = isolateText(group?.displayName ?? 'SAS-IoT-Devices');
  const error = credentials.error ?? attestation.error;
  const isLoading = credentials.isPending || attestation.isPending;
  const snippetCredentials = credentialsForSnippets(enrollment, credentials.data);

  const handleSave = async (request: EnrollmentRequest) => {
    try {
      await save.mutateAsync(request);
    } catch {
      return; // shown in the dialog from save.error
    }
    notify(`Individual enrollment saved. "${deviceId}" now connects with these credentials.`, 'success');
    setChoice(null);
  };

  const handleRetry = () => {
    void credentials.refetch();
    void attestation.refetch();
  };

  return (
    <>
      <DialogTitle id={titleId} sx={{ pb: 0 }}>
        Device connection
      </DialogTitle>
      <Typography variant="body2" color="text.secondary" sx={{ px: 3, pb: 1.5 }}>
        {device.data?.displayName && device.data.displayName !== deviceId ? (
          <>
            <UserText text={device.data.displayName} /> ({deviceId})
          </>
        ) : (
          deviceId
        )}
      </Typography>
      <DialogContent dividers>
        {error && (
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={handleRetry}>
                Retry
              </Button>
            }
          >
            Could not load the connection information of "{deviceId}": {error.message}
          </Alert>
        )}
        {!error && isLoading && (
          <Stack spacing={2} aria-busy="true" aria-label="Loading the connection information">
            <Skeleton variant="rounded" height={40} />
            <Skeleton variant="rounded" height={40} />
            <Skeleton variant="rounded" height={120} />
          </Stack>
        )}
        {!error && credentials.data && attestation.data !== undefined && (
          <Stack spacing={2.5}>
            <Typography variant="body2" color="text.secondary">
              A device connects through the Device Provisioning Service (DPS) with the ID scope, its device ID
              and its credentials.
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
              <SecretField label="ID scope" value={credentials.data.idScope} />
              <SecretField label="Device ID" value={deviceId} />
            </Box>
            <TextField
              select
              label="Authentication type"
              value={type}
              onChange={(event) => setChoice(event.target.value as AuthenticationType)}
            >
              <MenuItem value="group">Shared access signature (SAS)</MenuItem>
              <MenuItem value="individual">Individual enrollment</MenuItem>
            </TextField>
            {type === 'group' ? (
              <GroupConnection
                deviceId={deviceId}
                credentials={credentials.data}
                enrollment={enrollment}
                groupName={groupName}
                isGroupDisabled={group?.enabled === false}
                onRemoved={() => setChoice(null)}
              />
            ) : (
              <IndividualEnrollment
                key={JSON.stringify(enrollment)}
                deviceId={deviceId}
                formId={formId}
                enrollment={enrollment}
                credentials={credentials.data}
                groupName={groupName}
                isSaving={save.isPending}
                saveError={save.error?.message}
                onSave={handleSave}
                onRemoved={() => setChoice(null)}
                onUnsavedChange={onUnsavedChange}
              />
            )}
            {hasExtension('devices') && snippetCredentials && (
              <LocalEndpoints
                deviceId={deviceId}
                credentials={snippetCredentials}
                {...(device.data?.template ? { modelId: device.data.template } : {})}
              />
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        {type === 'individual' && !error && !isLoading && (
          <Button type="submit" form={formId} variant="contained" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/** How the device authenticates now, for the code snippets; undefined when it has no credentials yet. */
function credentialsForSnippets(
  enrollment: Attestation | null,
  credentials: DeviceCredentials | undefined,
): SnippetCredentials | undefined {
  if (enrollment?.type === 'x509') return { kind: 'x509' };
  if (enrollment?.type === 'tpm') return { kind: 'tpm' };
  const key = credentials?.symmetricKey?.primaryKey;
  return key ? { kind: 'sas', key } : undefined;
}
