import type { Role } from '../api/extensions';

// Build-time switches: where the API is answered.
// - 'page': the demo backend in this tab (MSW's service worker, IndexedDB): `npm run dev`, the static demo.
// - 'server': the console server (`npm start`), shared by every tab and operator.
// - 'real': a real IoT Central application, through a proxy that adds the token.
export type BackendKind = 'page' | 'server' | 'real';
export const backendKind = import.meta.env.VITE_BACKEND as BackendKind;
/** The demo backend answers (in the page or on the server): its extensions, Demo settings and reset are there. */
export const isDemo = backendKind !== 'real';

/** The demo backend wants an Authorization header like a real app; this one names the demo role. */
export function demoAuthHeader(role: Role): string {
  return `SharedAccessSignature sr=demo&sig=demo&skn=${role}&se=4102444800`;
}
