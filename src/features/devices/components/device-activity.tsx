// The device page's Connection panel (console server): whether the device is connected to the IoT hub
// now, when it last connected, disconnected and sent data, and its last message. Live: the server's
// change events refresh it.
import { Alert, Box, Paper, Skeleton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useDeviceActivity } from '../queries';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const format = (at: string | undefined) => (at ? time.format(new Date(at)) : 'Never');

export interface DeviceActivityPanelProps {
  deviceId: string;
}

export function DeviceActivityPanel({ deviceId }: DeviceActivityPanelProps) {
  const activity = useDeviceActivity(deviceId, true);
  if (activity.isPending) return <Skeleton variant="rounded" height={120} aria-label="Loading the connection" />;
  if (activity.error) {
    return (
      <Alert severity="warning" role="note">
        Could not load the device's connection: {activity.error.message}
      </Alert>
    );
  }
  const a = activity.data;
  const message = a.lastMessage;
  return (
    <Paper variant="outlined" role="region" aria-label="Connection" sx={{ mb: 2 }}>
      <Table size="small" aria-label="Connection">
        <TableBody>
          <TableRow>
            <TableCell component="th" sx={{ width: 200 }}>
              Connection
            </TableCell>
            <TableCell>{a.connected ? 'Connected to the IoT hub' : 'Not connected'}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Last connected</TableCell>
            <TableCell>{format(a.lastConnectedAt)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Last disconnected</TableCell>
            <TableCell>{format(a.lastDisconnectedAt)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Last telemetry</TableCell>
            <TableCell>{format(a.lastTelemetryAt)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {message && (
        <Box sx={{ p: 2, borderTop: 1, borderColor: 'divider' }}>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Last message ({message.size.toLocaleString()} bytes{message.isTruncated ? ', first 4 KB shown' : ''}
            {message.encoding === 'base64' ? ', not text: shown as base64' : ''})
          </Typography>
          <Box
            component="pre"
            tabIndex={0}
            aria-label="Last message"
            sx={{ m: 0, p: 1, maxHeight: 200, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {message.body}
          </Box>
          {Object.keys(message.properties).length > 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1, wordBreak: 'break-all' }}>
              Properties: {Object.entries(message.properties).map(([k, v]) => `${k}=${v}`).join(', ')}
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
}
