// The device actions this page ran, in the Device operations panel (the app puts them there): each with
// its outcome and, while it can still be undone, Undo. Undo runs as from the notification: one device with
// its outcome as a notification, several with progress and a report.
import { Box, Button, Paper, Typography } from '@mui/material';
import { useFinishedActions } from '../action-history';
import { useDeviceCommands } from './use-device-commands';

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function RecentActions() {
  const actions = useFinishedActions();
  const { undo, dialogs } = useDeviceCommands();
  if (actions.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="recent-actions-title" sx={{ px: 2, pb: 2, display: 'grid', gap: 1.5 }}>
      <Typography id="recent-actions-title" variant="subtitle1" component="h3">
        Device actions in this tab
      </Typography>
      <Box component="ul" aria-label="Device actions" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }}>
        {actions.map((action) => (
          <Paper
            component="li"
            key={action.id}
            variant="outlined"
            aria-label={action.title}
            sx={{ p: 1.5, display: 'flex', alignItems: 'center', gap: 1 }}
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
                {action.title}
              </Typography>
              <Typography variant="body2">{action.summary}</Typography>
              <Typography variant="caption" color="text.secondary">
                ended {time(action.finishedAt)}
              </Typography>
            </Box>
            {action.undo && (
              <Button
                size="small"
                onClick={() => {
                  if (action.undo) void undo(action.undo);
                }}
              >
                Undo
              </Button>
            )}
          </Paper>
        ))}
      </Box>
      {dialogs}
    </Box>
  );
}
