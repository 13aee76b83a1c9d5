import { Alert, Box, Button } from '@mui/material';
import { Component, type ReactNode } from 'react';

/** Shown instead of a blank screen when a page fails to render or load, or is not found. */
export function RouteError({ message }: { message: string }) {
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

export function NotFound() {
  return <RouteError message="There is no page at this address." />;
}

interface RouteErrorBoundaryProps {
  /** The page's address: going to another page clears the error. */
  resetKey: string;
  children: ReactNode;
}

/** Catches what a page throws while rendering or loading its code, and shows it with a way out. */
export class RouteErrorBoundary extends Component<RouteErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error('Something went wrong.') };
  }

  override componentDidUpdate(previous: RouteErrorBoundaryProps) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = /dynamically imported module|Importing a module script failed/i.test(error.message)
      ? 'This page could not be loaded. Check your connection, then reload the page.'
      : error.message || 'Something went wrong.';
    return <RouteError message={message} />;
  }
}
