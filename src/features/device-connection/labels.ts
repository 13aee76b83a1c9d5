import type { EnrollmentGroup, GroupAttestation } from '../../api/types';

export const ATTESTATION_LABELS: Record<GroupAttestation['type'], string> = {
  symmetricKey: 'Shared access signature (SAS)',
  x509: 'Certificates (X.509)',
};

export const DEVICE_TYPE_LABELS: Record<EnrollmentGroup['type'], string> = {
  iot: 'IoT devices',
  iotEdge: 'IoT Edge devices',
};

export const KEY_LABELS = { primaryKey: 'Primary key', secondaryKey: 'Secondary key' } as const;
