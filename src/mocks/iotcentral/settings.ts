// Demo extensions: the Auto approve setting, and resetting the demo data.
import { http, HttpResponse } from 'msw';
import { badRequest, handler } from '../http';
import type { Store } from '../store/store';

export function settingsHandlers(store: Store, onReset: () => Promise<void> | void) {
  return [
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
