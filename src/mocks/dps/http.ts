// What every demo DPS operation shares, whatever carries it (the page's fetch, HTTPS, MQTT): the request it
// reads (DpsRequest), the answer it gives (DpsAnswer), DPS's error envelope ({errorCode, trackingId, message,
// timestampUtc}), its api-versions, no IoT Central auth (devices authenticate per request), throttling when
// the demo injects faults; and, for the page, the CORS headers a cross-origin answer needs (the service
// worker's response is CORS-checked, and Retry-After is not a safelisted response header).
import { HttpResponse } from 'msw';
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

/**
 * What a DPS operation reads of a request. A Fetch Request is one (the page and the console server's
 * listeners); the MQTT listener builds one from a message, without HTTP's machinery.
 */
export interface DpsRequest {
  method: string;
  /** An absolute URL at DPS_GLOBAL_ENDPOINT. */
  url: string;
  headers: { get(name: string): string | null; has(name: string): boolean };
  text(): Promise<string>;
}

/** A DPS answer, before it becomes an HTTP response or an MQTT message: a status, headers and a JSON body. */
export interface DpsAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function dpsErrorAnswer(error: DpsError): DpsAnswer {
  return {
    status: error.status,
    headers: { 'x-ms-error-code': String(error.errorCode), ...error.headers },
    body: {
      errorCode: error.errorCode,
      trackingId: trackingId(),
      message: error.message,
      timestampUtc: new Date().toISOString(),
    },
  };
}

export function dpsJson(body: unknown, status: number, headers: Record<string, string> = {}): DpsAnswer {
  return { status, headers: { 'x-ms-request-id': trackingId(), ...headers }, body };
}

/** The answer as the page's fetch sees it, with the CORS headers a cross-origin answer needs. */
export function toHttpResponse(answer: DpsAnswer): Response {
  return HttpResponse.json(answer.body as Record<string, unknown>, {
    status: answer.status,
    headers: { ...CORS_HEADERS, ...answer.headers },
  });
}

export interface DpsContext {
  request: DpsRequest;
  url: URL;
  /** The path's parameters, decoded. */
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

/**
 * Runs one DPS operation with what every operation shares: latency, api-version, injected throttling,
 * body parsing, the write barrier and DPS's error envelope.
 */
export async function runDpsOperation(
  operation: (ctx: DpsContext) => Promise<DpsAnswer>,
  request: DpsRequest,
  url: URL,
  params: Record<string, string>,
): Promise<DpsAnswer> {
  if (demoControls.latencyMs > 0) await new Promise((r) => setTimeout(r, demoControls.latencyMs));
  try {
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
    const answer = await operation(ctx);
    if (request.method !== 'GET') await writeBarrier.wait();
    return answer;
  } catch (error) {
    if (error instanceof DpsError) return dpsErrorAnswer(error);
    if (error instanceof StoreWriteError)
      return dpsErrorAnswer(new DpsError(503, DPS_ERRORS.internal, error.message));
    console.error('Demo DPS error', error);
    return dpsErrorAnswer(
      new DpsError(500, DPS_ERRORS.internal, 'The demo DPS failed to handle this request.'),
    );
  }
}
