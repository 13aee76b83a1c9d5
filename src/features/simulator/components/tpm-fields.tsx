import MemoryIcon from '@mui/icons-material/Memory';
import { Alert, Box, Button, Chip, CircularProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { SecretField } from '../../../components/secret-field';
import { createVirtualTpm, type VirtualTpm } from '../../../lib/virtual-tpm';
import { useEnrollTpmDevice } from '../mutations';
import { useDeviceEnrollment } from '../queries';

export interface TpmFieldsProps {
  tpm: VirtualTpm | undefined;
  onChange: (tpm: VirtualTpm) => void;
  error?: string;
  disabled?: boolean;
}

/** A virtual TPM (WebCrypto RSA 2048 EK and SRK), its registration ID and its enrollment in the app. */
export function TpmFields({ tpm, onChange, error, disabled }: TpmFieldsProps) {
  const [isGenerating, setIsGenerating] = useState(false);
  const [generateError, setGenerateError] = useState<string>();
  const enrollment = useDeviceEnrollment(tpm?.registrationId);
  const enroll = useEnrollTpmDevice();
  const isEnrolled =
    enrollment.data?.type === 'tpm' &&
    enrollment.data.tpm.endorsementKey.replace(/\s+/g, '') === tpm?.endorsementKey;

  const handleGenerate = async () => {
    setIsGenerating(true);
    setGenerateError(undefined);
    try {
      onChange(await createVirtualTpm());
    } catch (e) {
      setGenerateError(
        `This browser could not make the TPM's RSA keys: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setIsGenerating(false);
    }
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          startIcon={isGenerating ? <CircularProgress size={16} /> : <MemoryIcon />}
          onClick={() => void handleGenerate()}
          disabled={disabled || isGenerating}
        >
          {tpm ? 'Generate another virtual TPM' : 'Generate a virtual TPM'}
        </Button>
        <Typography variant="body2" color="text.secondary">
          RSA 2048 endorsement and storage root keys, made in this page; the private keys never leave it.
        </Typography>
      </Box>
      {(generateError ?? error) && <Alert severity="error">{generateError ?? error}</Alert>}
      {tpm && (
        <>
          <SecretField
            label="Registration ID"
            value={tpm.registrationId}
            helperText="Derived from the endorsement key: base32 of its SHA-256."
          />
          <SecretField
            label="Endorsement key"
            value={tpm.endorsementKey}
            helperText="What an operator enrolls: base64 of the TPM2B_PUBLIC."
          />
          {isEnrolled ? (
            <Chip
              color="success"
              variant="outlined"
              label={`Enrolled: device "${tpm.registrationId}" has this TPM's individual enrollment`}
              sx={{ justifySelf: 'start', maxWidth: '100%' }}
            />
          ) : (
            <Alert
              severity="warning"
              action={
                <Button
                  color="inherit"
                  size="small"
                  disabled={disabled || enroll.isPending || enrollment.isPending}
                  onClick={() =>
                    enroll.mutate({ deviceId: tpm.registrationId, endorsementKey: tpm.endorsementKey })
                  }
                >
                  Create the device
                </Button>
              }
            >
              Not enrolled. IoT Central has no TPM enrollment groups: an operator creates the device and adds
              this endorsement key (Connect, individual enrollment, TPM). Until then DPS refuses the TPM.
            </Alert>
          )}
          {enroll.error && <Alert severity="error">Could not enroll the TPM: {enroll.error.message}</Alert>}
        </>
      )}
    </Box>
  );
}
