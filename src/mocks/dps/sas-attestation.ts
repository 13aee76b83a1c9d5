// SAS attestation: the token in Authorization, checked with the exact DPS rules (sas-token.ts) against
// the device's individual enrollment keys when it has one, otherwise against every SAS enrollment
// group's keys derived for this registration ID (primary and secondary). A token that only a disabled
// group's key signs admits the device to that group, which then refuses it.
import { deriveDeviceKey } from '../../lib/sas-keys';
import { verifyRegistrationSasToken, type SasVerifyResult } from '../../lib/sas-token';
import type { Store } from '../store/store';
import type { EnrollmentGroupRecord } from '../store/types';
import { findDeviceForRegistration, individualLabel, type Attested, type Enrollment } from './attestation';
import { dpsUnauthorized } from './http';

export interface SasAttestationInput {
  idScope: string;
  registrationId: string;
  authorization: string;
  /** Unix seconds. */
  now: number;
}

interface Candidate {
  key: string;
  enrollment: Enrollment;
}

async function groupCandidates(
  groups: EnrollmentGroupRecord[],
  registrationId: string,
): Promise<Candidate[]> {
  const candidates = await Promise.all(
    groups.map(async (group): Promise<Candidate[]> => {
      if (group.attestation.type !== 'symmetricKey') return [];
      const enrollment: Enrollment = {
        kind: 'group',
        groupId: group.id,
        groupName: group.displayName,
        isEnabled: group.enabled,
      };
      const keys = await Promise.all(
        [group.attestation.primaryKey, group.attestation.secondaryKey].map((groupKey) =>
          deriveDeviceKey(groupKey, registrationId).catch(() => undefined),
        ),
      );
      return keys.filter((key): key is string => key !== undefined).map((key) => ({ key, enrollment }));
    }),
  );
  return candidates.flat();
}

function refuse(result: Exclude<SasVerifyResult, { ok: true }>, context: string): never {
  if (result.code === 'bad-signature') throw dpsUnauthorized(`${context} ${result.message}`);
  throw dpsUnauthorized(result.message);
}

export async function attestSas(store: Store, input: SasAttestationInput): Promise<Attested> {
  const { idScope, registrationId, authorization, now } = input;
  const verify = (keys: string[], at: number) =>
    verifyRegistrationSasToken(authorization, { idScope, registrationId, keys, now: at });
  const accept = (candidate: Candidate): Attested => ({
    mechanism: 'symmetricKey',
    enrollment: candidate.enrollment,
    verifyFollowUp: async (request) => {
      const result = await verifyRegistrationSasToken(request.headers.get('Authorization') ?? '', {
        idScope,
        registrationId,
        keys: [candidate.key],
        now: Math.floor(store.now().getTime() / 1000),
      });
      if (!result.ok)
        refuse(result, 'The status request must carry a valid SAS token for this registration.');
    },
    result: async () => ({
      symmetricKey:
        candidate.enrollment.kind === 'group' ? { enrollmentGroupId: candidate.enrollment.groupId } : {},
    }),
  });

  const device = findDeviceForRegistration(store, registrationId);
  const individual = device?.attestation;
  if (device && individual) {
    if (individual.type !== 'symmetricKey') {
      throw dpsUnauthorized(
        `Device "${device.id}" has an individual ${individualLabel(device)} enrollment, so it must register with its ${individualLabel(device)} credentials, not a SAS token.`,
      );
    }
    const keys = [individual.symmetricKey.primaryKey, individual.symmetricKey.secondaryKey];
    const result = await verify(keys, now);
    if (!result.ok)
      refuse(
        result,
        `The token does not match the individual enrollment of device "${device.id}" (its own primary or secondary key).`,
      );
    return accept({ key: keys[result.keyIndex] ?? '', enrollment: { kind: 'individual' } });
  }

  const groups = [...store.groups.values()].filter((g) => g.attestation.type === 'symmetricKey');
  if (groups.length === 0) {
    throw dpsUnauthorized(
      'This application has no SAS enrollment group, so a device without an individual enrollment cannot use a SAS token.',
    );
  }
  const enabled = await groupCandidates(
    groups.filter((g) => g.enabled),
    registrationId,
  );
  const result = await verify(
    enabled.map((c) => c.key),
    now,
  );
  if (result.ok) return accept(enabled[result.keyIndex] as Candidate);
  if (result.code === 'bad-signature') {
    const disabled = await groupCandidates(
      groups.filter((g) => !g.enabled),
      registrationId,
    );
    const fromDisabled =
      disabled.length > 0
        ? await verify(
            disabled.map((c) => c.key),
            now,
          )
        : undefined;
    if (fromDisabled?.ok) return accept(disabled[fromDisabled.keyIndex] as Candidate);
  }
  refuse(
    result,
    `The token does not match the key that any enabled SAS enrollment group derives for registration ID "${registrationId}".`,
  );
}
