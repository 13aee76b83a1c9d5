// Words and small pure helpers of the Connect dialog.
import type { AttestationType, EnrollmentGroup } from '../../api/types';

/** The app's default SAS group, as IoT Central names it. */
export const DEFAULT_SAS_GROUP_ID = 'SAS-IoT-Devices';

export const AUTHENTICATION_METHOD_LABELS: Record<AttestationType, string> = {
  symmetricKey: 'Shared access signature (SAS)',
  x509: 'Certificates (X.509)',
  tpm: 'Trusted Platform Module (TPM)',
};

/** The SAS group whose keys a device without an individual enrollment derives its keys from. */
export function sasEnrollmentGroup(groups: readonly EnrollmentGroup[]): EnrollmentGroup | undefined {
  const sas = groups.filter((g) => g.attestation.type === 'symmetricKey' && g.type === 'iot');
  return sas.find((g) => g.id === DEFAULT_SAS_GROUP_ID) ?? sas[0];
}

export interface ConnectionInfo {
  idScope: string;
  deviceId: string;
  primaryKey: string;
}

/**
 * What the QR code carries: the three values a SAS device needs to provision through DPS, as JSON
 * (global.azure-devices-provisioning.net is implied). It holds the primary key, so it is a secret.
 */
export function connectionQrValue({ idScope, deviceId, primaryKey }: ConnectionInfo): string {
  return JSON.stringify({ idScope, deviceId, primaryKey });
}

/**
 * DPS registration IDs are case-insensitive; a TPM device registers with the ID derived from its EK
 * unless it is told to use another. Returns the warning when that ID is not the device ID.
 */
export function registrationIdWarning(registrationId: string, deviceId: string): string | null {
  if (registrationId.toLowerCase() === deviceId.toLowerCase()) return null;
  return (
    `The registration ID derived from this endorsement key is not the device ID "${deviceId}". ` +
    `By the Azure IoT SDKs' convention (tpm_device_provision) a TPM device registers with the derived ID unless it is told otherwise: set its registration ID to "${deviceId}", ` +
    `or create the device with the derived ID.`
  );
}
