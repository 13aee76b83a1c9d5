import { useQueries, useQuery } from '@tanstack/react-query';
import { deviceQueries, templateQueries } from '../../api/queries';
import { quote } from '../../lib/odata-text';

export function useDeviceTemplate(id: string) {
  return useQuery(templateQueries.detail(id));
}

/** The `$filter` for the devices that use a template (undefined: the Unassociated ones). */
export function templateFilter(templateId: string | undefined): string {
  return templateId === undefined ? 'template eq null' : `template eq ${quote(templateId)}`;
}

export function useTemplateDeviceCount(templateId: string | undefined) {
  return useQuery(deviceQueries.count(templateFilter(templateId)));
}

/** How many devices use each template, by template ID (undefined while loading or unknown). */
export function useTemplateDeviceCounts(templateIds: string[]): Map<string, number | null | undefined> {
  return useQueries({
    queries: templateIds.map((id) => deviceQueries.count(templateFilter(id))),
    combine: (results) => new Map(templateIds.map((id, i) => [id, results[i]?.data])),
  });
}
