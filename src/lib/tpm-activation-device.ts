// The device side of DPS's TPM activation blob (tpm-activation.ts has its layout and the service
// side): what a TPM, here the virtual TPM, does with it - TPM2_ActivateCredential with the EK, then
// TPM2_Import of the HMAC identity key under the SRK.

import { base64ToBytes, bytesToBase64 } from './base64';
import { TPM_ALG } from './tpm';
import {
  activationReader,
  ActivationError,
  aesCfbDecrypt,
  decodeKey,
  DIGEST_BYTES,
  hmacSha256,
  kdfa,
  oaepDecrypt,
  objectName,
  publicArea,
  sha256,
} from './tpm-activation-crypto';
import { concatBytes } from './bytes';
import { equalBytes } from './tpm-bytes';

export interface ActivationBlobParts {
  credentialBlob: Uint8Array;
  secret: Uint8Array;
  duplicate: Uint8Array;
  encWrapKey: Uint8Array;
  idKeyPublic: Uint8Array;
  encUriData: Uint8Array;
}

/** Splits an activation blob into its six parts; throws an ActivationError when it is malformed. */
export function parseActivationBlob(base64: string): ActivationBlobParts {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    throw new ActivationError('The authenticationKey is not base64.');
  }
  const reader = activationReader(bytes, 'activation blob');
  const parts: ActivationBlobParts = {
    credentialBlob: reader.tpm2b('the credential blob'),
    secret: reader.tpm2b('the encrypted secret'),
    duplicate: reader.tpm2b('the duplicated key'),
    encWrapKey: reader.tpm2b('the wrapping key seed'),
    idKeyPublic: reader.tpm2b('the identity key public area'),
    encUriData: reader.remaining > 0 ? reader.tpm2b('the URI data') : new Uint8Array(0),
  };
  if (reader.remaining > 0)
    throw new ActivationError(`${reader.remaining} unexpected bytes follow the activation blob.`);
  return parts;
}

export interface DeviceTpmKeys {
  /** RSA-OAEP (SHA-256) private keys of the EK and the SRK, with the `decrypt` usage. */
  ekPrivate: CryptoKey;
  srkPrivate: CryptoKey;
  /** Their TPM2B_PUBLIC bytes. */
  ekPublic: Uint8Array;
  srkPublic: Uint8Array;
}

export interface ActivatedIdentityKey {
  /** The raw HMAC key, as TPM2_Import installed it (a real TPM never reveals it). */
  key: Uint8Array;
  /** The decrypted encUriData. */
  uriData: string;
}

/** TPM2_ActivateCredential: the inner wrapper key, if this EK and SRK are the ones the blob was made for. */
async function activateCredential(parts: ActivationBlobParts, keys: DeviceTpmKeys): Promise<Uint8Array> {
  const ek = decodeKey(bytesToBase64(keys.ekPublic), 'EK');
  const srkName = await objectName(publicArea(keys.srkPublic));
  const seed = await oaepDecrypt(keys.ekPrivate, 'IDENTITY', parts.secret, 'credential secret');
  const reader = activationReader(parts.credentialBlob, 'credential blob');
  const integrity = reader.tpm2b('the integrity HMAC');
  const encIdentity = reader.take(reader.remaining, 'the encrypted credential');
  const expected = await hmacSha256(
    await kdfa(seed, 'INTEGRITY', new Uint8Array(0), new Uint8Array(0), DIGEST_BYTES * 8),
    concatBytes(encIdentity, srkName),
  );
  if (!equalBytes(integrity, expected)) {
    throw new ActivationError(
      'The credential fails its integrity check: it was made for another SRK or was changed.',
    );
  }
  const plain = await aesCfbDecrypt(
    await kdfa(seed, 'STORAGE', srkName, new Uint8Array(0), ek.symmetric.keyBits),
    encIdentity,
  );
  const credential = activationReader(plain, 'credential');
  return credential.tpm2b('the credential');
}

