import { Box, Button, MenuItem, TextField } from '@mui/material';
import type { EnrollmentGroup } from '../../../api/types';
import { MaskedKeyField } from './masked-key-field';
import { UserText } from '../../../components/user-text';

export interface GroupKeyFieldsProps {
  /** The application's SAS enrollment groups. */
  groups: EnrollmentGroup[];
  /** Why the groups could not be read, as a sentence (e.g. the Operator role may not), if so. */
  groupsError?: string;
  /** The groups are still being read: "no SAS enrollment group" would be premature. */
  isGroupsPending?: boolean;
  groupId: string;
  groupKey: string;
  onChange: (change: { groupId?: string; groupKey?: string }) => void;
  error?: string;
  disabled?: boolean;
}

/** Which SAS group the device belongs to, and that group's key (typed, or fetched with one click). */
export function GroupKeyFields({
  groups,
  groupsError,
  isGroupsPending = false,
  groupId,
  groupKey,
  onChange,
  error,
  disabled,
}: GroupKeyFieldsProps) {
  const group = groups.find((g) => g.id === groupId);
  const keys = group?.attestation.type === 'symmetricKey' ? group.attestation.symmetricKey : undefined;
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          select
          label="Enrollment group"
          value={group ? groupId : ''}
          onChange={(event) => onChange({ groupId: event.target.value })}
          disabled={disabled || groups.length === 0}
          sx={{ minWidth: 240, flex: 1 }}
          helperText={
            groupsError
              ? groupsError
              : isGroupsPending
                ? 'Reading the enrollment groups…'
                : groups.length === 0
                ? 'This application has no SAS enrollment group.'
                : undefined
          }
        >
          {groups.map((g) => (
            <MenuItem key={g.id} value={g.id}>
              <UserText text={g.displayName} />
              {g.enabled ? '' : ' (disabled)'}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          disabled={disabled || !keys}
          onClick={() => keys && onChange({ groupKey: keys.primaryKey })}
        >
          Use the group's primary key
        </Button>
      </Box>
      <MaskedKeyField
        label="Group key"
        value={groupKey}
        onChange={(value) => onChange({ groupKey: value })}
        error={error}
        disabled={disabled}
        helperText="The device derives its own key from the group key and its registration ID, as dps-keygen and az iot central device compute-device-key do."
      />
    </Box>
  );
}
