import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { hasExtension } from '../../api/capabilities';
import type { ListDevicesParams } from '../../api/devices';
import { useDeviceTemplates } from '../../api/query-hooks';
import { deviceQueries } from '../../api/queries';

const PREFETCH_DELAY_MS = 200;

/** `isEnabled: false` holds the page back (say, until an out-of-range page from the URL is clamped). */
export function useDevicePage(params: ListDevicesParams, page: number, isEnabled = true) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...deviceQueries.page(params, page), enabled: isEnabled });
  const { filter, orderby, top, count } = params;
  const hasNext = Boolean(query.data?.nextLink) && !query.isPlaceholderData;
  useEffect(() => {
    if (!hasNext) return;
    // The next page is one click away: fetch it once this one is drawn, so that Next shows it at once.
    const timer = setTimeout(
      () => void queryClient.prefetchQuery(deviceQueries.page({ filter, orderby, top, count }, page + 1)),
      PREFETCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [queryClient, hasNext, filter, orderby, top, count, page]);
  return query;
}

/** How many devices match a filter: asked only when needed (`isEnabled`), e.g. for a page past the first. */
export function useDeviceCount(filter: string | undefined, isEnabled: boolean) {
  return useQuery({ ...deviceQueries.count(filter), enabled: isEnabled });
}

/** Asked only where the backend keeps it (the demo's extension). */
export function useDeviceHistory(id: string) {
  return useQuery({ ...deviceQueries.history(id), enabled: hasExtension('history') });
}

/** Template display names by id, for the grid and the device page. */
export function useTemplateNames(): Map<string, string> {
  const { data } = useDeviceTemplates();
  return useMemo(() => new Map((data ?? []).map((t) => [t['@id'] ?? '', t.displayName ?? t['@id'] ?? ''])), [data]);
}

/** The device's IoT hub connection and last message (console server only; `isEnabled` says there is a hub). */
export function useDeviceActivity(id: string, isEnabled: boolean) {
  return useQuery({ ...deviceQueries.activity(id), enabled: isEnabled });
}
