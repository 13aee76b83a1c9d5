import { CssBaseline, ThemeProvider } from '@mui/material';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmProvider } from '../components/confirm-dialog';
import { Notifications } from '../components/notifications';
import { theme } from '../lib/theme';

export interface ProvidersProps {
  queryClient: QueryClient;
  children: ReactNode;
}

export function Providers({ queryClient, children }: ProvidersProps) {
  return (
    <ThemeProvider theme={theme} defaultMode="system">
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <ConfirmProvider>
          {children}
          <Notifications />
        </ConfirmProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
