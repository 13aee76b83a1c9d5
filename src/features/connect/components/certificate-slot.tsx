import { Alert, Box, Stack, Typography } from '@mui/material';
import { FileDrop } from '../../../components/file-drop';
import { SecretField } from '../../../components/secret-field';
import { certificateLimitText } from '../../../lib/certificate-limits';
import { CERTIFICATE_EXTENSIONS, type CertificateUpload } from '../certificate-upload';
import { CertificateDetails } from './certificate-details';

export interface CertificateSlotProps {
  /** "Primary certificate" or "Secondary certificate". */
  label: string;
  isOptional?: boolean;
  upload: CertificateUpload | undefined;
  /** SHA-1 thumbprint of the saved certificate in this slot. */
  savedThumbprint: string | undefined;
  error: string | undefined;
  disabled: boolean;
  onFile: (file: File) => void;
}

/** One certificate of an X.509 enrollment: upload, what is wrong with it, or what it is. */
export function CertificateSlot({
  label,
  isOptional,
  upload,
  savedThumbprint,
  error,
  disabled,
  onFile,
}: CertificateSlotProps) {
  return (
    <Stack spacing={1.5} component="section" aria-label={label}>
      <Typography variant="subtitle2" component="h3">
        {label}
        {isOptional && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            (optional)
          </Typography>
        )}
      </Typography>
      {savedThumbprint && (
        <SecretField
          label={`Saved ${label.toLowerCase()} (SHA-1 thumbprint)`}
          value={savedThumbprint}
          helperText={
            upload ? 'Saving replaces it with the uploaded certificate.' : 'Upload a file to replace it.'
          }
        />
      )}
      <FileDrop
        label={`Upload ${label.toLowerCase()}`}
        accept={CERTIFICATE_EXTENSIONS.join(',')}
        onFile={onFile}
        fileName={upload?.fileName}
        error={error}
        helperText={`The device's certificate, PEM or DER (.pem, .cer, .crt or .der), with CN = the device ID, ${certificateLimitText('device')} with its chain. Not its private key.`}
        disabled={disabled}
      />
      {upload?.status === 'ok' && upload.extraCertificates > 0 && (
        <Alert severity="info" variant="outlined" role="status">
          The file holds {upload.extraCertificates} more{' '}
          {upload.extraCertificates === 1 ? 'certificate' : 'certificates'} after the device certificate (its
          chain). Only the device certificate is enrolled.
        </Alert>
      )}
      {upload?.cert && (
        <Box
          sx={{
            border: 1,
            borderColor: upload.status === 'ok' ? 'success.main' : 'error.main',
            borderRadius: 1,
          }}
        >
          <CertificateDetails label={`${label} details`} cert={upload.cert} />
        </Box>
      )}
    </Stack>
  );
}
