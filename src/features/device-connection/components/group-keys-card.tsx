// A SAS group's primary and secondary keys: masked, shown and copied on purpose, regenerated with a warning.
import AutorenewIcon from '@mui/icons-material/Autorenew';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import type { EnrollmentGroup } from '../../../api/types';
import { useConfirm } from '../../../components/confirm-dialog';
import { notify } from '../../../components/notifications';
import { SecretField } from '../../../components/secret-field';
import { KEY_LABELS } from '../labels';
import { useRegenerateGroupKey, type KeyName } from '../mutations';

export interface GroupKeysCardProps {
  group: EnrollmentGroup;
}

export function GroupKeysCard({ group }: GroupKeysCardProps) {
  const confirm = useConfirm();
  const regenerate = useRegenerateGroupKey();
  const keys = group.attestation.type === 'symmetricKey' ? group.attestation.symmetricKey : undefined;

  const handleRegenerate = async (key: KeyName) => {
    const label = KEY_LABELS[key].toLowerCase();
    const ok = await confirm({
      title: `Regenerate the ${label}?`,
      message: (
        <>
          Every device key derived from the {label} of "{group.displayName}" changes. Devices that connect
          with a key derived from the current {label} cannot register or connect again until they get their
          new device key.
          <br />
          <br />
          This cannot be undone.
        </>
      ),
      confirmLabel: 'Regenerate',
      isDestructive: true,
    });
    if (!ok) return;
    await regenerate.mutateAsync({ group, key });
    notify(`The ${label} was regenerated. Give devices their new derived keys.`, 'success');
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="h2" sx={{ fontSize: '1.15rem', fontWeight: 500, mb: 0.5 }}>
        Shared access signature (SAS)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Each device's key is derived from a group key and its device ID. Keep the group keys secret: anyone
        who has one can make a key for any device ID.
      </Typography>
      {!keys && <Alert severity="warning">The server did not return this group's keys.</Alert>}
      {keys && (
        <Box sx={{ display: 'grid', gap: 2 }}>
          {(['primaryKey', 'secondaryKey'] as const).map((key) => (
            <Box key={key} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <SecretField label={KEY_LABELS[key]} value={keys[key]} isSecret />
              </Box>
              <Button
                startIcon={<AutorenewIcon />}
                aria-label={`Regenerate ${KEY_LABELS[key].toLowerCase()}`}
                disabled={regenerate.isPending}
                onClick={() => void handleRegenerate(key).catch((e: Error) => notify(e.message, 'error'))}
              >
                Regenerate
              </Button>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
