import { Alert, Box, Button } from '@mui/material';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown instead of a blank screen when a route fails to render or is not found. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? 'There is no page at this address.'
      : `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  return (
    <Box sx={{ p: 4 }}>
      <Alert
        severity="error"
        action={
          <Button color="inherit" href="/devices">
            Go to Devices
          </Button>
        }
      >
        {message}
      </Alert>
    </Box>
  );
}
