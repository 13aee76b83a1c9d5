// The console's API as the benchmarks call it from Node, and a pool that runs many calls at a time.
export const AUTH = 'SharedAccessSignature sr=demo&sig=demo&skn=administrator&se=4102444800';
export const API_VERSION = '2022-07-31';

export interface Answer<T> {
  status: number;
  body: T;
  /** From the request to the whole body read. */
  ms: number;
}

/**
 * `method` `/api{path}` (with api-version added), or a nextLink as it is, as an administrator; the body is
 * sent as JSON and the answer's parsed.
 */
export async function api<T>(url: string, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const started = performance.now();
  const target = path.startsWith('http')
    ? path
    : `${url}/api${path}${path.includes('?') ? '&' : '?'}api-version=${API_VERSION}`;
  const response = await fetch(target, {
    method,
    headers: { Authorization: AUTH, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    ms: performance.now() - started,
  };
}

/** GET `path`; throws unless the answer is 200. */
export async function get<T>(url: string, path: string): Promise<T> {
  const answer = await api<T>(url, 'GET', path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Runs `count` tasks, `concurrency` at a time; returns the times (ms) of those that succeeded, and the failures. */
export async function pool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ times: number[]; failures: string[] }> {
  let next = 0;
  const times: number[] = [];
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        try {
          await task(i);
          times.push(performance.now() - started);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { times, failures };
}
