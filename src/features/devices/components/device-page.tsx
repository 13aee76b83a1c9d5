import { Alert, Box, Breadcrumbs, Link as MuiLink, Paper, Skeleton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { Link, useParams } from 'react-router';
import { DEVICE_STATUS_LABELS, deriveDeviceStatus } from '../../../lib/device-status';
import { PageHeader } from '../../../components/page-header';
import { useDevice, useDeviceHistory, useTemplateNames } from '../queries';
import { DeviceStatusChip } from './device-status-chip';

export function DevicePage() {
  const id = useParams().deviceId ?? '';
  const { data: device, error, isPending } = useDevice(id);
  const { data: history } = useDeviceHistory(id);
  const templateNames = useTemplateNames();

  return (
    <Box>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <MuiLink component={Link} to="/devices">
          Devices
        </MuiLink>
        <Typography color="text.primary">{device?.displayName ?? id}</Typography>
      </Breadcrumbs>
      {error && <Alert severity="error">Could not load device "{id}": {error.message}</Alert>}
      {isPending && <Skeleton variant="rectangular" height={200} />}
      {device && (
        <>
          <PageHeader title={device.displayName || id} />
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
          <Typography variant="h6" component="h2" gutterBottom>
            Status history
          </Typography>
          <Paper variant="outlined">
            <Table size="small" aria-label="Status history">
              <TableBody>
                {(history ?? []).toReversed().map((entry, index) => (
                  <TableRow key={`${entry.at}-${index}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(entry.at).toLocaleString()}</TableCell>
                    <TableCell>{entry.action}</TableCell>
                    <TableCell>{entry.by === 'operator' ? 'by an operator' : 'by the device'}</TableCell>
                    <TableCell>{entry.detail}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          <Typography variant="caption" color="text.secondary">
            Shown as {DEVICE_STATUS_LABELS[deriveDeviceStatus(device)]}.
          </Typography>
        </>
      )}
    </Box>
  );
}
