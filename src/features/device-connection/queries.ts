import { useQuery } from '@tanstack/react-query';
import { enrollmentGroupQueries, settingsQueries } from '../../api/queries';

export function useConnectionSettings() {
  return useQuery(settingsQueries.connection());
}

export function useEnrollmentGroups() {
  return useQuery(enrollmentGroupQueries.list());
}

export function useEnrollmentGroup(id: string) {
  return useQuery(enrollmentGroupQueries.detail(id));
}
