import { Alert, Box, Breadcrumbs, Button, Link as MuiLink, Paper, Skeleton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { hasExtension } from '../../../api/capabilities';
import { deviceQueries } from '../../../api/queries';
import { actionsFor } from '../../../lib/device-actions';
import { DEVICE_ACTIONS } from '../actions';
import { useDeviceCommands } from './use-device-commands';
import type { DeviceHistoryAction } from '../../../api/extensions';
import { deriveDeviceStatus } from '../../../lib/device-status';
import { routes } from '../../../lib/routes';
import { PageHeader } from '../../../components/page-header';
import { useDevice, useDeviceAttestation } from '../../../api/query-hooks';
import { useDeviceHistory, useTemplateNames } from '../queries';
import { DeviceActivityPanel } from './device-activity';
import { DeviceOverview, type DeviceOverviewProps } from './device-overview';
import { NEXT_ACTIONS } from '../status-guide';
import { UserText } from '../../../components/user-text';

const HISTORY_LABELS: Record<DeviceHistoryAction, string> = {
  created: 'Created',
  imported: 'Imported',
  registered: 'Registered through DPS',
  provisioned: 'Provisioned',
  approved: 'Approved',
  blocked: 'Blocked',
  unblocked: 'Unblocked',
  migrated: 'Migrated',
  renamed: 'Renamed',
  'enrollment-changed': 'Individual enrollment changed',
};

export interface DevicePageProps {
  /** The Connect dialog, composed in by the app (it belongs to another feature). */
  renderConnectDialog?: (deviceId: string, onClose: () => void) => ReactNode;
  /** Connection state and last activity, for the overview (composed in by the app). */
  renderConnection?: DeviceOverviewProps['renderConnection'];
}

export function DevicePage({ renderConnectDialog, renderConnection }: DevicePageProps) {
  const id = useParams().deviceId ?? '';
  const navigate = useNavigate();
  const [isConnectOpen, setIsConnectOpen] = useState(false);
  const queryClient = useQueryClient();
  const { execute, dialogs, isBusy } = useDeviceCommands({
    onDone: (action, report) => {
      if (action !== 'delete' || !report.succeeded.includes(id)) return;
      // Back to the grid (the notification says it was deleted); the device's cached page goes with it.
      void navigate(routes.devices());
      queryClient.removeQueries({ queryKey: deviceQueries.detail(id).queryKey });
    },
  });
  const { data: device, error, isPending } = useDevice(id);
  const { data: history } = useDeviceHistory(id);
  const { data: attestation } = useDeviceAttestation(id);
  const templateNames = useTemplateNames();
  const status = device ? deriveDeviceStatus(device) : undefined;
  const nextAction = status ? NEXT_ACTIONS[status] : undefined;

  return (
    <Box>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <MuiLink component={Link} to={routes.devices()}>
          Devices
        </MuiLink>
        <Typography color="text.primary" sx={{ overflowWrap: 'anywhere' }}>
          <UserText text={device?.displayName ?? id} maxLength={60} />
        </Typography>
      </Breadcrumbs>
      {error && <Alert severity="error">Could not load device "{id}": {error.message}</Alert>}
      {isPending && <Skeleton variant="rectangular" height={200} />}
      {device && (
        <>
          <PageHeader
            title={<UserText text={device.displayName || id} />}
            actions={
              <>
                {renderConnectDialog && (
                  <Button variant={nextAction ? 'outlined' : 'contained'} onClick={() => setIsConnectOpen(true)}>
                    Connect
                  </Button>
                )}
                {actionsFor(device).map((name) => (
                  <Button
                    key={name}
                    // The action that moves this device on stands out (Approve, Unblock, Migrate).
                    variant={name === nextAction ? 'contained' : 'outlined'}
                    color={name === 'delete' ? 'error' : 'primary'}
                    disabled={isBusy}
                    onClick={() => void execute(name, { kind: 'ids', ids: [id] }, new Map([[id, device]]))}
                  >
                    {DEVICE_ACTIONS[name].label}
                  </Button>
                ))}
              </>
            }
          />
          <DeviceOverview
            device={device}
            templateName={device.template ? templateNames.get(device.template) : undefined}
            attestation={attestation}
            history={hasExtension('history') ? history : null}
            renderConnection={renderConnection}
          />
          {hasExtension('devices') && (
            <>
              <Typography variant="h6" component="h2" gutterBottom>
                Connection
              </Typography>
              <DeviceActivityPanel deviceId={id} />
            </>
          )}
          <Typography variant="h6" component="h2" gutterBottom>
            Status history
          </Typography>
          {!hasExtension('history') ? (
            <Alert severity="info">
              IoT Central's public API does not give a device's status history: it shows on the console with its demo
              backend only. The application's audit log records who changed what.
            </Alert>
          ) : (
          /* On a phone the history scrolls inside its box, not the page. */
          <Paper variant="outlined" role="region" aria-label="Status history" tabIndex={0} sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Status history">
              <TableBody>
                <TableRow>
                  <TableCell component="th">When</TableCell>
                  <TableCell component="th">What happened</TableCell>
                  <TableCell component="th">By</TableCell>
                  <TableCell component="th">Details</TableCell>
                </TableRow>
                {(history ?? []).toReversed().map((entry, index) => (
                  <TableRow key={`${entry.at}-${index}`}>
                    <TableCell sx={{ whiteSpace: { sm: 'nowrap' } }}>{new Date(entry.at).toLocaleString()}</TableCell>
                    <TableCell>{HISTORY_LABELS[entry.action]}</TableCell>
                    <TableCell>{entry.by === 'operator' ? 'An operator' : 'The device'}</TableCell>
                    {/* A long name without spaces (a rename's detail) wraps instead of widening the table. */}
                    <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 160 }}>{entry.detail}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          )}
        </>
      )}
      {dialogs}
      {isConnectOpen && renderConnectDialog?.(id, () => setIsConnectOpen(false))}
    </Box>
  );
}
