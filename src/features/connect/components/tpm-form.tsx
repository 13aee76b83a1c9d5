import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
import { SecretField } from '../../../components/secret-field';
import { decodeEndorsementKey, registrationIdFromEndorsementKey } from '../../../lib/tpm';
import { registrationIdWarning } from '../connection-info';
import {
  tpmRequest,
  tpmSchema,
  type EnrollmentRequest,
  type TpmInput,
  type TpmValues,
} from '../enrollment-schemas';

export interface TpmFormProps {
  formId: string;
  deviceId: string;
  savedEndorsementKey: string | undefined;
  disabled: boolean;
  onSubmit: (request: EnrollmentRequest) => Promise<void>;
}

const KEY_TYPE_LABELS = { rsa2048: 'RSA 2048', eccP256: 'ECC NIST P-256' } as const;

/** The registration ID DPS derives from an endorsement key, once the key decodes; undefined before. */
function useDerivedRegistrationId(endorsementKey: string) {
  const [derived, setDerived] = useState<{ key: string; registrationId: string; keyType: string }>();
  useEffect(() => {
    const decoded = decodeEndorsementKey(endorsementKey);
    if (!decoded.ok) return;
    let isCurrent = true;
    void registrationIdFromEndorsementKey(decoded.ek.bytes).then((registrationId) => {
      if (isCurrent)
        setDerived({ key: endorsementKey, registrationId, keyType: KEY_TYPE_LABELS[decoded.ek.keyType] });
    });
    return () => {
      isCurrent = false;
    };
  }, [endorsementKey]);
  return derived?.key === endorsementKey ? derived : undefined;
}

/** Individual TPM enrollment: the endorsement key (base64 TPM2B_PUBLIC) of the device's TPM. */
export function TpmForm({ formId, deviceId, savedEndorsementKey, disabled, onSubmit }: TpmFormProps) {
  const { control, handleSubmit } = useForm<TpmInput, unknown, TpmValues>({
    resolver: zodResolver(tpmSchema),
    mode: 'onChange',
    defaultValues: { endorsementKey: savedEndorsementKey ?? '' },
  });
  const endorsementKey = useWatch({ control, name: 'endorsementKey' });
  const derived = useDerivedRegistrationId(endorsementKey);
  const warning = derived && registrationIdWarning(derived.registrationId, deviceId);

  return (
    <form
      id={formId}
      noValidate
      onSubmit={(event) => void handleSubmit((values) => onSubmit(tpmRequest(values)))(event)}
    >
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          Paste the endorsement key (EK) of the device's TPM: base64 of its TPM2B_PUBLIC, as
          tpm_device_provision prints it. DPS accepts RSA 2048 and ECC P-256 endorsement keys.
        </Typography>
        <FormTextField
          control={control}
          name="endorsementKey"
          label="Endorsement key"
          required
          multiline
          minRows={4}
          maxRows={10}
          disabled={disabled}
          helperText="Line breaks and spaces are ignored."
          slotProps={{
            htmlInput: {
              spellCheck: false,
              autoComplete: 'off',
              sx: { fontFamily: 'monospace', fontSize: 13 },
            },
          }}
        />
        {derived && (
          <SecretField
            label="Registration ID"
            value={derived.registrationId}
            helperText={`Derived from this ${derived.keyType} endorsement key (lower-case base32 of its SHA-256, no padding): the Azure IoT SDKs' convention, as tpm_device_provision prints it. DPS takes whatever registration ID the device sends.`}
          />
        )}
        {warning && (
          <Alert severity="warning" role="status">
            {warning}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
