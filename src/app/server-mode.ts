// Boot in server mode (`npm start`): the console server answers the API and the demo DPS on this origin,
// and its live updates keep every open page current.
import type { QueryClient } from '@tanstack/react-query';
import { configureApi } from '../api/config';
import { updateDemoControls } from '../api/settings';
import type { DemoControls, FaultKind } from '../api/extensions';
import { demoAuthHeader } from './config';
import { startLiveUpdates } from './live-updates';
import { getRole } from './role';

/**
 * Latency and faults from the URL (`?latency=50&faults=0.1&faultKinds=5xx,429,drop`), as the in-page demo
 * takes them; on the server they apply to every client until changed (Demo settings).
 */
function demoControlsFromUrl(): Partial<DemoControls> | undefined {
  const params = new URLSearchParams(location.search);
  const controls: Partial<DemoControls> = {};
  if (params.has('latency')) controls.latencyMs = Number(params.get('latency'));
  if (params.has('faults')) controls.faultRate = Number(params.get('faults'));
  if (params.has('faultKinds')) controls.faultKinds = (params.get('faultKinds') ?? '').split(',').filter(Boolean) as FaultKind[];
  return Object.keys(controls).length > 0 ? controls : undefined;
}

export async function startServerMode(queryClient: QueryClient): Promise<void> {
  configureApi({ getAuthHeader: () => demoAuthHeader(getRole()), dpsEndpoint: `${location.origin}/dps` });
  const controls = demoControlsFromUrl();
  if (controls) {
    await updateDemoControls(controls).catch((error: unknown) =>
      console.warn('Ignoring the demo fault settings in the URL:', error instanceof Error ? error.message : error),
    );
  }
  startLiveUpdates(queryClient);
}
