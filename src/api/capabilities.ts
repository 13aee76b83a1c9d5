// What the backend offers beyond IoT Central's public API: the client asks once at boot
// (GET /api/extensions/capabilities, answered by the demo backends and by the gateway) and never calls an
// extension that is not there. Screens read `hasExtension` to choose what they can honestly show.
import { DEMO_EXTENSIONS, type ExtensionName } from '../lib/demo-extensions';

export type { ExtensionName };
import { CONSOLE_REQUEST_HEADER, request } from './client';
import type { Role } from './extensions';


export interface Capabilities {
  /** `demo`: the demo backend (in the page or the console server); `real`: the gateway to an application. */
  backend: 'demo' | 'real';
  extensions: ExtensionName[];
  /** Real application: its URL, for links to its own pages ("set in IoT Central"). */
  application?: { url: string };
  /** Real application: who signed in to the console (null: nobody yet). */
  session?: { name: string; role: Role } | null;
  /**
   * The most devices one import or export request may carry, when the backend wants fewer than the demo's
   * (the gateway works through the public API device by device, so its batches are small).
   */
  deviceOperationBatchSize?: number;
}

// Until asked: what the build was made for (a demo build has its demo backend; a real one has none).
let current: Capabilities =
  import.meta.env.VITE_BACKEND === 'real'
    ? { backend: 'real', extensions: [] }
    : { backend: 'demo', extensions: [...DEMO_EXTENSIONS] };

export async function loadCapabilities(signal?: AbortSignal): Promise<Capabilities> {
  current = await request<Capabilities>('GET', '/extensions/capabilities', { signal });
  return current;
}

export function capabilities(): Capabilities {
  return current;
}

export function hasExtension(name: ExtensionName): boolean {
  return current.extensions.includes(name);
}

/** Devices per import or export request: `preferred`, or fewer if the backend asks for fewer. */
export function deviceOperationBatchSize(preferred: number): number {
  return Math.min(preferred, current.deviceOperationBatchSize ?? preferred);
}

/** For tests: a backend with these extensions. */
export function setCapabilities(next: Capabilities): void {
  current = next;
}

/** Real application: ends the console session (the provider's own session is the provider's). */
export async function signOut(): Promise<void> {
  await fetch('/auth/sign-out', { method: 'POST', headers: { [CONSOLE_REQUEST_HEADER]: '1' } });
}
