// GET /devices/{id}/credentials: what a device needs to connect. Without an individual enrollment
// the keys are derived from the app's SAS group, as IoT Central's Connect dialog shows them.
import { http, HttpResponse } from 'msw';
import type { DeviceCredentials } from '../../api/types';
import { deriveDeviceKey } from '../../lib/sas-keys';
import { handler } from '../http';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { findDevice } from './device-records';

/** The SAS group that derives the keys of devices without an individual enrollment. */
export function defaultSasGroup(store: Store) {
  const preferred = store.groups.get(DEFAULT_SAS_GROUP_ID);
  if (preferred?.attestation.type === 'symmetricKey') return preferred;
  return [...store.groups.values()].find((g) => g.attestation.type === 'symmetricKey');
}

export async function deviceCredentials(store: Store, record: DeviceRecord): Promise<DeviceCredentials> {
  const idScope = store.settings.idScope;
  const a = record.attestation;
  if (a?.type === 'symmetricKey') return { idScope, symmetricKey: a.symmetricKey };
  if (a?.type === 'tpm') return { idScope, tpm: a.tpm };
  if (a?.type === 'x509') {
    const certs = a.x509.clientCertificates;
    return {
      idScope,
      x509: certs
        ? {
            clientCertificates: {
              primary: { info: certs.primary.info },
              ...(certs.secondary ? { secondary: { info: certs.secondary.info } } : {}),
            },
          }
        : {},
    };
  }
  const group = defaultSasGroup(store);
  if (group?.attestation.type !== 'symmetricKey') return { idScope };
  const [primaryKey, secondaryKey] = await Promise.all([
    deriveDeviceKey(group.attestation.primaryKey, record.id),
    deriveDeviceKey(group.attestation.secondaryKey, record.id),
  ]);
  return { idScope, symmetricKey: { primaryKey, secondaryKey } };
}

export function credentialHandlers(store: Store) {
  return [
    http.get(
      '*/api/devices/:deviceId/credentials',
      handler(async ({ params }) => HttpResponse.json(await deviceCredentials(store, findDevice(store, params.deviceId as string)))),
    ),
  ];
}
