// GET /api/extensions/endpoints: where a device on this machine reaches the console server's DPS and IoT
// hub. Only the console server has them; the in-page demo answers 404 with what to do instead.
import { http, HttpResponse } from 'msw';
import type { DeviceEndpoints } from '../../api/extensions';
import { DomainError } from '../../lib/domain-error';
import { handler } from '../http';

export function endpointHandlers(endpoints: (() => DeviceEndpoints) | undefined) {
  return [
    http.get(
      '*/api/extensions/endpoints',
      handler(() => {
        if (!endpoints)
          throw new DomainError(
            404,
            'NotFound',
            'This backend has no device endpoints: the in-page demo runs in the browser, which devices cannot reach. Run the console server (npm start) to connect real devices.',
          );
        return HttpResponse.json(endpoints());
      }),
    ),
  ];
}
