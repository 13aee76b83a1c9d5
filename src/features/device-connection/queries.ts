import { useQuery } from '@tanstack/react-query';
import { enrollmentGroupQueries } from '../../api/queries';

export function useEnrollmentGroup(id: string) {
  return useQuery(enrollmentGroupQueries.detail(id));
}
