import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { SecretField } from '../../../components/secret-field';
import { describeBase64Problem } from '../../../lib/base64';
import { deriveDeviceKey } from '../../../lib/sas-keys';
import { GroupKeyFields } from './group-key-fields';
import { MaskedKeyField } from './masked-key-field';
import type { SasGroupKey } from './use-sas-group-key';

export interface SasValue {
  registrationId: string;
  keySource: 'group' | 'device';
  groupKey: string;
  deviceKey: string;
}

export interface SasFieldsProps {
  value: SasValue;
  onChange: (change: Partial<SasValue>) => void;
  /** The enrollment group to derive from, and its key (useSasGroupKey over this value's groupKey). */
  group: SasGroupKey;
  errors: Partial<Record<keyof SasValue, string>>;
  disabled?: boolean;
}

/** The device key the registration will sign with, derived from the group key when it is one. */
function useDerivedKey(groupKey: string, registrationId: string): string | undefined {
  const [derived, setDerived] = useState<{ input: string; key: string } | undefined>();
  const input = `${groupKey}\n${registrationId}`;
  useEffect(() => {
    if (!registrationId || describeBase64Problem(groupKey) !== null) return;
    let isCurrent = true;
    void deriveDeviceKey(groupKey, registrationId).then((key) => isCurrent && setDerived({ input, key }));
    return () => {
      isCurrent = false;
    };
  }, [groupKey, registrationId, input]);
  return derived?.input === input ? derived.key : undefined;
}

export function SasFields({ value, onChange, group, errors, disabled }: SasFieldsProps) {
  const derived = useDerivedKey(value.keySource === 'group' ? value.groupKey : '', value.registrationId);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <TextField
        label="Registration ID"
        value={value.registrationId}
        onChange={(event) => onChange({ registrationId: event.target.value.trim() })}
        error={Boolean(errors.registrationId)}
        helperText={errors.registrationId ?? 'The device ID it registers as, e.g. sensor-042.'}
        disabled={disabled}
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
      />
      <FormControl disabled={disabled}>
        <FormLabel id="sas-key-source">Key</FormLabel>
        <RadioGroup
          aria-labelledby="sas-key-source"
          value={value.keySource}
          onChange={(event) => onChange({ keySource: event.target.value as SasValue['keySource'] })}
        >
          <FormControlLabel
            value="group"
            control={<Radio />}
            label="Derive it from an enrollment group key"
          />
          <FormControlLabel
            value="device"
            control={<Radio />}
            label="Enter the device key (individual enrollment, or already derived)"
          />
        </RadioGroup>
      </FormControl>
      {value.keySource === 'group' ? (
        <>
          <GroupKeyFields {...group} error={errors.groupKey} disabled={disabled} />
          {derived && (
            <SecretField
              label="Derived device key"
              value={derived}
              isSecret
              helperText="HMAC-SHA256 of the registration ID with the group key."
            />
          )}
        </>
      ) : (
        <MaskedKeyField
          label="Device key"
          value={value.deviceKey}
          onChange={(deviceKey) => onChange({ deviceKey })}
          error={errors.deviceKey}
          disabled={disabled}
          helperText="Base64, as shown in the device's Connect dialog."
        />
      )}
    </Box>
  );
}
