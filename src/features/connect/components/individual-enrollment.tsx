import { Alert, Box, Chip, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import type { Attestation, AttestationType, DeviceCredentials } from '../../../api/types';
import { AUTHENTICATION_METHOD_LABELS } from '../connection-info';
import type { EnrollmentRequest } from '../enrollment-schemas';
import { ConnectionQrCode } from './connection-qr-code';
import { RemoveEnrollmentButton } from './remove-enrollment-button';
import { SymmetricKeyForm } from './symmetric-key-form';
import { TpmForm } from './tpm-form';
import { X509Form } from './x509-form';

export interface IndividualEnrollmentProps {
  deviceId: string;
  /** The id of the form the dialog's Save button submits. */
  formId: string;
  enrollment: Attestation | null;
  credentials: DeviceCredentials;
  groupName: string;
  isSaving: boolean;
  saveError: string | undefined;
  onSave: (request: EnrollmentRequest) => Promise<void>;
  onRemoved: () => void;
  /** Whether an uploaded certificate is not saved yet. */
  onUnsavedChange?: (hasUnsaved: boolean) => void;
}

const METHODS: AttestationType[] = ['symmetricKey', 'x509', 'tpm'];

/** An individual enrollment: SAS keys, X.509 certificates or a TPM endorsement key, just for this device. */
export function IndividualEnrollment(props: IndividualEnrollmentProps) {
  const { deviceId, formId, enrollment, credentials, groupName, isSaving, saveError, onSave, onRemoved, onUnsavedChange } =
    props;
  const [method, setMethod] = useState<AttestationType>(enrollment?.type ?? 'symmetricKey');
  const saved = enrollment?.type === method ? enrollment : null;
  const thumbprints = enrollment?.type === 'x509' ? enrollment.x509.clientCertificates : undefined;
  const formProps = { formId, deviceId, disabled: isSaving, onSubmit: onSave };

  return (
    <Stack spacing={2}>
      <Alert severity="info" role="note">
        An individual enrollment takes precedence over the group enrollments: while it exists, this device
        connects only with the credentials below. Removing it returns the device to the {groupName} group.
      </Alert>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          label="Authentication method"
          value={method}
          onChange={(event) => setMethod(event.target.value as AttestationType)}
          sx={{ minWidth: 300, flex: 1 }}
        >
          {METHODS.map((m) => (
            <MenuItem key={m} value={m}>
              {AUTHENTICATION_METHOD_LABELS[m]}
            </MenuItem>
          ))}
        </TextField>
        <Chip
          label={enrollment ? `Saved: ${AUTHENTICATION_METHOD_LABELS[enrollment.type]}` : 'Not saved yet'}
          color={enrollment ? 'success' : 'default'}
          variant="outlined"
        />
      </Box>
      {!enrollment && (
        <Alert severity="warning" variant="outlined" role="note">
          Until you save, "{deviceId}" keeps connecting through the {groupName} group.
        </Alert>
      )}
      {enrollment && enrollment.type !== method && (
        <Alert severity="warning" variant="outlined" role="status">
          Saving replaces the device's {AUTHENTICATION_METHOD_LABELS[enrollment.type]} enrollment: its current
          credentials will stop working.
        </Alert>
      )}
      {saveError && <Alert severity="error">Could not save the individual enrollment: {saveError}</Alert>}
      {method === 'symmetricKey' && (
        <SymmetricKeyForm
          {...formProps}
          savedKeys={saved?.type === 'symmetricKey' ? saved.symmetricKey : undefined}
        />
      )}
      {method === 'x509' && (
        <X509Form
          {...formProps}
          onUnsavedChange={onUnsavedChange}
          saved={{
            primary: thumbprints?.primary.info?.sha1Thumbprint,
            secondary: thumbprints?.secondary?.info?.sha1Thumbprint,
          }}
        />
      )}
      {method === 'tpm' && (
        <TpmForm
          {...formProps}
          savedEndorsementKey={saved?.type === 'tpm' ? saved.tpm.endorsementKey : undefined}
        />
      )}
      {saved?.type === 'symmetricKey' && (
        <ConnectionQrCode
          idScope={credentials.idScope}
          deviceId={deviceId}
          primaryKey={saved.symmetricKey.primaryKey}
        />
      )}
      {enrollment && (
        <Box>
          <RemoveEnrollmentButton
            deviceId={deviceId}
            enrollmentType={enrollment.type}
            groupName={groupName}
            onRemoved={onRemoved}
          />
        </Box>
      )}
    </Stack>
  );
}
