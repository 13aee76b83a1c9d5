// What the gateway forwards: the public API operations the console uses, and nothing else. Each is a
// route of the console's route table (src/mocks/routes.ts, which also names its least role) that the
// official spec (src/api/spec/iotcentral.json, 2022-07-31) has with the same method and path shape; the
// demo's extensions are not forwarded (a real application has none). Anything else is refused before it
// reaches the application, so the application's token cannot be used for API tokens, users, roles, jobs ...
import spec from '../../src/api/spec/iotcentral.json';
import { API_ROUTES, matchRouteIn, routeTable, type ApiRoute, type RouteMatch } from '../../src/mocks/routes';

/** The OData options IoT Central documents for its lists, and the cursor of their nextLinks. */
export const ODATA_LIST_OPTIONS = ['$top', '$filter', '$orderby', '$skiptoken', '$maxpagesize'] as const;

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

export type GatewayMatch = RouteMatch;

const gatewayTable = routeTable(GATEWAY_ROUTES);

/** The allowed operation for a request to `pathname` (raw, under /api/), matched as the console server matches. */
export function matchGatewayRoute(method: string, pathname: string): GatewayMatch {
  return matchRouteIn(gatewayTable, method, pathname);
}
