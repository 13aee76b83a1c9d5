// What an attestation establishes: which enrollment admitted the device, how to check that a later
// request (the status poll) carries the same credentials, and what the registration result reports.
import type { DeviceRegistrationState } from '../../lib/dps-protocol';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import type { DpsRequest } from './http';

export type Mechanism = 'symmetricKey' | 'x509' | 'tpm';

export const MECHANISM_LABELS: Record<Mechanism, string> = {
  symmetricKey: 'SAS',
  x509: 'X.509',
  tpm: 'TPM',
};

export type Enrollment =
  { kind: 'individual' } | { kind: 'group'; groupId: string; groupName: string; isEnabled: boolean };

export interface Attested {
  mechanism: Mechanism;
  enrollment: Enrollment;
  /** Throws a DpsError when a follow-up request (GET …/operations/{id}) lacks the same credentials. */
  verifyFollowUp: (request: DpsRequest, url: URL) => Promise<void>;
  /** The mechanism's part of the registration result (symmetricKey / x509 / tpm). */
  result: () => Promise<Pick<DeviceRegistrationState, 'symmetricKey' | 'x509' | 'tpm'>>;
}

/** The device a registration ID names: registration IDs are case-insensitive, device IDs lower case. */
export function findDeviceForRegistration(store: Store, registrationId: string): DeviceRecord | undefined {
  return store.devices.get(registrationId) ?? store.devices.get(registrationId.toLowerCase());
}

/** "SAS, enrollment group SAS-IoT-Devices" / "X.509, individual enrollment": for history and messages. */
export function describeAttestation(attested: Pick<Attested, 'mechanism' | 'enrollment'>): string {
  const how = MECHANISM_LABELS[attested.mechanism];
  return attested.enrollment.kind === 'individual'
    ? `${how}, individual enrollment`
    : `${how}, enrollment group ${attested.enrollment.groupName}`;
}

export function individualLabel(record: DeviceRecord): string | undefined {
  return record.attestation ? MECHANISM_LABELS[record.attestation.type] : undefined;
}
