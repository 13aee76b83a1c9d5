// The gateway's own requests to the application, for the work it does itself (import, export): public API
// operations of the allow-list, with the token, paced. A few requests are in flight at a time; a 429 or 503
// pauses them all for its Retry-After (capped; a default when it has none), then the same request is sent
// again, a bounded number of times. What still fails is an AppRequestError with a reason an operator can
// read, for the row it was about. Each request is logged as the forwarded ones are: method, template, status,
// and, like them, must be an operation of the allow-list.
import { API_VERSION } from '../../src/api/config';
import { GATEWAY_ROUTES } from './allow-list';

export interface PacingOptions {
  /** Requests in flight toward the application at once. */
  concurrency: number;
  /** Tries of one request, the first included, while the application answers 429 or 503. */
  attempts: number;
  /** The longest Retry-After honoured; a longer one is waited this long. */
  maxWaitMs: number;
  /** The wait when a 429 or 503 has no Retry-After. */
  defaultWaitMs: number;
}

export const DEFAULT_PACING: PacingOptions = {
  concurrency: 4,
  attempts: 5,
  maxWaitMs: 30_000,
  defaultWaitMs: 2_000,
};

const TIMEOUT_MS = 60_000;

export interface AppResponse<T = unknown> {
  status: number;
  body: T;
}

/** A request the application did not answer as asked, with why (its error message, or that it was busy). */
export class AppRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path segment as the application gets it: re-encoded, so nothing in it can be read as a separator. */
export const encodeSegment = (segment: string) =>
  encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/g, '@');

/** Retry-After in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface PacedClient {
  /**
   * `template` is a spec path under /api (`/devices/{deviceId}`), filled from `params`; `query` adds the
   * OData options of a list. Answers 2xx and 404 (the caller decides what a missing device means); throws
   * AppRequestError for anything else once the retries are spent.
   */
  request<T>(
    method: 'GET' | 'PUT',
    template: string,
    params: Record<string, string>,
    init?: { body?: unknown; ifMatch?: string; query?: string },
  ): Promise<AppResponse<T>>;
}

export function createPacedClient(options: {
  appOrigin: string;
  authorization: () => string;
  pacing?: PacingOptions;
  log?: (line: string) => void;
}): PacedClient {
  const pacing = options.pacing ?? DEFAULT_PACING;
  const log = options.log ?? (() => undefined);
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  /** Until when the application asked everyone to wait (its last Retry-After). */
  let pausedUntil = 0;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function slot(): Promise<void> {
    if (inFlight < pacing.concurrency) {
      inFlight += 1;
      return;
    }
    // The slot is handed over by release(), so inFlight stays as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function release() {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  }

  async function once(method: string, url: string, template: string, headers: Record<string, string>, body?: string) {
    await slot();
    try {
      while (Date.now() < pausedUntil) await sleep(pausedUntil - Date.now());
      const response = await fetch(url, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      log(`${method} ${template} ${response.status}`);
      return { response, text };
    } finally {
      release();
    }
  }

  return {
    async request<T>(
      method: 'GET' | 'PUT',
      template: string,
      params: Record<string, string>,
      init: { body?: unknown; ifMatch?: string; query?: string } = {},
    ): Promise<AppResponse<T>> {
      if (!GATEWAY_ROUTES.some((route) => route.method === method && route.path === template))
        throw new Error(`${method} ${template} is not an operation of the allow-list.`);
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(params[name] ?? ''));
      const url = `${options.appOrigin}/api${path}?api-version=${API_VERSION}${init.query ? `&${init.query}` : ''}`;
      const headers: Record<string, string> = {
        Authorization: options.authorization(),
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(init.ifMatch === undefined ? {} : { 'If-Match': init.ifMatch }),
      };
      const body = init.body === undefined ? undefined : JSON.stringify(init.body);
      for (let attempt = 1; ; attempt++) {
        let answer: { response: Response; text: string };
        try {
          answer = await once(method, url, template, headers, body);
        } catch {
          if (attempt < pacing.attempts) continue;
          throw new AppRequestError(502, 'Could not reach the IoT Central application.');
        }
        const { response, text } = answer;
        if (response.status === 429 || response.status === 503) {
          const wait = Math.min(retryAfterMs(response.headers.get('retry-after')) ?? pacing.defaultWaitMs, pacing.maxWaitMs);
          if (attempt >= pacing.attempts) {
            throw new AppRequestError(
              response.status,
              `The application was still busy (${response.status}) after ${pacing.attempts} tries. Try again later.`,
            );
          }
          pausedUntil = Math.max(pausedUntil, Date.now() + wait);
          continue;
        }
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (response.ok || response.status === 404) return { status: response.status, body: parsed as T };
        const message = (parsed as { error?: { message?: unknown } } | undefined)?.error?.message;
        throw new AppRequestError(
          response.status,
          typeof message === 'string' && message !== ''
            ? `The application refused it (${response.status}): ${message}`
            : `The application answered ${response.status}.`,
        );
      }
    },
  };
}
