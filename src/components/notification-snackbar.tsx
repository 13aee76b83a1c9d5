// The snackbar that shows the current notification (notifications.tsx holds them and loads this lazily).
import CloseIcon from '@mui/icons-material/Close';
import { Alert, Button, IconButton, Snackbar } from '@mui/material';
import type { Notification } from './notifications';

export interface NotificationSnackbarProps {
  notification: Notification;
  onDismiss: (id: number) => void;
}

export function NotificationSnackbar({
  notification: current,
  onDismiss: dismiss,
}: NotificationSnackbarProps) {
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={current.severity === 'error' || current.action ? 10_000 : 5_000}
      onClose={(_, reason) => reason !== 'clickaway' && dismiss(current.id)}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      <Alert
        severity={current.severity}
        variant="filled"
        onClose={() => dismiss(current.id)}
        action={
          current.action && (
            <>
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  dismiss(current.id);
                  current.action?.onClick();
                }}
              >
                {current.action.label}
              </Button>
              {/* With an action, Alert draws no close button of its own. */}
              <IconButton color="inherit" size="small" aria-label="Close" onClick={() => dismiss(current.id)}>
                <CloseIcon fontSize="small" />
              </IconButton>
            </>
          )
        }
        sx={{ maxWidth: 560, overflowWrap: 'anywhere' }}
      >
        {current.message}
      </Alert>
    </Snackbar>
  );
}
