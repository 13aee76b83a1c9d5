// In server mode every open page follows the server's changes (api/live-updates.ts) and invalidates the
// queries they affect: another tab's approval, a device that provisions, a rotated group key appear
// without a reload. Only active queries refetch; the others are marked stale.
import type { QueryClient } from '@tanstack/react-query';
import { followStoreChanges } from '../api/live-updates';
import { deviceOperationQueries, deviceQueries, enrollmentGroupQueries, settingsQueries, templateQueries } from '../api/queries';

export function startLiveUpdates(queryClient: QueryClient): () => void {
  const controller = new AbortController();
  void followStoreChanges((event) => {
    if (event.devices === 'all') {
      void queryClient.invalidateQueries({ queryKey: deviceQueries.all() });
    } else if (event.devices.length > 0) {
      void queryClient.invalidateQueries({ queryKey: deviceQueries.lists() });
      // A device's detail key is the prefix of its history, activity and credentials too.
      for (const id of event.devices) {
        void queryClient.invalidateQueries({ queryKey: deviceQueries.detail(id).queryKey });
      }
    }
    // Templates show how many devices use each.
    if (event.devices.length > 0 || event.meta.includes('templates')) {
      void queryClient.invalidateQueries({ queryKey: templateQueries.all() });
    }
    if (event.meta.includes('groups')) void queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() });
    if (event.meta.includes('settings')) void queryClient.invalidateQueries({ queryKey: settingsQueries.all() });
    if (event.meta.includes('operations')) {
      void queryClient.invalidateQueries({ queryKey: deviceOperationQueries.all() });
    }
  }, controller.signal);
  return () => controller.abort();
}
