// One wrapper for every demo handler: it checks auth, parses JSON bodies, maps domain errors to
// IoT Central's error envelope, and applies the latency or faults the demo settings ask for.
import { HttpResponse, type HttpResponseResolver } from 'msw';
import type { DemoControls, FaultKind } from '../api/extensions';
import { badRequest, DomainError } from '../lib/domain-error';
import { ODataError } from '../lib/odata';
import { isAllowed, matchRoute, type Role } from './routes';
import { StoreWriteError } from './store/device-rows';

let requestCounter = 0;

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  requestCounter += 1;
  return HttpResponse.json(
    {
      error: {
        code,
        message,
        requestId: `demo-${requestCounter.toString(16).padStart(8, '0')}`,
        time: new Date().toUTCString(),
      },
    },
    { status, headers: { 'x-ms-error-code': code, ...headers } },
  );
}

export const FAULT_KINDS: readonly FaultKind[] = ['5xx', '429', 'drop'];

/** Demo-wide knobs, set from Demo settings or the URL (see browser.ts). Tests set them directly. */
export const demoControls: DemoControls = { latencyMs: 0, faultRate: 0, faultKinds: [...FAULT_KINDS] };

/**
 * Answers to writes wait for this, so that what a client was told is done is also saved: the browser
 * sets it to the persistence flush (browser.ts), so a reload right after an answer keeps the change.
 */
export const writeBarrier: { wait: () => Promise<void> } = { wait: () => Promise.resolve() };

/** The demo's role, from the token's key name (`skn=operator`); anything else is an administrator. */
export function roleOf(request: Request): Role {
  return /(^|[\s&])skn=operator(&|$)/.test(request.headers.get('Authorization') ?? '') ? 'operator' : 'administrator';
}

/** Why an Operator is refused an administrator's route. */
function forbiddenMessage(path: string): string {
  if (/\/api\/extensions\/reset$/.test(path)) return 'Only an administrator can reset the demo data.';
  return 'The Operator role cannot manage device connection (enrollment groups, certificates, Auto approve). Ask an administrator.';
}

/** The demo's own controls are never faulted, so a test can always switch faults off again; nor is the boot-time capabilities question. */
const isExempt = (path: string) => /\/api\/extensions\/(demo|reset|capabilities)$/.test(path);

type Fault = { kind: '5xx' | '429' | 'drop-before' | 'drop-after' } | null;

function pickFault(path: string): Fault {
  const { faultRate, faultKinds } = demoControls;
  if (faultRate <= 0 || faultKinds.length === 0 || isExempt(path) || Math.random() >= faultRate) return null;
  const kind = faultKinds[Math.floor(Math.random() * faultKinds.length)] as FaultKind;
  if (kind === 'drop') return { kind: Math.random() < 0.5 ? 'drop-before' : 'drop-after' };
  return { kind };
}

type Resolver = HttpResponseResolver<Record<string, string | readonly string[] | undefined>>;
type Info = Parameters<Resolver>[0];

export interface HandlerContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** Parsed JSON body; a 400 for anything that is not a JSON object. */
  json: () => Promise<Record<string, unknown>>;
}

/**
 * The 401 for a request without a token, or the 403 for a role its route (routes.ts) does not allow;
 * undefined when it may go on. Every handler checks this, and so does the server for its event stream.
 */
export function refuseUnauthorized(request: Request, url: URL): Response | undefined {
  const auth = request.headers.get('Authorization');
  if (!auth || !/^(SharedAccessSignature|Bearer) \S/.test(auth)) {
    return errorResponse(401, 'Unauthorized', 'Send an API token or a bearer token in the Authorization header.');
  }
  const match = matchRoute(request.method, url.pathname);
  if (match.kind === 'found' && !isAllowed(match.route, roleOf(request))) {
    return errorResponse(403, 'Forbidden', forbiddenMessage(url.pathname));
  }
  return undefined;
}

export function handler(fn: (ctx: HandlerContext) => Promise<Response> | Response): Resolver {
  return async (info: Info) => {
    const { request } = info;
    const url = new URL(request.url);
    if (demoControls.latencyMs > 0) await new Promise((r) => setTimeout(r, demoControls.latencyMs));
    const refusal = refuseUnauthorized(request, url);
    if (refusal) return refusal;
    // Injected faults (Demo settings): the server fails before doing anything, or the answer is lost,
    // before or after the request was applied.
    const fault = pickFault(url.pathname);
    if (fault?.kind === '5xx') return errorResponse(500, 'InternalServerError', 'Injected fault: the server failed.');
    if (fault?.kind === '429') {
      return errorResponse(429, 'TooManyRequests', 'Injected fault: too many requests; retry later.', { 'Retry-After': '1' });
    }
    if (fault?.kind === 'drop-before') return HttpResponse.error();
    const params: Record<string, string> = {};
    // MSW has already decoded path parameters.
    for (const [key, value] of Object.entries(info.params)) if (typeof value === 'string') params[key] = value;
    const ctx: HandlerContext = {
      request,
      url,
      params,
      json: async () => {
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          throw badRequest('The request body is not valid JSON.');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
        return body as Record<string, unknown>;
      },
    };
    try {
      const response = await fn(ctx);
      if (request.method !== 'GET') await writeBarrier.wait();
      return fault?.kind === 'drop-after' ? HttpResponse.error() : response;
    } catch (error) {
      if (error instanceof DomainError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof ODataError) return errorResponse(400, 'InvalidFilter', error.message);
      if (error instanceof StoreWriteError) return errorResponse(503, 'ServiceUnavailable', error.message);
      console.error('Demo backend error', error);
      return errorResponse(500, 'InternalServerError', 'The demo backend failed to handle this request.');
    }
  };
}

/** IoT Central's error for an etag that no longer matches. */
export function checkEtag(body: Record<string, unknown>, current: string, what: string): void {
  if (typeof body.etag === 'string' && body.etag !== current) {
    throw new DomainError(
      412,
      'PreconditionFailed',
      `${what} was changed by someone else since you loaded it. Refresh to see the latest version, then try again.`,
    );
  }
}
