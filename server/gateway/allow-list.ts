// What the gateway forwards: the public API operations the console uses, and nothing else. Each is a
// route of the console's route table (src/mocks/routes.ts, which also names its least role) that the
// official spec (src/api/spec/iotcentral.json, 2022-07-31) has with the same method and path shape; the
// demo's extensions are not forwarded (a real application has none). Anything else is refused before it
// reaches the application, so the application's token cannot be used for API tokens, users, roles, jobs ...
import spec from '../../src/api/spec/iotcentral.json';
import { API_ROUTES, type ApiRoute } from '../../src/mocks/routes';

type Method = ApiRoute['method'];

/** `/devices/{deviceId}/attestation` → `/devices/{}/attestation`: parameter names differ between the two. */
const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

const specOperations = new Set(
  Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ['get', 'put', 'patch', 'post', 'delete'].includes(key))
      .map((method) => `${method.toUpperCase()} ${shapeOf(path)}`),
  ),
);

/** The console's routes that are public API operations (not `/extensions/...`). */
const publicRoutes = API_ROUTES.filter((route) => !route.path.startsWith('/extensions/'));

/** The allow-list: every public route the spec has. */
export const GATEWAY_ROUTES: readonly ApiRoute[] = publicRoutes.filter((route) =>
  specOperations.has(`${route.method} ${shapeOf(route.path)}`),
);

/** Public routes of the console that the spec does not have (none today; a test keeps it so). */
export const ROUTES_NOT_IN_SPEC: readonly ApiRoute[] = publicRoutes.filter(
  (route) => !GATEWAY_ROUTES.includes(route),
);

export type GatewayMatch =
  | { kind: 'found'; route: ApiRoute }
  | { kind: 'method'; allowed: Method[] }
  | { kind: 'none' }
  | { kind: 'malformed' };

const templates = GATEWAY_ROUTES.map((route) => ({ route, parts: route.path.split('/').slice(1) }));

/**
 * The allowed operation for a request to `pathname` (raw, as on the wire, under /api/), matched as the
 * console server matches: segment by segment, an encoded slash stays inside its segment, an empty
 * segment (a trailing or doubled slash) matches nothing, `.` and `..` are never a parameter.
 */
export function matchGatewayRoute(method: string, pathname: string): GatewayMatch {
  if (!pathname.startsWith('/api/')) return { kind: 'none' };
  const segments: string[] = [];
  for (const raw of pathname.slice('/api/'.length).split('/')) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return { kind: 'malformed' };
    }
  }
  const candidates = templates.filter(
    ({ parts }) =>
      parts.length === segments.length &&
      parts.every((part, i) => {
        const segment = segments[i] as string;
        return part.startsWith('{')
          ? segment !== '' && segment !== '.' && segment !== '..'
          : part === segment;
      }),
  );
  const found = candidates.find((t) => t.route.method === method.toUpperCase());
  if (found) return { kind: 'found', route: found.route };
  if (candidates.length > 0) return { kind: 'method', allowed: candidates.map((t) => t.route.method) };
  return { kind: 'none' };
}
