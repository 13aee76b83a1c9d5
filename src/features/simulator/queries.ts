import { useQuery } from '@tanstack/react-query';
import { deviceQueries } from '../../api/queries';

/** The device as IoT Central sees it, once a registration names it. */
export function useRegisteredDevice(id: string | undefined) {
  return useQuery({ ...deviceQueries.detail(id ?? ''), enabled: Boolean(id) });
}

/** The device's individual enrollment (null when none, or when the device does not exist). */
export function useDeviceEnrollment(id: string | undefined) {
  return useQuery({ ...deviceQueries.attestation(id ?? ''), enabled: Boolean(id) });
}
