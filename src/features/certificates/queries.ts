import { useQuery } from '@tanstack/react-query';
import { enrollmentGroupQueries } from '../../api/queries';

export function useEnrollmentGroups() {
  return useQuery(enrollmentGroupQueries.list());
}
