// Where the client sends requests. The page always talks to `/api` on its own origin:
// - in demo mode the MSW service worker (or the console server) answers there;
// - against a real application, the console server in real-application mode (server/gateway) signs the
//   operator in, forwards the console's operations and adds the API token, so the token never reaches
//   the browser. See the README.

import { DPS_GLOBAL_ENDPOINT } from '../lib/dps-protocol';

export interface ApiConfig {
  /** Absolute or origin-relative base, without a trailing slash, e.g. `/api`. */
  baseUrl: string;
  apiVersion: string;
  /** Value for the Authorization header, sent verbatim; undefined when a proxy adds it. */
  getAuthHeader?: () => string | undefined | Promise<string | undefined>;
  /** Where the Simulator's device registers (the console server serves DPS at /dps on its own origin). */
  dpsEndpoint: string;
}

export const API_VERSION = '2022-07-31';

let current: ApiConfig = { baseUrl: '/api', apiVersion: API_VERSION, dpsEndpoint: DPS_GLOBAL_ENDPOINT };

export function configureApi(config: Partial<ApiConfig>): void {
  current = { ...current, ...config };
}

export function apiConfig(): ApiConfig {
  return current;
}
