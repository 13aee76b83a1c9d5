import { useState } from 'react';
import { useEnrollmentGroups } from '../../../api/query-hooks';
import type { GroupKeyFieldsProps } from './group-key-fields';

/** What GroupKeyFields shows and changes, short of its error and disabled state. */
export type SasGroupKey = Omit<GroupKeyFieldsProps, 'error' | 'disabled'>;

/**
 * The wiring of GroupKeyFields that both Simulator panels share: the application's SAS enrollment groups
 * (or why they could not be read), the group chosen (the first until the operator picks one), and the group
 * key, which the panel keeps since it signs with it.
 */
export function useSasGroupKey(groupKey: string, onGroupKeyChange: (groupKey: string) => void): SasGroupKey {
  const { data: groups, error, isPending } = useEnrollmentGroups();
  const sasGroups = (groups ?? []).filter((g) => g.attestation.type === 'symmetricKey');
  const [chosenGroupId, setChosenGroupId] = useState('');
  return {
    groups: sasGroups,
    groupsError: error
      ? error.status === 403
        ? 'Reading the enrollment groups needs an administrator: your role cannot. Ask an administrator for the group key and paste it.'
        : `Could not read the enrollment groups (${error.message}). Paste the group key instead.`
      : undefined,
    isGroupsPending: isPending,
    groupId: chosenGroupId || sasGroups[0]?.id || '',
    groupKey,
    onChange: (change) => {
      if (change.groupId !== undefined) setChosenGroupId(change.groupId);
      if (change.groupKey !== undefined) onGroupKeyChange(change.groupKey);
    },
  };
}
