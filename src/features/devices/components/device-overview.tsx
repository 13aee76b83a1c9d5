import { Box, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { DeviceHistoryEntry, ExtendedDevice } from '../../../api/extensions';
import type { Attestation } from '../../../api/types';
import { DEVICE_STATUS_LABELS, deriveDeviceStatus } from '../../../lib/device-status';
import { NEXT_ACTIONS, NEXT_REASONS, STATUS_MEANINGS } from '../status-guide';
import { UserText } from '../../../components/user-text';
import { DEVICE_ACTIONS } from '../actions';
import { DeviceStatusChip } from './device-status-chip';

export interface DeviceOverviewProps {
  device: ExtendedDevice;
  templateName: string | undefined;
  /** The individual enrollment: undefined while loading, null when the device has none. */
  attestation: Attestation | null | undefined;
  /** The status history: undefined while loading, null when the backend keeps none (a real application). */
  history: DeviceHistoryEntry[] | null | undefined;
  /**
   * Connection state and last activity (the content of the overview's "Connection" field), composed in by
   * the app; the field shows only when it is given.
   */
  renderConnection?: (device: ExtendedDevice) => ReactNode;
}

/** How the device authenticates now, in IoT Central's words. */
function authenticationText(device: ExtendedDevice, attestation: Attestation | null | undefined): ReactNode {
  if (attestation === undefined) return 'Loading…';
  if (attestation === null)
    return 'Through an enrollment group: SAS with a key derived from the group key (SAS-IoT-Devices), or an X.509 certificate signed by the group’s CA. It has no individual enrollment.';
  switch (attestation.type) {
    case 'symmetricKey':
      return 'Individual enrollment, shared access signature (SAS): its own primary and secondary keys.';
    case 'x509': {
      const certificates = attestation.x509.clientCertificates;
      const thumbprints = [certificates?.primary.info?.sha1Thumbprint, certificates?.secondary?.info?.sha1Thumbprint].filter(Boolean);
      return (
        <>
          Individual enrollment, X.509 certificate.
          {thumbprints.map((thumbprint, i) => (
            <Box key={thumbprint} component="span" sx={{ display: 'block', fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {i === 0 ? 'Primary' : 'Secondary'} thumbprint: {thumbprint}
            </Box>
          ))}
        </>
      );
    }
    case 'tpm':
      return (
        <>
          Individual enrollment, TPM (endorsement key). Registration ID:{' '}
          <Box component="span" sx={{ fontFamily: 'monospace' }}>
            <UserText text={device.id ?? ''} />
          </Box>{' '}
          (the device ID).
        </>
      );
  }
}

function lastRegistration(history: DeviceHistoryEntry[] | undefined): string {
  if (!history) return 'Loading…';
  const last = history.findLast((entry) => entry.by === 'device' && (entry.action === 'registered' || entry.action === 'provisioned'));
  return last ? new Date(last.at).toLocaleString() : 'Never: it has not registered through DPS.';
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" sx={{ fontWeight: 500 }}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </>
  );
}

/** The device at a glance: its status and what to do next, its template, how it authenticates, its provisioning. */
export function DeviceOverview({ device, templateName, attestation, history, renderConnection }: DeviceOverviewProps) {
  const status = deriveDeviceStatus(device);
  const next = NEXT_ACTIONS[status];
  return (
    <Paper variant="outlined" component="section" aria-label="Overview" sx={{ p: 2, mb: 2 }}>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '180px 1fr' }, columnGap: 2, rowGap: { xs: 0.5, sm: 1.5 } }}
      >
        <Field label="Device status">
          <DeviceStatusChip status={status} />
          <Box component="span" sx={{ display: 'block', mt: 0.5, color: 'text.secondary' }}>
            {STATUS_MEANINGS[status]}
          </Box>
          {next && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              Next: {DEVICE_ACTIONS[next].label} {NEXT_REASONS[status]}.
            </Box>
          )}
        </Field>
        <Field label="Device template">{device.template ? <UserText text={templateName ?? device.template} /> : 'Unassociated'}</Field>
        <Field label="Authentication">{authenticationText(device, attestation)}</Field>
        <Field label="Provisioning">
          {device.provisioned ? 'Provisioned: DPS assigned it to the application’s IoT hub.' : `Not provisioned${status === 'blocked' || status === 'waitingForApproval' ? ` (${DEVICE_STATUS_LABELS[status]})` : ''}.`}
        </Field>
        {history !== null && <Field label="Last registration">{lastRegistration(history)}</Field>}
        <Field label="Device ID">
          <UserText text={device.id ?? ''} />
        </Field>
        <Field label="Simulated">{device.simulated ? 'Yes' : 'No'}</Field>
        {/* The slot for connection state and last activity (filled by the app once it knows them). */}
        {renderConnection && <Field label="Connection">{renderConnection(device)}</Field>}
      </Box>
    </Paper>
  );
}
