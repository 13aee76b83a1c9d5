// TPM attestation, the DPS challenge-response over HTTP. IoT Central enrolls TPM devices individually
// (the device's endorsement key). The first PUT carries the EK and SRK and no Authorization: DPS
// answers 401 with an activation blob (tpm-activation.ts) that installs a fresh HMAC identity key,
// usable only by the TPM holding the EK's and SRK's private keys. The second PUT carries a SAS token
// signed with that key.
import { base64ToBytes, bytesToBase64 } from '../../lib/base64';
import { DPS_SAS_KEY_NAME, verifyRegistrationSasToken } from '../../lib/sas-token';
import { makeActivationBlob } from '../../lib/tpm-activation';
import { ActivationError } from '../../lib/tpm-activation-crypto';
import { decodeEndorsementKey, registrationIdFromEndorsementKey } from '../../lib/tpm';
import type { Store } from '../store/store';
import { findDeviceForRegistration, individualLabel, type Attested } from './attestation';
import { dpsBadRequest, dpsUnauthorized, type DpsAnswer } from './http';

const CHALLENGE_LIFETIME_MS = 10 * 60_000;

interface Challenge {
  identityKey: string;
  endorsementKey: string;
  expiresAt: number;
}

/** Outstanding challenges, by ID scope and registration ID. */
export class TpmChallenges {
  private readonly challenges = new Map<string, Challenge>();
  set(key: string, challenge: Challenge): void {
    if (this.challenges.size > 2000) {
      const now = Date.now();
      for (const [k, c] of this.challenges) if (c.expiresAt < now) this.challenges.delete(k);
    }
    this.challenges.set(key, challenge);
  }
  take(key: string): Challenge | undefined {
    const challenge = this.challenges.get(key);
    this.challenges.delete(key);
    return challenge && challenge.expiresAt >= Date.now() ? challenge : undefined;
  }
}

export interface TpmAttestationInput {
  idScope: string;
  registrationId: string;
  tpm: unknown;
  authorization: string | null;
  /** Unix seconds. */
  now: number;
  challenges: TpmChallenges;
}

function sameKey(a: string, b: string): boolean {
  const left = decodeEndorsementKey(a);
  const right = decodeEndorsementKey(b);
  return left.ok && right.ok && bytesToBase64(left.ek.bytes) === bytesToBase64(right.ek.bytes);
}

/** The 401 challenge, or the attested device once it answered the challenge. */
export async function attestTpm(store: Store, input: TpmAttestationInput): Promise<Attested | DpsAnswer> {
  const { idScope, registrationId, authorization, now, challenges } = input;
  const tpm = input.tpm as { endorsementKey?: unknown; storageRootKey?: unknown } | null;
  if (!tpm || typeof tpm !== 'object' || typeof tpm.endorsementKey !== 'string') {
    throw dpsBadRequest('"tpm.endorsementKey" must be the EK as base64 of its TPM2B_PUBLIC.');
  }
  const endorsementKey = tpm.endorsementKey.replace(/\s+/g, '');
  const decoded = decodeEndorsementKey(endorsementKey);
  if (!decoded.ok) throw dpsBadRequest(decoded.error);

  const device = findDeviceForRegistration(store, registrationId);
  if (!device || device.attestation?.type !== 'tpm') {
    const fromEk = await registrationIdFromEndorsementKey(decoded.ek.bytes);
    throw dpsUnauthorized(
      device?.attestation
        ? `Device "${device.id}" has an individual ${individualLabel(device)} enrollment, so it must register with its ${individualLabel(device)} credentials, not a TPM.`
        : `No individual TPM enrollment for registration ID "${registrationId}". IoT Central enrolls TPM devices one by one: create device "${fromEk}" (the ID derived from this EK) and add this endorsement key in its Connect dialog.`,
    );
  }
  if (!sameKey(device.attestation.tpm.endorsementKey, endorsementKey)) {
    throw dpsUnauthorized(`The endorsement key does not match the one enrolled for device "${device.id}".`);
  }
  const key = `${idScope.toLowerCase()}/${registrationId.toLowerCase()}`;

  if (!authorization) {
    if (typeof tpm.storageRootKey !== 'string' || tpm.storageRootKey.trim() === '') {
      throw dpsBadRequest(
        '"tpm.storageRootKey" is required: DPS wraps the identity key to the SRK (base64 TPM2B_PUBLIC).',
      );
    }
    const identityKey = crypto.getRandomValues(new Uint8Array(32));
    let authenticationKey: string;
    try {
      authenticationKey = await makeActivationBlob({
        endorsementKey,
        storageRootKey: tpm.storageRootKey.replace(/\s+/g, ''),
        identityKey,
        uriData: `${idScope}/registrations/${registrationId}`,
      });
    } catch (error) {
      if (error instanceof ActivationError) throw dpsBadRequest(error.message);
      throw error;
    }
    challenges.set(key, {
      identityKey: bytesToBase64(identityKey),
      endorsementKey,
      expiresAt: Date.now() + CHALLENGE_LIFETIME_MS,
    });
    return { status: 401, headers: {}, body: { authenticationKey, keyName: DPS_SAS_KEY_NAME } };
  }

  const challenge = challenges.take(key);
  if (!challenge || !sameKey(challenge.endorsementKey, endorsementKey)) {
    throw dpsUnauthorized(
      'There is no outstanding TPM challenge for this registration (or it expired). Send the registration without Authorization first, then sign the SAS token with the identity key from the authenticationKey it returns.',
    );
  }
  const verify = (header: string, at: number) =>
    verifyRegistrationSasToken(header, { idScope, registrationId, keys: [challenge.identityKey], now: at });
  const result = await verify(authorization, now);
  if (!result.ok) {
    throw dpsUnauthorized(
      result.code === 'bad-signature'
        ? 'The SAS token is not signed with the identity key from the TPM challenge: the TPM did not activate the authenticationKey, or another TPM answered.'
        : result.message,
    );
  }
  return {
    mechanism: 'tpm',
    enrollment: { kind: 'individual' },
    verifyFollowUp: async (request) => {
      const followUp = await verify(
        request.headers.get('Authorization') ?? '',
        Math.floor(store.now().getTime() / 1000),
      );
      if (!followUp.ok)
        throw dpsUnauthorized(`The status request must carry the TPM's SAS token. ${followUp.message}`);
    },
    // Like DPS, the result carries the key for the IoT hub as another activation blob.
    result: async () => {
      const storageRootKey =
        typeof tpm.storageRootKey === 'string' ? tpm.storageRootKey.replace(/\s+/g, '') : '';
      if (!storageRootKey) return {};
      const authenticationKey = await makeActivationBlob({
        endorsementKey,
        storageRootKey,
        identityKey: base64ToBytes(challenge.identityKey),
        uriData: `${idScope}/registrations/${registrationId}`,
      }).catch(() => undefined);
      return authenticationKey ? { tpm: { authenticationKey } } : {};
    },
  };
}
