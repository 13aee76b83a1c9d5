import { useQuery } from '@tanstack/react-query';
import { deviceQueries, enrollmentGroupQueries, settingsQueries, templateQueries } from '../../api/queries';

export function useConnectionSettings() {
  return useQuery(settingsQueries.connection());
}

export function useEnrollmentGroups() {
  return useQuery(enrollmentGroupQueries.list());
}

export function useDeviceTemplates() {
  return useQuery(templateQueries.list());
}

/** The device as IoT Central sees it, once a registration names it. */
export function useRegisteredDevice(id: string | undefined) {
  return useQuery({ ...deviceQueries.detail(id ?? ''), enabled: Boolean(id) });
}

/** The device's individual enrollment (null when none, or when the device does not exist). */
export function useDeviceEnrollment(id: string | undefined) {
  return useQuery({ ...deviceQueries.attestation(id ?? ''), enabled: Boolean(id) });
}
