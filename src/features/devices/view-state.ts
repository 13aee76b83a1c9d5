// The Devices grid's view (page, page size, sort, status, template, search) lives in the URL,
// so a view can be shared as a link and survives a reload.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { hasExtension } from '../../api/capabilities';
import type { ListDevicesParams } from '../../api/devices';
import { isDeviceSortField, type DeviceSortField } from '../../lib/device-fields';
import {
  DEVICE_STATUSES,
  PUBLIC_API_STATUSES,
  publicApiStatusFilter,
  statusFilter,
  type DeviceStatus,
} from '../../lib/device-status';
import { and, quote } from '../../lib/odata-text';
import { UNASSOCIATED } from '../../lib/routes';

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * The statuses the backend can filter on: every status with the demo's extensions; against a real
 * application only what `enabled` and `provisioned` can say (Blocked and Waiting are one "Disabled").
 */
export function filterableStatuses(): readonly DeviceStatus[] {
  return hasExtension('deviceStatus') ? DEVICE_STATUSES : PUBLIC_API_STATUSES;
}

/** Whether the backend can sort by ID and search in IDs (a real application: display names only). */
export const canUseIds = () => hasExtension('idSearch');

export interface DevicesView {
  /** 0-based. */
  page: number;
  pageSize: number;
  sort: { field: DeviceSortField; descending: boolean } | undefined;
  status: DeviceStatus | undefined;
  /** A template id, UNASSOCIATED, or undefined for all. */
  template: string | undefined;
  search: string;
}

function parseView(params: URLSearchParams): DevicesView {
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '1', 10) - 1 || 0);
  const size = Number(params.get('size'));
  const sortText = params.get('sort') ?? '';
  const sortField = sortText.replace(/^-/, '');
  const status = params.get('status') as DeviceStatus | null;
  return {
    page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    sort:
      isDeviceSortField(sortField) && (sortField !== 'id' || canUseIds())
        ? { field: sortField, descending: sortText.startsWith('-') }
        : undefined,
    status: status && filterableStatuses().includes(status) ? status : undefined,
    template: params.get('template') ?? undefined,
    search: params.get('q') ?? '',
  };
}

export function useDevicesView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const setView = useCallback(
    (change: Partial<DevicesView>, options: { replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = { ...parseView(current), ...change };
          // A new filter, sort or page size starts again from the first page.
          if (!('page' in change)) next.page = 0;
          const out = new URLSearchParams();
          if (next.page > 0) out.set('page', String(next.page + 1));
          if (next.pageSize !== PAGE_SIZES[0]) out.set('size', String(next.pageSize));
          if (next.sort) out.set('sort', `${next.sort.descending ? '-' : ''}${next.sort.field}`);
          if (next.status) out.set('status', next.status);
          if (next.template) out.set('template', next.template);
          if (next.search) out.set('q', next.search);
          return out;
        },
        // A new entry per view, so Back returns to the previous page, sort or filter. The router renders it
        // at once, not as a transition (main.tsx).
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  return [view, setView] as const;
}

/** The `$filter` for a view's status, template and search, without paging. */
export function viewFilter(view: Pick<DevicesView, 'status' | 'template' | 'search'>): string | undefined {
  const search = view.search.trim();
  return and(
    view.status ? (hasExtension('deviceStatus') ? statusFilter(view.status) : publicApiStatusFilter(view.status)) : undefined,
    view.template === UNASSOCIATED ? 'template eq null' : view.template ? `template eq ${quote(view.template)}` : undefined,
    search
      ? canUseIds()
        ? `contains(displayName, ${quote(search)}) or contains(id, ${quote(search)})`
        : `contains(displayName, ${quote(search)})`
      : undefined,
  );
}

export function viewListParams(view: DevicesView): ListDevicesParams {
  return {
    filter: viewFilter(view),
    orderby: view.sort ? `${view.sort.field}${view.sort.descending ? ' desc' : ''}` : undefined,
    top: view.pageSize,
  };
}
