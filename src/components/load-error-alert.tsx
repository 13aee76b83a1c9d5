import { Alert, Button, type SxProps, type Theme } from '@mui/material';

export interface LoadErrorAlertProps {
  /** What did not load, as the sentence goes on: "the enrollment groups", "devices". */
  what: string;
  error: Error;
  onRetry: () => void;
  sx?: SxProps<Theme>;
}

/** What a page could not load, with the error and a Retry button. */
export function LoadErrorAlert({ what, error, onRetry, sx }: LoadErrorAlertProps) {
  return (
    <Alert
      severity="error"
      sx={sx}
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      Could not load {what}: {error.message}
    </Alert>
  );
}
