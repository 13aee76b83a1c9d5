// The console server in real-application mode: serves the real-application build and forwards the
// console's own IoT Central operations to one application, adding its token. In order, for /api:
//   1. cross-site requests are refused (Origin, Sec-Fetch-Site; a write also needs the X-Console-Request
//      header, which a form cannot send and another site cannot send without a CORS preflight we never pass);
//   2. only the allow-list (allow-list.ts: method + path template from the spec) and api-version 2022-07-31
//      with the query options the API documents; anything else is 404 in IoT Central's error envelope;
//   3. a signed-in session (sign-in.ts), whose role the operation's least role admits;
//   (the Device operations' routes, /extensions/deviceImports, deviceExports and deviceOperations, are not
//   forwarded: the gateway answers them itself, through the public API, in device-operations.ts;)
//   4. forwarded with the token; the answer's absolute nextLink becomes this console's /api path (its query
//      kept verbatim) if it names the application, and the answer is refused if it names another host.
//      429 and 503 pass through with their Retry-After.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { securityHeaders } from '../../scripts/csp.js';
import { HttpError, readBody } from '../http-body';
import { resolveDistPath, sendFile } from '../static-files';
import { isAllowed, type ApiRoute } from '../../src/mocks/routes';
import { API_VERSION } from '../../src/api/config';
import { matchGatewayRoute, ODATA_LIST_OPTIONS } from './allow-list';
import { GATEWAY_BATCH_SIZE, matchOperationRoute, type DeviceOperations } from './device-operations';
import { encodeSegment } from './paced-client';
import type { GatewayConfig } from './config';
import { SignInError, safeReturnTo, type SignIn } from './sign-in';

/** The header every API write must carry (src/api/client.ts sends it on every request). */
export const CONSOLE_REQUEST_HEADER = 'x-console-request';
/** The query options the console may send: the spec's api-version and the OData options IoT Central documents. */
const QUERY_OPTIONS = new Set(['api-version', ...ODATA_LIST_OPTIONS]);
/** Request headers passed to the application; everything else (cookies above all) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-match', 'if-none-match'];
/** Answer headers passed back. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'etag',
  'retry-after',
  'x-ms-error-code',
  'x-ms-request-id',
  'location',
];
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 60_000;

export interface GatewayOptions {
  config: GatewayConfig;
  signIn: SignIn;
  /** Import and Export, which the gateway runs itself (device-operations.ts). */
  operations: DeviceOperations;
  /** The real-application build (dist-real/). */
  distDir: string;
  /** Whether this server listens with TLS (then cookies are Secure). */
  tls?: boolean;
  /** Reports a refusal or a forwarded request (no secrets: method, path template, status). */
  log?: (line: string) => void;
}


function envelope(code: string, message: string) {
  return JSON.stringify({
    error: { code, message, requestId: randomUUID(), time: new Date().toUTCString() },
  });
}

function writeJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}


/**
 * The answer's nextLink for this console: a link to the application becomes `/api/...` with its query as
 * sent; a relative `/api/...` link stays; anything else is refused.
 */
