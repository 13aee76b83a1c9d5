// Demo extensions: the Auto approve setting, and resetting the demo data.
import { http, HttpResponse } from 'msw';
import type { FaultKind } from '../../api/extensions';
import { DEMO_EXTENSIONS } from '../../lib/demo-extensions';
import { badRequest } from '../../lib/domain-error';
import { demoControls, FAULT_KINDS, handler } from '../http';
import type { Store } from '../store/store';

/** Applies a partial DemoControls from a request body or the URL; throws a 400 on bad values. */
export function applyDemoControls(body: Record<string, unknown>): void {
  const { latencyMs, faultRate, faultKinds } = body;
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 10_000) {
      throw badRequest('"latencyMs" must be a number of milliseconds from 0 to 10000.');
    }
    demoControls.latencyMs = latencyMs;
  }
  if (faultRate !== undefined) {
    if (typeof faultRate !== 'number' || !(faultRate >= 0 && faultRate <= 1)) {
      throw badRequest('"faultRate" must be a share from 0 to 1, e.g. 0.1 for 10%.');
    }
    demoControls.faultRate = faultRate;
  }
  if (faultKinds !== undefined) {
    if (!Array.isArray(faultKinds) || !faultKinds.every((k) => FAULT_KINDS.includes(k as FaultKind))) {
      throw badRequest(`"faultKinds" must list some of: ${FAULT_KINDS.join(', ')}.`);
    }
    demoControls.faultKinds = faultKinds as FaultKind[];
  }
}

export function settingsHandlers(store: Store, onReset: () => Promise<void> | void, hasDeviceEndpoints = false) {
  return [
    // What this backend adds to the public API (src/api/capabilities.ts): all of the demo's extensions, and
    // on the console server its device endpoints.
    http.get(
      '*/api/extensions/capabilities',
      handler(() =>
        HttpResponse.json({ backend: 'demo', extensions: [...DEMO_EXTENSIONS, ...(hasDeviceEndpoints ? ['devices'] : [])] }),
      ),
    ),
    http.get(
      '*/api/extensions/demo',
      handler(() => HttpResponse.json(demoControls)),
    ),
    http.patch(
      '*/api/extensions/demo',
      handler(async ({ json }) => {
        applyDemoControls(await json());
        return HttpResponse.json(demoControls);
      }),
    ),
    http.get(
      '*/api/extensions/settings',
      handler(() => HttpResponse.json(store.settings)),
    ),
    http.patch(
      '*/api/extensions/settings',
      handler(async ({ json }) => {
        const body = await json();
        if ('autoApprove' in body) {
          if (typeof body.autoApprove !== 'boolean') throw badRequest('"autoApprove" must be true or false.');
          store.settings = { ...store.settings, autoApprove: body.autoApprove };
          store.changed();
        }
        return HttpResponse.json(store.settings);
      }),
    ),
    http.post(
      '*/api/extensions/reset',
      handler(async ({ url }) => {
        const count = url.searchParams.get('devices');
        const deviceCount = count === null ? undefined : Number(count);
        if (deviceCount !== undefined && (!Number.isInteger(deviceCount) || deviceCount < 0 || deviceCount > 200_000)) {
          throw badRequest('"devices" must be a whole number from 0 to 200000.');
        }
        store.reset({ deviceCount });
        await onReset();
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
