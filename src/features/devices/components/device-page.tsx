import { Alert, Box, Breadcrumbs, Button, Link as MuiLink, Paper, Skeleton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { hasExtension } from '../../../api/capabilities';
import { deviceQueries } from '../../../api/queries';
import { actionsFor, type DeviceActionName } from '../../../lib/device-actions';
import { DEVICE_ACTIONS } from '../actions';
import { useDeviceCommands } from './use-device-commands';
import type { DeviceHistoryAction } from '../../../api/extensions';
import { deriveDeviceStatus, type DeviceStatus } from '../../../lib/device-status';
import { routes } from '../../../lib/routes';
import { PageHeader } from '../../../components/page-header';
import { useDevice } from '../../../api/query-hooks';
import { useDeviceHistory, useTemplateNames } from '../queries';
import { DeviceActivityPanel } from './device-activity';
import { DeviceStatusChip } from './device-status-chip';
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

// What each status means for the operator, and the action that moves the device on (if one does).
const STATUS_MEANINGS: Record<DeviceStatus, string> = {
  registered: 'Created in the application (New, Import or Approve); it has not connected through DPS yet.',
  provisioned: 'It connected through DPS with valid credentials and was assigned to the application.',
  waitingForApproval: 'It registered itself while Auto approve was off: it cannot connect until an operator approves it.',
  blocked: 'An operator blocked it: it cannot connect. Unblock returns it to the status it had before.',
  disabled:
    "It cannot connect: an operator blocked it, or it registered itself while Auto approve was off and waits for approval. IoT Central's public API does not say which. Unblock enables it either way (it approves a waiting device).",
  unassociated: 'It has no device template, so the application cannot interpret its data: migrate it to a template.',
};
const NEXT_ACTIONS: Partial<Record<DeviceStatus, DeviceActionName>> = {
  waitingForApproval: 'approve',
  blocked: 'unblock',
  disabled: 'unblock',
  unassociated: 'migrate',
};

export interface DevicePageProps {
  /** The Connect dialog, composed in by the app (it belongs to another feature). */
  renderConnectDialog?: (deviceId: string, onClose: () => void) => ReactNode;
}

export function DevicePage({ renderConnectDialog }: DevicePageProps) {
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
            description={nextAction && `Next: ${DEVICE_ACTIONS[nextAction].label}.`}
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
          <Paper variant="outlined" sx={{ mb: 2 }}>
            <Table size="small" aria-label="Device properties">
              <TableBody>
                <TableRow>
                  <TableCell component="th">Device ID</TableCell>
                  <TableCell>{device.id}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Device status</TableCell>
                  <TableCell>
                    <DeviceStatusChip status={deriveDeviceStatus(device)} />
                    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                      {STATUS_MEANINGS[deriveDeviceStatus(device)]}
                    </Typography>
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Provisioning status</TableCell>
                  <TableCell>{device.provisioned ? 'Provisioned' : 'Not provisioned'}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Device template</TableCell>
                  <TableCell>{device.template ? (templateNames.get(device.template) ?? device.template) : 'Unassociated'}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">Simulated</TableCell>
                  <TableCell>{device.simulated ? 'Yes' : 'No'}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </Paper>
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
                    <TableCell>{entry.detail}</TableCell>
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
