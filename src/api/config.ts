// Where the client sends requests. The page always talks to `/api` on its own origin:
// - in demo mode the MSW service worker (or the console server) answers there;
// - against a real application, the console server in real-application mode (server/gateway) signs the
//   operator in, forwards the console's operations and adds the API token, so the token never reaches
//   the browser. See the README.

export interface ApiConfig {
  /** Absolute or origin-relative base, without a trailing slash, e.g. `/api`. */
  baseUrl: string;
  apiVersion: string;
  /** Value for the Authorization header, sent verbatim; undefined when a proxy adds it. */
  getAuthHeader?: () => string | undefined | Promise<string | undefined>;
  /**
   * Where the Simulator's device registers: the console server serves DPS at /dps on its own origin; unset,
   * DPS's global endpoint (lib/dps-client.ts's default), which the in-page demo answers. (Not imported from
   * lib/dps-protocol.ts here: that would put the whole module in the first load.)
   */
  dpsEndpoint?: string;
}

export const API_VERSION = '2022-07-31';

let current: ApiConfig = { baseUrl: '/api', apiVersion: API_VERSION };

export function configureApi(config: Partial<ApiConfig>): void {
  current = { ...current, ...config };
}

export function apiConfig(): ApiConfig {
  return current;
}
