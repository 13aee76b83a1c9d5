// App-wide notifications (snackbars). `notify` works outside React too, so the QueryClient's
// global error handlers can report failures without any component knowing about them.
// A new notification replaces the one showing: the operator sees the outcome of what they just did at once,
// not after the previous one's timeout (a queue showed "blocked" 4.7 s after Block, behind "approved").
import { lazy, Suspense, useSyncExternalStore } from 'react';

export type NotificationSeverity = 'success' | 'info' | 'warning' | 'error';

export interface NotificationAction {
  label: string;
  onClick: () => void;
}

export interface Notification {
  id: number;
  message: string;
  severity: NotificationSeverity;
  /** A button in the notification (Undo); clicking it closes the notification. */
  action?: NotificationAction;
}

let queue: Notification[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function notify(
  message: string,
  severity: NotificationSeverity = 'info',
  options: { action?: NotificationAction } = {},
): void {
  queue = [{ id: nextId++, message, severity, ...options }];
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

// The snackbar loads with the first notification: it stays out of the first page load.
const NotificationSnackbar = lazy(async () => ({
  default: (await import('./notification-snackbar')).NotificationSnackbar,
}));

export function Notifications() {
  const current = useSyncExternalStore(subscribe, () => queue[0]);
  if (!current) return null;
  return (
    <Suspense fallback={null}>
      <NotificationSnackbar notification={current} onDismiss={dismiss} />
    </Suspense>
  );
}
