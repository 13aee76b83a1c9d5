// One query-key factory per resource, returning TanStack Query options. They live beside the client,
// not in a feature, so that every feature reads and invalidates through the same keys.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchDevicePage, type DevicePage } from './device-pages';
import { getDevice, getDeviceActivity, getDeviceAttestation, getDeviceCredentials, getDeviceHistory, listDevices, type ListDevicesParams } from './devices';
import { listDeviceTemplates, getDeviceTemplate } from './device-templates';
import { getEnrollmentGroup, listEnrollmentGroups } from './enrollment-groups';
import { getConnectionSettings, getDemoControls, getDeviceEndpoints } from './settings';
import { hasExtension } from './capabilities';
import { listDeviceOperations } from './device-operations';

export const deviceQueries = {
  all: () => ['devices'] as const,
  lists: () => [...deviceQueries.all(), 'list'] as const,
  /**
   * Page `page` (0-based) of a list. IoT Central pages by cursor (nextLink): device-pages.ts keeps each
   * list's page -> cursor map, so a page reached before is one request. The pages walked through to
   * reach a page never reached are cached on the way.
   */
  page: (params: ListDevicesParams, page: number) =>
    queryOptions({
      queryKey: [...deviceQueries.lists(), params, page] as const,
      queryFn: ({ signal, client }): Promise<DevicePage> =>
        fetchDevicePage(client, params, page, signal, (walked, answer) =>
          client.setQueryData(deviceQueries.page(params, walked).queryKey, answer),
        ),
      placeholderData: keepPreviousData,
      staleTime: 5_000,
    }),
  /** How many devices match a `$filter` (one `$count` request); refreshed with the lists. */
  count: (filter: string | undefined) =>
    queryOptions({
      queryKey: [...deviceQueries.lists(), 'count', filter ?? null] as const,
      queryFn: async ({ signal }) => {
        // null: the backend cannot count (a real application has no `$count`), so nothing is asked.
        if (!hasExtension('count')) return null;
        const page = await listDevices({ filter, top: 1, count: true }, signal);
        return page['@odata.count'] ?? null;
      },
      staleTime: 5_000,
    }),
  details: () => [...deviceQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({ queryKey: [...deviceQueries.details(), id] as const, queryFn: ({ signal }) => getDevice(id, signal) }),
  history: (id: string) =>
    queryOptions({
      queryKey: [...deviceQueries.details(), id, 'history'] as const,
      queryFn: ({ signal }) => getDeviceHistory(id, signal).then((r) => r.value),
    }),
  activity: (id: string) =>
    queryOptions({
      queryKey: [...deviceQueries.details(), id, 'activity'] as const,
      queryFn: ({ signal }) => getDeviceActivity(id, signal),
    }),
  credentials: (id: string) =>
    queryOptions({
      queryKey: [...deviceQueries.details(), id, 'credentials'] as const,
      queryFn: ({ signal }) => getDeviceCredentials(id, signal),
    }),
  attestation: (id: string) =>
    queryOptions({
      queryKey: [...deviceQueries.details(), id, 'attestation'] as const,
      queryFn: async ({ signal }) => {
        // The demo says whether there is one (extensions.attestationType): no 404 to ask for nothing.
        const device = await getDevice(id, signal);
        if (device.extensions && !device.extensions.attestationType) return null;
        return getDeviceAttestation(id, signal).catch(notFoundAsNull);
      },
    }),
};

export const templateQueries = {
  all: () => ['deviceTemplates'] as const,
  list: () =>
    queryOptions({ queryKey: [...templateQueries.all(), 'list'] as const, queryFn: ({ signal }) => listDeviceTemplates(signal), staleTime: 60_000 }),
  detail: (id: string) =>
    queryOptions({ queryKey: [...templateQueries.all(), 'detail', id] as const, queryFn: ({ signal }) => getDeviceTemplate(id, signal) }),
};

export const enrollmentGroupQueries = {
  all: () => ['enrollmentGroups'] as const,
  list: () =>
    queryOptions({ queryKey: [...enrollmentGroupQueries.all(), 'list'] as const, queryFn: ({ signal }) => listEnrollmentGroups(signal) }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...enrollmentGroupQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getEnrollmentGroup(id, signal),
    }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  connection: () =>
    queryOptions({ queryKey: [...settingsQueries.all(), 'connection'] as const, queryFn: ({ signal }) => getConnectionSettings(signal) }),
  /** The console server's device endpoints; they change only with its flags. */
  endpoints: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'endpoints'] as const,
      queryFn: ({ signal }) => getDeviceEndpoints(signal),
      staleTime: Infinity,
    }),
};

/** The imports' and exports' reports (Device operations). */
export const deviceOperationQueries = {
  all: () => ['deviceOperations'] as const,
  list: () =>
    queryOptions({
      queryKey: deviceOperationQueries.all(),
      queryFn: ({ signal }) => listDeviceOperations(signal),
      enabled: hasExtension('deviceImports'),
    }),
};

/** The demo's injected latency and faults (Demo settings). */
export const demoQueries = {
  all: () => ['demoControls'] as const,
  controls: () => queryOptions({ queryKey: demoQueries.all(), queryFn: ({ signal }) => getDemoControls(signal) }),
};

function notFoundAsNull(error: unknown): null {
  if (error && typeof error === 'object' && 'status' in error && error.status === 404) return null;
  throw error;
}
