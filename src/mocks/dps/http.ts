// The wrapper for the demo DPS handlers: DPS's error envelope ({errorCode, trackingId, message,
// timestampUtc}), its api-versions, no IoT Central auth (devices authenticate per request), throttling
// when the demo injects faults, and the
// CORS headers a cross-origin answer needs in the page (the service worker's response is CORS-checked,
// and Retry-After is not a safelisted response header).
import { HttpResponse, type HttpResponseResolver } from 'msw';
import { DPS_API_VERSIONS } from '../../lib/dps-protocol';
import { demoControls, writeBarrier } from '../http';
import { StoreWriteError } from '../store/device-rows';

/** A refused DPS request. `errorCode` follows DPS: the HTTP status followed by three digits. */
export class DpsError extends Error {
  readonly status: number;
  readonly errorCode: number;
  readonly headers: Record<string, string>;
  constructor(status: number, errorCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.headers = headers;
  }
}

/** Error codes the demo DPS uses (401002 as the real service for bad credentials). */
export const DPS_ERRORS = {
  badRequest: 400004,
  throttled: 429001,
  apiVersion: 400001,
  unauthorized: 401002,
  notFound: 404001,
  operationNotFound: 404006,
  internal: 500000,
} as const;

export const dpsBadRequest = (message: string) => new DpsError(400, DPS_ERRORS.badRequest, message);
export const dpsUnauthorized = (message: string) => new DpsError(401, DPS_ERRORS.unauthorized, message);

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, POST, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Location, x-ms-request-id, x-ms-error-code',
};

let trackingCounter = 0;

export function trackingId(): string {
  trackingCounter += 1;
  return `demo-dps-${Date.now().toString(16)}-${trackingCounter.toString(16).padStart(6, '0')}`;
}

export function dpsErrorResponse(error: DpsError): Response {
  return HttpResponse.json(
    {
      errorCode: error.errorCode,
      trackingId: trackingId(),
      message: error.message,
      timestampUtc: new Date().toISOString(),
    },
    {
      status: error.status,
      headers: { ...CORS_HEADERS, 'x-ms-error-code': String(error.errorCode), ...error.headers },
    },
  );
}

export function dpsJson(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: { ...CORS_HEADERS, 'x-ms-request-id': trackingId(), ...headers },
  });
}

type Resolver = HttpResponseResolver<Record<string, string | readonly string[] | undefined>>;
type Info = Parameters<Resolver>[0];

export interface DpsContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** The request's JSON body; `{}` when empty (the Node SDK sends `{}` on GET). */
  json: () => Promise<Record<string, unknown>>;
}

function checkApiVersion(url: URL): void {
  const version = url.searchParams.get('api-version');
  const supported = DPS_API_VERSIONS.join(', ');
  if (!version) {
    throw new DpsError(
      400,
      DPS_ERRORS.apiVersion,
      `The api-version query parameter is required. Supported versions: ${supported}.`,
    );
  }
  if (!(DPS_API_VERSIONS as readonly string[]).includes(version)) {
    throw new DpsError(
      400,
      DPS_ERRORS.apiVersion,
      `The api-version "${version}" is not supported. Supported versions: ${supported}.`,
    );
  }
}

/** Wraps a DPS handler: latency, api-version, path parameters, body parsing and DPS's error envelope. */
export function dpsHandler(fn: (ctx: DpsContext) => Promise<Response> | Response): Resolver {
  return async (info: Info) => {
    const { request } = info;
    if (demoControls.latencyMs > 0) await new Promise((r) => setTimeout(r, demoControls.latencyMs));
    const url = new URL(request.url);
    const params: Record<string, string> = {};
    try {
      // MSW has already decoded the path parameters: decoding again would turn "%25" into a broken escape.
      for (const [key, value] of Object.entries(info.params))
        if (typeof value === 'string') params[key] = value;
      checkApiVersion(url);
      // Injected faults (Demo settings): DPS throttles, as it does above its registration rate.
      const { faultRate, faultKinds } = demoControls;
      if (faultRate > 0 && faultKinds.includes('429') && Math.random() < faultRate) {
        throw new DpsError(
          429,
          DPS_ERRORS.throttled,
          'Injected fault: DPS is throttling registrations. Retry after the time in Retry-After.',
          { 'Retry-After': '1' },
        );
      }
      const ctx: DpsContext = {
        request,
        url,
        params,
        json: async () => {
          const text = await request.text();
          if (text.trim() === '') return {};
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            throw dpsBadRequest(
              'The request body is not valid JSON. Send a DeviceRegistration object, e.g. {"registrationId": "my-device"}.',
            );
          }
          if (!body || typeof body !== 'object' || Array.isArray(body)) {
            throw dpsBadRequest('The request body must be a JSON object (a DeviceRegistration).');
          }
          return body as Record<string, unknown>;
        },
      };
      const response = await fn(ctx);
      if (request.method !== 'GET') await writeBarrier.wait();
      return response;
    } catch (error) {
      if (error instanceof DpsError) return dpsErrorResponse(error);
      if (error instanceof StoreWriteError) return dpsErrorResponse(new DpsError(503, DPS_ERRORS.internal, error.message));
      if (error instanceof URIError)
        return dpsErrorResponse(dpsBadRequest('The request path has a broken %-escape.'));
      console.error('Demo DPS error', error);
      return dpsErrorResponse(
        new DpsError(500, DPS_ERRORS.internal, 'The demo DPS failed to handle this request.'),
      );
    }
  };
}
