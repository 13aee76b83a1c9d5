import { zodResolver } from '@hookform/resolvers/zod';
import { Divider, Stack, Typography } from '@mui/material';
import { useEffect, useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { readCertificateUpload } from '../certificate-upload';
import {
  x509Request,
  x509Schema,
  type EnrollmentRequest,
  type X509Saved,
  type X509Values,
} from '../enrollment-schemas';
import { CertificateSlot } from './certificate-slot';
import { useLatestCall } from '../../../components/use-latest-call';

export interface X509FormProps {
  formId: string;
  deviceId: string;
  saved: X509Saved;
  disabled: boolean;
  onSubmit: (request: EnrollmentRequest) => Promise<void>;
  /** Whether a certificate is uploaded but not saved, so that closing can ask first. */
  onUnsavedChange?: (hasUnsaved: boolean) => void;
}

/** Individual X.509 enrollment: the device's own primary (and secondary) certificate, CN = device ID. */
export function X509Form({ formId, deviceId, saved, disabled, onSubmit, onUnsavedChange }: X509FormProps) {
  const { primary: savedPrimary, secondary: savedSecondary } = saved;
  const schema = useMemo(
    () => x509Schema({ primary: savedPrimary, secondary: savedSecondary }),
    [savedPrimary, savedSecondary],
  );
  const { control, handleSubmit, setValue, formState } = useForm<X509Values>({
    resolver: zodResolver(schema),
    defaultValues: {},
  });
  const [primary, secondary] = useWatch({ control, name: ['primary', 'secondary'] });
  const hasUnsaved = primary !== undefined || secondary !== undefined;
  useEffect(() => {
    onUnsavedChange?.(hasUnsaved);
    // Saved (the form starts again) or gone: nothing of it is left to lose.
    return () => onUnsavedChange?.(false);
  }, [hasUnsaved, onUnsavedChange]);

  // Per slot, the latest file picked wins over one still being read.
  const readPrimary = useLatestCall(readCertificateUpload);
  const readSecondary = useLatestCall(readCertificateUpload);
  const handleFile = async (entry: 'primary' | 'secondary', file: File) => {
    const upload = await (entry === 'primary' ? readPrimary : readSecondary)(file, deviceId, new Date());
    if (upload) setValue(entry, upload, { shouldValidate: true, shouldDirty: true });
  };

  return (
    <form
      id={formId}
      noValidate
      onSubmit={(event) => void handleSubmit((values) => onSubmit(x509Request(values, saved)))(event)}
    >
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          Upload the device's own certificates. Their subject common name (CN) must be "{deviceId}"; a
          self-signed certificate is fine. The device proves it holds the matching private key when it
          connects.
        </Typography>
        <CertificateSlot
          label="Primary certificate"
          upload={primary}
          savedThumbprint={saved.primary}
          error={formState.errors.primary?.message}
          disabled={disabled}
          onFile={(file) => void handleFile('primary', file)}
        />
        <Divider />
        <CertificateSlot
          label="Secondary certificate"
          isOptional
          upload={secondary}
          savedThumbprint={saved.secondary}
          error={formState.errors.secondary?.message}
          disabled={disabled}
          onFile={(file) => void handleFile('secondary', file)}
        />
      </Stack>
    </form>
  );
}
