// One row of IoT Central's export file (api/extensions.ts, DeviceExportRecord), made the same way by both
// backends that export: the demo backend (mocks/iotcentral/device-exports.ts) and the gateway
// (server/gateway/device-operations.ts). The device's own attestation says which credentials it has; a
// device without one (an enrollment group's) has the keys derived from its group.
import type { DeviceExportRecord } from '../api/extensions';
import type { Attestation } from '../api/types';
import { base64ToBytes, bytesToHex } from './base64';

export interface DeviceKeys {
  primaryKey: string;
  secondaryKey: string;
}

async function thumbprint(cert: { certificate?: string; info?: { sha1Thumbprint: string } } | undefined) {
  if (!cert) return undefined;
  if (cert.info?.sha1Thumbprint) return cert.info.sha1Thumbprint;
  if (!cert.certificate) return undefined;
  return bytesToHex(await crypto.subtle.digest('SHA-1', base64ToBytes(cert.certificate)), true);
}

/** The row for a device with `attestation` (undefined: none of its own, so `groupKeys` if its group has SAS keys). */
export async function exportRecordOf(
  device: { id: string; displayName: string },
  attestation: Attestation | undefined,
  groupKeys: DeviceKeys | undefined,
): Promise<DeviceExportRecord> {
  const row: DeviceExportRecord = { id: device.id, displayName: device.displayName };
  if (attestation === undefined) {
    if (groupKeys) row.symmetricKey = { primaryKey: groupKeys.primaryKey, secondaryKey: groupKeys.secondaryKey };
  } else if (attestation.type === 'symmetricKey') {
    row.symmetricKey = {
      primaryKey: attestation.symmetricKey.primaryKey,
      secondaryKey: attestation.symmetricKey.secondaryKey,
    };
  } else if (attestation.type === 'x509') {
    const certs = attestation.x509.clientCertificates;
    const primary = await thumbprint(certs?.primary);
    const secondary = await thumbprint(certs?.secondary);
    if (primary) row.x509Thumbprints = { primary, ...(secondary ? { secondary } : {}) };
  }
  return row;
}
