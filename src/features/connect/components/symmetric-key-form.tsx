import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { SymmetricKey } from '../../../api/types';
import { generateSymmetricKey } from '../../../lib/sas-keys';
import {
  symmetricKeyRequest,
  symmetricKeySchema,
  type EnrollmentRequest,
  type SymmetricKeyValues,
} from '../enrollment-schemas';
import { KeyInput } from './key-input';

export interface SymmetricKeyFormProps {
  formId: string;
  deviceId: string;
  savedKeys: SymmetricKey | undefined;
  disabled: boolean;
  onSubmit: (request: EnrollmentRequest) => Promise<void>;
}

const KEYS = [
  { name: 'primaryKey', label: 'Primary key' },
  { name: 'secondaryKey', label: 'Secondary key' },
] as const;

/** Individual SAS enrollment: the device's own primary and secondary keys. */
export function SymmetricKeyForm({ formId, savedKeys, disabled, onSubmit }: SymmetricKeyFormProps) {
  const [defaultValues] = useState<SymmetricKeyValues>(
    () => savedKeys ?? { primaryKey: generateSymmetricKey(), secondaryKey: generateSymmetricKey() },
  );
  const { control, handleSubmit, setValue } = useForm<SymmetricKeyValues>({
    resolver: zodResolver(symmetricKeySchema),
    mode: 'onChange',
    defaultValues,
  });

  return (
    <form
      id={formId}
      noValidate
      onSubmit={(event) => void handleSubmit((values) => onSubmit(symmetricKeyRequest(values)))(event)}
    >
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          {savedKeys
            ? 'The device connects with these keys. Generate or paste new ones and save to replace them.'
            : 'New 64-byte keys were generated for this device. Paste your own instead if you have them: base64 of 16 to 64 bytes.'}
        </Typography>
        {KEYS.map(({ name, label }) => (
          <Controller
            key={name}
            name={name}
            control={control}
            render={({ field, fieldState }) => (
              <KeyInput
                label={label}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
                helperText="Base64, 16 to 64 bytes."
                disabled={disabled}
                onGenerate={() =>
                  setValue(name, generateSymmetricKey(), { shouldValidate: true, shouldDirty: true })
                }
              />
            )}
          />
        ))}
      </Stack>
    </form>
  );
}