export function rewriteNextLink(link: string, appOrigin: string): string {
  if (link.startsWith('/api/') && !link.startsWith('//')) return link;
  const match = /^https?:\/\/[^/?#]+(\/api\/[^#]*)$/i.exec(link);
  let origin: string | undefined;
  try {
    origin = new URL(link).origin;
  } catch {
    origin = undefined;
  }
  if (!match || origin !== appOrigin) {
    const host = origin ? new URL(link).host : 'an unreadable link';
    throw new HttpError(
      502,
      'ForeignNextLink',
      `The application answered with a next-page link to ${host}; the console follows links to its own application only.`,
    );
  }
  return match[1] as string;
}

export function createGatewayListener(options: GatewayOptions) {
  const { config, signIn, distDir } = options;
  const log = options.log ?? (() => undefined);
  const secure = options.tls === true || config.publicOrigin?.startsWith('https:') === true;

  /** The origin browsers use for this console: CONSOLE_URL, or this request's Host. */
  const ownOrigin = (req: IncomingMessage) =>
    config.publicOrigin ?? `${options.tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;

  function refuseCrossSite(req: IncomingMessage, method: string): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(req)) {
      throw new HttpError(403, 'CrossSiteRequest', 'Requests from another site are refused.');
    }
    const site = req.headers['sec-fetch-site'];
    const isRead = method === 'GET' || method === 'HEAD';
    if (site !== undefined && site !== 'same-origin' && !(isRead && site === 'none')) {
      throw new HttpError(403, 'CrossSiteRequest', 'Requests from another site are refused.');
    }
    if (!isRead && req.headers[CONSOLE_REQUEST_HEADER] !== '1') {
      throw new HttpError(
        403,
        'CrossSiteRequest',
        `A change must come from the console (it sends the ${CONSOLE_REQUEST_HEADER} header).`,
      );
    }
  }

  function capabilities(req: IncomingMessage, res: ServerResponse) {
    const session = signIn.session(req, secure);
    writeJson(
      res,
      200,
      JSON.stringify({
        backend: 'real',
        // Import and Export: answered here, through the public API, in batches of this size.
        extensions: ['deviceImports', 'deviceExports'],
        deviceOperationBatchSize: GATEWAY_BATCH_SIZE,
        // Who is asking decides what is said: the application's address is for signed-in operators only.
        ...(session ? { application: { url: config.appOrigin } } : {}),
        session: session ? { name: session.name, role: session.role } : null,
      }),
    );
  }

  /** Refuses a request without a session (401), or whose role the route's least role does not admit (403). */
  function requireRole(req: IncomingMessage, route: ApiRoute, forbidden: string): void {
    const session = signIn.session(req, secure);
    if (!session) throw new HttpError(401, 'Unauthorized', 'Sign in to the console first (reload the page).');
    if (!isAllowed(route, session.role)) throw new HttpError(403, 'Forbidden', forbidden);
  }

  /** Import, Export and their reports: answered here, for a signed-in Operator or Administrator. */
  async function deviceOperation(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
    route: ApiRoute,
  ): Promise<void> {
    requireRole(req, route, 'Your role cannot do this. Ask an administrator.');
    let body: Record<string, unknown> = {};
    if (method !== 'GET') {
      try {
        const parsed: unknown = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        else throw new Error('not an object');
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw new HttpError(400, 'BadRequest', 'The request body must be a JSON object.');
      }
    }
    const answer = await options.operations.answer(route, url.pathname, body);
    writeJson(res, answer.status, JSON.stringify(answer.body));
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    refuseCrossSite(req, method);
    if (url.pathname === '/api/extensions/capabilities' && method === 'GET') return capabilities(req, res);
    const operation = matchOperationRoute(method, url.pathname);
    if (operation.kind === 'found') return deviceOperation(req, res, method, url, operation.route);
    const match = matchGatewayRoute(method, url.pathname);
    if (match.kind === 'malformed')
      throw new HttpError(400, 'BadRequest', 'The request path is not valid percent-encoding.');
    if (match.kind === 'none')
      throw new HttpError(404, 'NotFound', `No operation the console forwards is at ${url.pathname}.`);
    if (match.kind === 'method') {
      throw new HttpError(
        405,
        'MethodNotAllowed',
        `${method} is not allowed here; use ${match.allowed.join(' or ')}.`,
        {
          Allow: match.allowed.join(', '),
        },
      );
    }
    for (const key of url.searchParams.keys()) {
      if (!QUERY_OPTIONS.has(key))
        throw new HttpError(
          400,
          'InvalidQuery',
          `The query option "${key}" is not forwarded: use ${[...QUERY_OPTIONS].join(', ')}.`,
        );
    }
    if (url.searchParams.getAll('api-version').join() !== API_VERSION) {
      throw new HttpError(400, 'InvalidApiVersion', `The console forwards api-version ${API_VERSION} only.`);
    }
    requireRole(
      req,
      match.route,
      'The Operator role cannot manage device connection (enrollment groups, certificates). Ask an administrator.',
    );

    const segments = url.pathname
      .slice('/api/'.length)
      .split('/')
      .map((s) => encodeSegment(decodeURIComponent(s)));
    const target = `${config.appOrigin}/api/${segments.join('/')}${url.search}`;
    const headers: Record<string, string> = { Authorization: config.authorization() };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, MAX_BODY_BYTES);
    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
        ...(body && body.length > 0 ? { body } : {}),
      });
    } catch {
      throw new HttpError(502, 'BadGateway', 'Could not reach the IoT Central application. Try again.');
    }
    const answerHeaders: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) answerHeaders[name] = value;
    }
    if (upstream.status >= 300 && upstream.status < 400) {
      // A redirect could send the token elsewhere if followed; it is never followed, nor passed on.
      throw new HttpError(
        502,
        'BadGateway',
        `The application answered with a redirect (${upstream.status}), which the console does not follow.`,
      );
    }
    let text = await upstream.text();
    if (
      upstream.ok &&
      method === 'GET' &&
      /json/.test(upstream.headers.get('content-type') ?? '') &&
      text.includes('"nextLink"')
    ) {
      const parsed = JSON.parse(text) as { nextLink?: unknown };
      if (typeof parsed.nextLink === 'string') {
        parsed.nextLink = rewriteNextLink(parsed.nextLink, config.appOrigin);
        text = JSON.stringify(parsed);
      }
    }
    log(`${method} ${match.route.path} ${upstream.status}`);
    res.writeHead(upstream.status, { ...securityHeaders(), 'Cache-Control': 'no-store', ...answerHeaders });
    res.end(method === 'HEAD' ? undefined : text);
  }

  async function auth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const redirectUri = `${ownOrigin(req)}/auth/callback`;
    if (url.pathname === '/auth/sign-in') {
      const { location, setCookie } = await signIn.start(
        safeReturnTo(url.searchParams.get('returnTo')),
        redirectUri,
        secure,
      );
      res.writeHead(302, {
        ...securityHeaders(),
        Location: location,
        'Set-Cookie': setCookie,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (url.pathname === '/auth/callback') {
      const currentUrl = new URL(`${redirectUri}${url.search}`);
      const done = await signIn.finish(req, currentUrl, secure);
      log(`signed in as ${done.session.role}`);
      // A page, not a redirect: the browser sends a SameSite=Strict cookie on the navigation this page makes,
      // not on a redirect that continues the provider's cross-site one.
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': 'text/html; charset=utf-8',
        'Set-Cookie': done.setCookies,
        'Cache-Control': 'no-store',
      });
      const to = done.returnTo.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      return void res.end(
        `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${to}"><title>Signed in</title><p>Signed in. <a href="${to}">Continue to the console</a>.</p>`,
      );
    }
    if (url.pathname === '/auth/sign-out' && req.method === 'POST') {
      refuseCrossSite(req, 'POST');
      res.writeHead(204, {
        ...securityHeaders(),
        'Set-Cookie': signIn.signOut(req, secure),
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    throw new HttpError(404, 'NotFound', 'No such sign-in page.');
  }

  async function file(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { root, target, info } = await resolveDistPath(distDir, url);
    const isPage = !info || info.isDirectory() || target === join(root, 'index.html');
    // The console's pages are for signed-in operators; its scripts and fonts are not secret.
    if (isPage && !signIn.session(req, secure)) {
      const returnTo = encodeURIComponent(`${url.pathname}${url.search}`);
      res.writeHead(302, {
        ...securityHeaders(),
        Location: `/auth/sign-in?returnTo=${returnTo}`,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    sendFile(req, res, root, isPage ? join(root, 'index.html') : target);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const raw = req.url ?? '/';
    const handle = async () => {
      if (!raw.startsWith('/')) throw new HttpError(400, 'BadRequest', 'The request target must be a path.');
      const url = new URL(raw, 'http://console.invalid');
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
      if (url.pathname.startsWith('/auth/')) return auth(req, res, url);
      return file(req, res, url);
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) {
        log(`refused ${req.method} ${raw.split('?')[0]?.slice(0, 200)}: ${error.status} ${error.code}`);
        return writeJson(res, error.status, envelope(error.code, error.message), {
          'x-ms-error-code': error.code,
          ...error.headers,
        });
      }
      if (error instanceof SignInError) {
        // A person reads this one, in the browser: a page that says why, with the way back.
        res.writeHead(400, {
          ...securityHeaders(),
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        const message = error.message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        return void res.end(
          `<!doctype html><meta charset="utf-8"><title>Sign-in failed</title><h1>Sign-in failed</h1><p>${message}</p><p><a href="/auth/sign-in">Sign in again</a></p>`,
        );
      }
      console.error(
        'Request failed:',
        req.method,
        raw.split('?')[0]?.slice(0, 200),
        error instanceof Error ? error.message : error,
      );
      writeJson(res, 500, envelope('InternalServerError', 'The console failed to handle this request.'));
    });
  };
}
