// App-wide notifications (snackbars). `notify` works outside React too, so the QueryClient's
// global error handlers can report failures without any component knowing about them.
import { Alert, Snackbar } from '@mui/material';
import { useSyncExternalStore } from 'react';

export type NotificationSeverity = 'success' | 'info' | 'warning' | 'error';

export interface Notification {
  id: number;
  message: string;
  severity: NotificationSeverity;
}

let queue: Notification[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function notify(message: string, severity: NotificationSeverity = 'info'): void {
  queue = [...queue, { id: nextId++, message, severity }];
  emit();
}

function dismiss(id: number): void {
  queue = queue.filter((n) => n.id !== id);
  emit();
}

/** Drops every pending notification (tests start clean). */
export function clearNotifications(): void {
  queue = [];
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Notifications() {
  const current = useSyncExternalStore(subscribe, () => queue[0]);
  if (!current) return null;
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={current.severity === 'error' ? 10_000 : 5_000}
      onClose={(_, reason) => reason !== 'clickaway' && dismiss(current.id)}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      <Alert severity={current.severity} variant="filled" onClose={() => dismiss(current.id)} sx={{ maxWidth: 560 }}>
        {current.message}
      </Alert>
    </Snackbar>
  );
}
