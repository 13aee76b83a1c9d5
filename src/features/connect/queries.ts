import { useQuery } from '@tanstack/react-query';
import { deviceQueries } from '../../api/queries';

/** ID scope and the credentials the device connects with (derived group keys, or its individual enrollment). */
export function useDeviceCredentials(id: string) {
  return useQuery(deviceQueries.credentials(id));
}

