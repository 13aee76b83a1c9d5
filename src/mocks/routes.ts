// Who may call what: every route of the demo backend's API (method + path template under /api) with the
// least role it needs, in one table. The handler wrapper (http.ts) checks it in every host, and the console
// server also answers 404 for a path that no route names, before any handler runs.
//
// Paths are matched segment by segment on the raw path: a trailing or doubled slash leaves an empty
// segment, which no route has, and an encoded slash stays inside its segment (a device ID "a/b" is one
// segment), so neither can reach another route.
import type { Role } from '../api/extensions';

// http.ts takes the type from here.
export type { Role };

export interface ApiRoute {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  /** Under /api; `{name}` is one path segment. */
  path: string;
  /** The least role: an Operator's routes are an Administrator's too. */
  role: Role;
}

const route = (method: ApiRoute['method'], path: string, role: Role): ApiRoute => ({ method, path, role });

export const API_ROUTES: readonly ApiRoute[] = [
  route('GET', '/devices', 'operator'),
  route('GET', '/devices/{deviceId}', 'operator'),
  route('PUT', '/devices/{deviceId}', 'operator'),
  route('PATCH', '/devices/{deviceId}', 'operator'),
  route('DELETE', '/devices/{deviceId}', 'operator'),
  route('GET', '/devices/{deviceId}/credentials', 'operator'),
  route('GET', '/devices/{deviceId}/attestation', 'operator'),
  route('PUT', '/devices/{deviceId}/attestation', 'operator'),
  route('PATCH', '/devices/{deviceId}/attestation', 'operator'),
  route('DELETE', '/devices/{deviceId}/attestation', 'operator'),
  route('GET', '/deviceTemplates', 'operator'),
  route('GET', '/deviceTemplates/{templateId}', 'operator'),
  route('PUT', '/deviceTemplates/{templateId}', 'operator'),
  // IoT Central's Operator role may not manage device connection: groups, certificates, Auto approve.
  route('GET', '/enrollmentGroups', 'administrator'),
  route('GET', '/enrollmentGroups/{groupId}', 'administrator'),
  route('PUT', '/enrollmentGroups/{groupId}', 'administrator'),
  route('PATCH', '/enrollmentGroups/{groupId}', 'administrator'),
  route('DELETE', '/enrollmentGroups/{groupId}', 'administrator'),
  route('GET', '/enrollmentGroups/{groupId}/certificates/{entry}', 'administrator'),
  route('PUT', '/enrollmentGroups/{groupId}/certificates/{entry}', 'administrator'),
  route('DELETE', '/enrollmentGroups/{groupId}/certificates/{entry}', 'administrator'),
  route('POST', '/enrollmentGroups/{groupId}/certificates/{entry}/generateVerificationCode', 'administrator'),
  route('POST', '/enrollmentGroups/{groupId}/certificates/{entry}/verify', 'administrator'),
  route('GET', '/extensions/capabilities', 'operator'),
  route('GET', '/extensions/settings', 'operator'),
  route('PATCH', '/extensions/settings', 'administrator'),
  route('GET', '/extensions/demo', 'operator'),
  route('PATCH', '/extensions/demo', 'operator'),
  route('POST', '/extensions/reset', 'administrator'),
  route('POST', '/extensions/deviceImports', 'operator'),
  route('POST', '/extensions/deviceExports', 'operator'),
  route('GET', '/extensions/deviceOperations', 'operator'),
  route('PUT', '/extensions/deviceOperations/{operationId}', 'operator'),
  route('PATCH', '/extensions/deviceOperations/{operationId}', 'operator'),
  route('GET', '/extensions/devices/{deviceId}/history', 'operator'),
  route('GET', '/extensions/devices/{deviceId}/activity', 'operator'),
  route('GET', '/extensions/endpoints', 'operator'),
  route('POST', '/extensions/dpsRelay', 'operator'),
  route('GET', '/extensions/events', 'operator'),
];

export type RouteMatch =
  | { kind: 'found'; route: ApiRoute }
  /** The path is a route's, the method is not. */
  | { kind: 'method'; allowed: ApiRoute['method'][] }
  | { kind: 'none' }
  /** A segment is not valid percent-encoding (`%ZZ`). */
  | { kind: 'malformed' };

/** A table of routes, split into segments once, for `matchRouteIn`. */
export interface RouteTable {
  templates: { route: ApiRoute; parts: string[] }[];
}

export function routeTable(routes: readonly ApiRoute[]): RouteTable {
  return { templates: routes.map((route) => ({ route, parts: route.path.split('/').slice(1) })) };
}

/** A parameter is never empty (a trailing or doubled slash) and never `.` or `..`. */
function segmentsMatch(template: string[], segments: string[]): boolean {
  return (
    template.length === segments.length &&
    template.every((part, i) => {
      const segment = segments[i] as string;
      return part.startsWith('{') ? segment !== '' && segment !== '.' && segment !== '..' : part === segment;
    })
  );
}

/**
 * The route of `table` for a request to `pathname` (raw, as on the wire, starting with /api/), matched
 * segment by segment: an encoded slash stays inside its segment. The console server and the gateway match so.
 */
export function matchRouteIn(table: RouteTable, method: string, pathname: string): RouteMatch {
  if (!pathname.startsWith('/api/')) return { kind: 'none' };
  const segments: string[] = [];
  for (const raw of pathname.slice('/api/'.length).split('/')) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return { kind: 'malformed' };
    }
  }
  // Literal segments compare decoded, so `%64evices` is `devices`; a decoded "/" is never a separator.
  const candidates = table.templates.filter((t) => segmentsMatch(t.parts, segments));
  const found = candidates.find((t) => t.route.method === method.toUpperCase());
  if (found) return { kind: 'found', route: found.route };
  if (candidates.length > 0) return { kind: 'method', allowed: candidates.map((t) => t.route.method) };
  return { kind: 'none' };
}

const apiTable = routeTable(API_ROUTES);

/** The route for a request to `pathname` (raw, as on the wire, starting with /api/). */
export function matchRoute(method: string, pathname: string): RouteMatch {
  return matchRouteIn(apiTable, method, pathname);
}

/** Whether `role` may use `route`. */
export function isAllowed(route: ApiRoute, role: Role): boolean {
  return route.role === 'operator' || role === 'administrator';
}
