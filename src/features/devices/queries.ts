import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ListDevicesParams } from '../../api/devices';
import { deviceQueries, templateQueries } from '../../api/queries';

export function useDevicePage(params: ListDevicesParams, page: number) {
  return useQuery(deviceQueries.page(params, page));
}

export function useDevice(id: string) {
  return useQuery(deviceQueries.detail(id));
}

export function useDeviceHistory(id: string) {
  return useQuery(deviceQueries.history(id));
}

export function useDeviceTemplates() {
  return useQuery(templateQueries.list());
}

/** Template display names by id, for the grid and the device page. */
export function useTemplateNames(): Map<string, string> {
  const { data } = useDeviceTemplates();
  return useMemo(() => new Map((data ?? []).map((t) => [t['@id'] ?? '', t.displayName ?? t['@id'] ?? ''])), [data]);
}
