// One hook per action on Administration > Device connection. Each invalidates through the query-key
// factories and returns that promise, so the page waits for fresh data.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createEnrollmentGroup,
  deleteEnrollmentGroup,
  updateEnrollmentGroup,
} from '../../api/enrollment-groups';
import type { ConnectionSettings } from '../../api/extensions';
import { enrollmentGroupQueries, settingsQueries } from '../../api/queries';
import { updateConnectionSettings } from '../../api/settings';
import type { EnrollmentGroup } from '../../api/types';
import { generateSymmetricKey } from '../../lib/sas-keys';

/** Errors these dialogs show themselves, instead of the global notification. */
const HANDLED_LOCALLY = { isErrorHandledLocally: true };

export function useUpdateAutoApprove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (autoApprove: boolean) => updateConnectionSettings({ autoApprove }),
    onSuccess: (settings: ConnectionSettings) => {
      queryClient.setQueryData(settingsQueries.connection().queryKey, settings);
      return queryClient.invalidateQueries({ queryKey: settingsQueries.all() });
    },
  });
}

export function useCreateEnrollmentGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({ id, group }: { id: string; group: EnrollmentGroup }) => createEnrollmentGroup(id, group),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}

export type EnrollmentGroupChanges = Partial<Pick<EnrollmentGroup, 'displayName' | 'type' | 'enabled'>>;

export function useUpdateEnrollmentGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({ group, changes }: { group: EnrollmentGroup; changes: EnrollmentGroupChanges }) =>
      updateEnrollmentGroup(group.id ?? '', { ...changes, etag: group.etag }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}

export function useDeleteEnrollmentGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: (id: string) => deleteEnrollmentGroup(id),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: enrollmentGroupQueries.detail(id).queryKey });
      return queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() });
    },
  });
}

export type KeyName = 'primaryKey' | 'secondaryKey';

/** Regenerate one SAS key of a group: a new random 64-byte key; every device key derived from it changes. */
export function useRegenerateGroupKey() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({ group, key }: { group: EnrollmentGroup; key: KeyName }) => {
      const current = group.attestation.type === 'symmetricKey' ? group.attestation.symmetricKey : undefined;
      if (!current) throw new Error('This group has no symmetric keys.');
      return updateEnrollmentGroup(group.id ?? '', {
        attestation: { type: 'symmetricKey', symmetricKey: { ...current, [key]: generateSymmetricKey() } },
        etag: group.etag,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}
