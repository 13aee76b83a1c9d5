// The one fetch wrapper: base URL and auth from config, api-version on every call, AbortSignal
// passed through, IoT Central's error envelope turned into ApiError, and lists that follow nextLink.
import { sleep } from '../lib/sleep';
import { apiConfig } from './config';
import type { Collection, ErrorEnvelope } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying, from a 429/503 Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** A POST or PATCH that is safe to send twice (e.g. keyed by device ID), so it may be retried. */
  isIdempotent?: boolean;
}

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * The header every request carries: the console server in real-application mode refuses a write without
 * it, which a cross-site form cannot send (server/gateway/gateway.ts).
 */
export const CONSOLE_REQUEST_HEADER = 'X-Console-Request';

function buildUrl(path: string, query: Query | undefined): string {
  const { baseUrl, apiVersion } = apiConfig();
  // A nextLink is sent verbatim: absolute from IoT Central and the demo, or this console's own `/api/...`
  // path where the gateway rewrote IoT Central's link.
  const isLink = /^https?:\/\//.test(path) || (baseUrl.startsWith('/') && path.startsWith(`${baseUrl}/`));
  const url = new URL(
    isLink ? path : `${baseUrl}${path}`,
    // (Typed without the DOM: server tests run this client in Node against the console server.)
    (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/',
  );
  if (!isLink) {
    url.searchParams.set('api-version', apiVersion);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
  }
  return url.toString();
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter =
    retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  let envelope: Partial<ErrorEnvelope> | undefined;
  try {
    envelope = (await response.json()) as Partial<ErrorEnvelope>;
  } catch {
    envelope = undefined;
  }
  const detail = envelope?.error;
  return new ApiError({
    status: response.status,
    code: detail?.code ?? response.headers.get('x-ms-error-code') ?? `Http${response.status}`,
    message: detail?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    requestId: detail?.requestId,
    retryAfter,
  });
}

/** How the client retries: idempotent requests on network errors and 5xx, any request on 429 and 503. */
export const retryPolicy = {
  attempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * Whether a failed attempt may be sent again without risk of applying it twice.
 * 429 and 503 mean the server did not process the request, so any method may be retried;
 * a network error or another 5xx may hide a processed request, so only idempotent methods are.
 */
export function isRetryable(method: string, error: ApiError, isIdempotent = IDEMPOTENT.has(method)): boolean {
  if (error.status === 429 || error.status === 503) return true;
  if (!isIdempotent) return false;
  return error.status === 0 || error.status >= 500;
}

function retryDelayMs(error: ApiError, attempt: number): number {
  if (error.retryAfter !== undefined) return error.retryAfter * 1000;
  const exponential = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);
  return exponential / 2 + Math.random() * (exponential / 2);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', [CONSOLE_REQUEST_HEADER]: '1' };
  const auth = await apiConfig().getAuthHeader?.();
  if (auth) headers.Authorization = auth;
  if (options.body !== undefined)
    headers['Content-Type'] = method === 'PATCH' ? MERGE_PATCH : 'application/json';
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      code: 'NetworkError',
      message: 'Could not reach the server. Check your connection and try again.',
    });
  }
}

/** The answer's body; a connection that drops while it arrives is a network error, like one that drops before. */
async function readBody(response: Response, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      code: 'NetworkError',
      message: 'The connection dropped while the answer arrived. Check your connection and try again.',
    });
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let error: ApiError;
    try {
      const response = await send(method, path, options);
      if (response.ok) {
        if (response.status === 204) return undefined as T;
        const text = await readBody(response, options.signal);
        return (text ? JSON.parse(text) : undefined) as T;
      }
      error = await toApiError(response);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error = caught;
    }
    if (
      attempt + 1 >= retryPolicy.attempts ||
      !isRetryable(method, error, options.isIdempotent ?? IDEMPOTENT.has(method))
    ) {
      throw error;
    }
    await sleep(retryDelayMs(error, attempt), options.signal);
  }
}

/** GETs one page; pass a nextLink as `path` to get the page after it (sent verbatim). */
export function getPage<T, C extends Collection<T> = Collection<T>>(
  path: string,
  query?: Query,
  signal?: AbortSignal,
): Promise<C> {
  return request<C>('GET', path, { query, signal });
}

/** Follows nextLink until the last page, yielding each page's items. */
export async function* iteratePages<T>(
  path: string,
  query?: Query,
  signal?: AbortSignal,
): AsyncGenerator<T[]> {
  let page: Collection<T> = await getPage<T>(path, query, signal);
  yield page.value;
  while (page.nextLink) {
    page = await getPage<T>(page.nextLink, undefined, signal);
    yield page.value;
  }
}

export async function listAll<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  for await (const page of iteratePages<T>(path, query, signal)) items.push(...page);
  return items;
}
