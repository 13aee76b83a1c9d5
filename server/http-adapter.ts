// node:http ⇄ Fetch ⇄ the demo backend's handlers (src/mocks/handlers.ts), the same list the page runs in
// MSW's service worker: a Node request becomes a Fetch Request, MSW's getResponse() finds the handler's
// answer, and that is written back. Around it, what only a server has to do: 404 for a path no API route
// names (src/mocks/routes.ts), 400 for a malformed URL, a body size limit, the live-updates stream, the
// demo DPS under /dps, and the production build with the security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getResponse, type RequestHandler } from 'msw';
import { securityHeaders } from '../scripts/csp.js';
import { DPS_GLOBAL_ENDPOINT } from '../src/lib/dps-protocol';
import { errorResponse, refuseUnauthorized } from '../src/mocks/http';
import { TLS_PEER_HEADER } from '../src/mocks/dps/x509-attestation';
import { matchRoute } from '../src/mocks/routes';
import type { EventHub } from './events';
import { HttpError, readBody as readLimitedBody } from './http-body';
import { resolveDistPath, sendFile } from './static-files';

/** The request body, up to MAX_BODY_BYTES. */
export const readBody = (req: IncomingMessage) => readLimitedBody(req, MAX_BODY_BYTES);

/** The largest request body: an import batch of 5,000 rows is about 0.5 MB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;


/** Where the demo DPS answers on this server: the page's simulator and any HTTP client. */
export const DPS_PATH = '/dps';

export interface AdapterOptions {
  handlers: RequestHandler[];
  events: EventHub;
  /** The production build (with index.html), or undefined to serve the API only. */
  distDir: string | undefined;
}

/**
 * The Node request as a Fetch Request for the handlers. TLS_PEER_HEADER is dropped here, whatever the
 * client sent: only a TLS listener sets it, from the handshake (`tlsPeerChain`).
 */
export function toFetchRequest(
  req: IncomingMessage,
  url: URL,
  body: Uint8Array | undefined,
  tlsPeerChain?: string,
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':') || name.toLowerCase() === TLS_PEER_HEADER) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  if (tlsPeerChain) headers.set(TLS_PEER_HEADER, tlsPeerChain);
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(body && body.length > 0 ? { body: body as Uint8Array<ArrayBuffer> } : {}),
  });
}

export async function writeResponse(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  if (response.type === 'error') {
    // HttpResponse.error(): the connection drops, as a network failure would (Demo settings' "drop" fault).
    // It drops after the status line, in the body: a browser silently resends a request whose connection
    // closed before any answer (a "reused" connection, which includes a preconnected one), and that would
    // turn a lost answer into a second write.
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1024' });
    res.write('{"', () => res.destroy());
    return;
  }
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

async function writeEnvelope(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  await writeResponse(res, errorResponse(status, code, message), { ...securityHeaders(), ...extra });
}

export function createRequestListener(options: AdapterOptions) {
  const { handlers, events, distDir } = options;

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const match = matchRoute(method, url.pathname);
    if (match.kind === 'malformed') {
      return writeEnvelope(res, 400, 'BadRequest', 'The request path is not valid percent-encoding. Encode "%" as %25.');
    }
    if (match.kind === 'none') {
      return writeEnvelope(res, 404, 'NotFound', `No API operation is at ${url.pathname}. See the README's API notes.`);
    }
    if (match.kind === 'method') {
      return writeEnvelope(res, 405, 'MethodNotAllowed', `${method} is not allowed here; use ${match.allowed.join(' or ')}.`, {
        Allow: match.allowed.join(', '),
      });
    }
    if (match.route.path === '/extensions/events') {
      const refusal = refuseUnauthorized(toFetchRequest(req, url, undefined), url);
      if (refusal) return writeResponse(res, refusal, securityHeaders());
      events.attach(res, securityHeaders());
      return;
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const response = await getResponse(handlers, toFetchRequest(req, url, body));
    if (!response) return writeEnvelope(res, 404, 'NotFound', `No API operation is at ${url.pathname}.`);
    await writeResponse(res, response, { ...securityHeaders(), 'Cache-Control': 'no-store' });
  }

  async function dps(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const target = new URL(`${DPS_GLOBAL_ENDPOINT}${url.pathname.slice(DPS_PATH.length)}${url.search}`);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : await readBody(req);
    const response = await getResponse(handlers, toFetchRequest(req, target, body));
    if (!response) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorCode: 404000, message: `No DPS operation is at ${url.pathname}.` }));
      return;
    }
    await writeResponse(res, response, {});
  }

  async function file(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!distDir) return writeEnvelope(res, 404, 'NotFound', 'This server serves the API only.');
    const { root, target, info } = await resolveDistPath(distDir, url);
    // The app's own routes (/devices, /admin/...) are index.html: the router takes it from there.
    sendFile(req, res, root, !info || info.isDirectory() ? join(root, 'index.html') : target);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const handle = async () => {
      const raw = req.url ?? '/';
      // Origin-form only ("/path?query"); the host never comes from the request.
      if (!raw.startsWith('/')) throw new HttpError(400, 'BadRequest', 'The request target must be a path.');
      // Absolute links the handlers make (nextLink) name the host the client used.
      const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
      const url = new URL(`http://${host}${raw}`);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
      if (url.pathname.startsWith(`${DPS_PATH}/`)) return dps(req, res, url);
      return file(req, res, url);
    };
    handle().catch(async (error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return writeEnvelope(res, error.status, error.code, error.message);
      console.error('Request failed:', req.method, (req.url ?? '').slice(0, 200), error);
      await writeEnvelope(res, 500, 'InternalServerError', 'The console server failed to handle this request.').catch(() =>
        res.destroy(),
      );
    });
  };
}
