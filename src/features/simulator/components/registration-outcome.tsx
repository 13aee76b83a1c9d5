import { Alert, AlertTitle, Box, Chip, Link as MuiLink, Skeleton, Typography } from '@mui/material';
import { Link } from 'react-router';
import { routes } from '../../../lib/routes';
import { DEVICE_STATUS_LABELS, deriveDeviceStatus } from '../../../lib/device-status';
import { useRegisteredDevice } from '../queries';
import type { RegistrationRun } from '../use-registration';

export interface RegistrationOutcomeProps {
  run: Extract<RegistrationRun, { state: 'done' | 'failed' | 'cancelled' }>;
  /** The device ID to look up when the result does not name one (a refused request). */
  registrationId: string;
}

/** The registration's result, and the device's status in IoT Central afterwards. */
export function RegistrationOutcome({ run, registrationId }: RegistrationOutcomeProps) {
  const state = run.state === 'done' ? run.result.registrationState : undefined;
  const deviceId = state?.deviceId ?? (run.state === 'failed' ? registrationId.toLowerCase() : undefined);
  const device = useRegisteredDevice(deviceId);

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} role="region" aria-label="Registration result">
      {run.state === 'cancelled' && <Alert severity="info">Registration cancelled.</Alert>}
      {run.state === 'failed' && (
        <Alert severity="error">
          <AlertTitle>
            DPS refused the registration
            {run.error.status
              ? ` (HTTP ${run.error.status}${run.error.errorCode ? `, error ${run.error.errorCode}` : ''})`
              : ''}
          </AlertTitle>
          {run.error.message}
        </Alert>
      )}
      {state?.status === 'assigned' && (
        <Alert severity="success">
          <AlertTitle>Assigned</AlertTitle>
          Device "{state.deviceId}" is registered with {state.assignedHub}.
        </Alert>
      )}
      {state && state.status !== 'assigned' && (
        <Alert severity={state.status === 'failed' ? 'warning' : 'error'}>
          <AlertTitle>
            Registration {state.status}
            {state.errorCode ? ` (error ${state.errorCode})` : ''}
          </AlertTitle>
          {state.errorMessage}
        </Alert>
      )}
      {deviceId && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="body2">Device status in IoT Central:</Typography>
          {device.isPending && <Skeleton width={120} />}
          {device.data && (
            <Chip
              label={DEVICE_STATUS_LABELS[deriveDeviceStatus(device.data)]}
              variant="outlined"
              color="primary"
            />
          )}
          {device.error && <Typography variant="body2">not created</Typography>}
          {device.data && (
            <MuiLink component={Link} to={routes.device(deviceId)}>
              Open device
            </MuiLink>
          )}
        </Box>
      )}
    </Box>
  );
}