/** TPM2_Import of the duplicated HMAC key under the SRK, with the inner wrapper key. */
async function importDuplicate(
  parts: ActivationBlobParts,
  keys: DeviceTpmKeys,
  innerWrapKey: Uint8Array,
): Promise<Uint8Array> {
  const srk = decodeKey(bytesToBase64(keys.srkPublic), 'SRK');
  const idKeyName = await objectName(parts.idKeyPublic);
  const dupSeed = await oaepDecrypt(keys.srkPrivate, 'DUPLICATE', parts.encWrapKey, 'wrapping key seed');
  const outer = activationReader(parts.duplicate, 'duplicated key');
  const outerHmac = outer.tpm2b('the outer HMAC');
  const dupSensitive = outer.take(outer.remaining, 'the duplicated sensitive area');
  const expectedOuter = await hmacSha256(
    await kdfa(dupSeed, 'INTEGRITY', new Uint8Array(0), new Uint8Array(0), DIGEST_BYTES * 8),
    concatBytes(dupSensitive, idKeyName),
  );
  if (!equalBytes(outerHmac, expectedOuter))
    throw new ActivationError('The duplicated key fails its outer integrity check.');
  const encSensitive = await aesCfbDecrypt(
    await kdfa(dupSeed, 'STORAGE', idKeyName, new Uint8Array(0), srk.symmetric.keyBits),
    dupSensitive,
  );
  const inner = activationReader(await aesCfbDecrypt(innerWrapKey, encSensitive), 'inner wrapper');
  const innerIntegrity = inner.tpm2b('the inner integrity digest');
  const sensitive = inner.take(inner.remaining, 'the sensitive area');
  if (!equalBytes(innerIntegrity, await sha256(concatBytes(sensitive, idKeyName)))) {
    throw new ActivationError('The duplicated key fails its inner integrity check.');
  }
  const area = activationReader(activationReader(sensitive, 'sensitive area').tpm2b('TPMT_SENSITIVE'), 'TPMT_SENSITIVE');
  if (area.u16('the sensitive type') !== TPM_ALG.keyedHash)
    throw new ActivationError('The duplicated key is not an HMAC key.');
  area.tpm2b('the auth value');
  const seedValue = area.tpm2b('the seed value');
  const key = area.tpm2b('the key');

  const pub = activationReader(parts.idKeyPublic, 'identity key public area');
  const type = pub.u16('the type');
  const nameAlg = pub.u16('the name algorithm');
  pub.u32('the attributes');
  pub.tpm2b('the policy');
  const scheme = pub.u16('the scheme');
  const schemeHash = pub.u16('the scheme hash');
  const unique = pub.tpm2b('the unique digest');
  if (
    type !== TPM_ALG.keyedHash ||
    nameAlg !== TPM_ALG.sha256 ||
    scheme !== TPM_ALG.hmac ||
    schemeHash !== TPM_ALG.sha256
  ) {
    throw new ActivationError('The identity key is not an HMAC-SHA256 key.');
  }
  if (!equalBytes(unique, await sha256(concatBytes(seedValue, key)))) {
    throw new ActivationError('The identity key does not match its public area.');
  }
  return key;
}

/**
 * What a TPM does with DPS's authenticationKey: ActivateCredential with the EK (proving it holds the
 * EK's private key), then Import of the HMAC identity key under the SRK. Throws an ActivationError
 * when the blob is malformed or was made for another TPM.
 */
export async function activateIdentityKey(
  authenticationKey: string,
  keys: DeviceTpmKeys,
): Promise<ActivatedIdentityKey> {
  const parts = parseActivationBlob(authenticationKey);
  const innerWrapKey = await activateCredential(parts, keys);
  const key = await importDuplicate(parts, keys, innerWrapKey);
  const uriData = new TextDecoder().decode(await aesCfbDecrypt(innerWrapKey, parts.encUriData));
  return { key, uriData };
}
