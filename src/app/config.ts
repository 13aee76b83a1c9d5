import type { Role } from './role';

// Build-time switches. Demo mode (the backend in the page) unless a real application was configured.
export const isDemo = import.meta.env.VITE_DEMO !== 'false';

/** The demo backend wants an Authorization header like a real app; this one names the demo role. */
export function demoAuthHeader(role: Role): string {
  return `SharedAccessSignature sr=demo&sig=demo&skn=${role}&se=4102444800`;
}
