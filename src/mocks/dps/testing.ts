// Helpers for the demo DPS tests: raw requests to the absolute DPS URL (MSW node answers them) and
// a registration through the device client. Tests only.
import { registerDevice, type DpsCredential, type RegisterDeviceOptions } from '../../lib/dps-client';
import { DPS_GLOBAL_ENDPOINT, registerPath } from '../../lib/dps-protocol';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';

export const API_VERSION = '2019-03-31';

export function registerUrl(
  registrationId: string,
  idScope = store.settings.idScope,
  apiVersion: string | null = API_VERSION,
): string {
  const query = apiVersion === null ? '' : `?api-version=${apiVersion}`;
  return `${DPS_GLOBAL_ENDPOINT}${registerPath(idScope, registrationId)}${query}`;
}

/** A raw PUT …/register, as an SDK sends it. */
export function putRegistration(
  registrationId: string,
  headers: Record<string, string>,
  body: Record<string, unknown> = { registrationId },
  url = registerUrl(registrationId),
): Promise<Response> {
  return fetch(url, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  });
}

/** The app's SAS group primary key. */
export function groupPrimaryKey(groupId = DEFAULT_SAS_GROUP_ID): string {
  const group = store.groups.get(groupId);
  if (group?.attestation.type !== 'symmetricKey') throw new Error(`${groupId} is not a SAS group`);
  return group.attestation.primaryKey;
}

/** Registers through the device client with no waiting (the tests set the assignment delay to 0). */
export function register(
  registrationId: string,
  credential: DpsCredential,
  options: Partial<RegisterDeviceOptions> = {},
) {
  return registerDevice({
    idScope: store.settings.idScope,
    registrationId,
    credential,
    sleep: async () => undefined,
    ...options,
  });
}
