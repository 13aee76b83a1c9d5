import { Alert, Box, FormControlLabel, Link, Paper, Skeleton, Switch, Typography } from '@mui/material';
import { capabilities, hasExtension } from '../../../api/capabilities';
import { SecretField } from '../../../components/secret-field';
import { notify } from '../../../components/notifications';
import { useUpdateAutoApprove } from '../mutations';
import { useConnectionSettings } from '../../../api/query-hooks';

/**
 * Against a real application: IoT Central's public API exposes neither Auto approve nor the ID scope, so
 * the card says where they are set instead of showing a failed request.
 */
function SetInIotCentral() {
  const url = capabilities().application?.url;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography sx={{ fontWeight: 500 }}>Auto approve and ID scope: set in IoT Central</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        IoT Central&apos;s public API does not expose them. See and change them in the application, under Permissions
        &gt; Device connection groups.
        {url && (
          <>
            {' '}
            <Link href={url} target="_blank" rel="noopener noreferrer">
              Open the application
            </Link>
          </>
        )}
      </Typography>
    </Paper>
  );
}

/** Auto approve, and the application's ID scope that every device needs to register. */
export function AutoApproveCard() {
  return hasExtension('settings') ? <AutoApproveSwitch /> : <SetInIotCentral />;
}

function AutoApproveSwitch() {
  const { data: settings, error, isPending } = useConnectionSettings();
  const update = useUpdateAutoApprove();
  const isOn = update.isPending ? update.variables : settings?.autoApprove;

  const handleChange = (autoApprove: boolean) =>
    update.mutate(autoApprove, {
      onSuccess: () =>
        notify(
          autoApprove
            ? 'Auto approve is on: devices that register themselves are approved automatically.'
            : 'Auto approve is off: devices that register themselves wait for approval.',
          'success',
        ),
    });

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      {error && <Alert severity="error">Could not load the connection settings: {error.message}</Alert>}
      {isPending && <Skeleton variant="rectangular" height={72} />}
      {settings && (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', md: '1fr 320px' },
            alignItems: 'start',
          }}
        >
          <Box>
            <FormControlLabel
              control={
                <Switch
                  checked={isOn ?? false}
                  disabled={update.isPending}
                  onChange={(event) => handleChange(event.target.checked)}
                />
              }
              label={<Typography sx={{ fontWeight: 500 }}>Auto approve</Typography>}
            />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {isOn
                ? 'On: a device that registers itself through an enrollment group is approved automatically and can connect.'
                : 'Off: a device that registers itself waits for approval. Approve it on the Devices page before it can connect.'}
            </Typography>
          </Box>
          <SecretField label="ID scope" value={settings.idScope} />
        </Box>
      )}
    </Paper>
  );
}
