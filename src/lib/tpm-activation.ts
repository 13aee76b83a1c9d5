// The DPS TPM activation blob ("authenticationKey"), both ways, in WebCrypto:
// - the service side (DPS, the demo backend): make a fresh HMAC identity key, duplicate it to the
//   device's SRK under an inner AES wrapper (TPM2_Duplicate), and protect the inner wrapper's key
//   with a credential to the EK (TPM2_MakeCredential), so only the holder of the EK's private key
//   (and the SRK's) can install the key;
// - the device side (a TPM, here the virtual TPM): TPM2_ActivateCredential and TPM2_Import.
// Layout (all big-endian, TPM2B = u16 size + bytes), as the Azure SDKs and TSS.MSR's DRS sample read it:
//   TPM2B_ID_OBJECT credentialBlob ‖ TPM2B_ENCRYPTED_SECRET secret ‖ TPM2B_PRIVATE idKeyDupBlob ‖
//   TPM2B_ENCRYPTED_SECRET encWrapKey ‖ TPM2B_PUBLIC idKeyPub ‖ TPM2B_DATA encUriData
// Crypto per TPM 2.0 Part 1 "Credential Protection" and "Duplication" (tpm-activation-crypto.ts).
// This file is the service side; the device side is tpm-activation-device.ts.

import { bytesToBase64 } from './base64';
import { TPM_ALG } from './tpm';
import {
  aesCfbEncrypt,
  ascii,
  decodeKey,
  DIGEST_BYTES,
  duplicationPolicy,
  hmacSha256,
  kdfa,
  keyedHashPublic,
  oaepEncrypt,
  objectName,
  publicArea,
  random,
  sha256,
} from './tpm-activation-crypto';
import { concatBytes } from './bytes';
import { tpm2b, u16 } from './tpm-bytes';

export interface ActivationBlobInput {
  /** The device's EK, base64 TPM2B_PUBLIC (RSA 2048). */
  endorsementKey: string;
  /** The device's SRK, base64 TPM2B_PUBLIC (RSA 2048). */
  storageRootKey: string;
  /** The HMAC key to install in the device's TPM (raw bytes, e.g. 32 random bytes). */
  identityKey: Uint8Array;
  /** Encrypted under the inner wrapper key and appended as encUriData. */
  uriData?: string;
}

/**
 * The activation blob for `identityKey`, as DPS answers a TPM's first registration request.
 * Throws an ActivationError when a key is not a usable RSA 2048 TPM2B_PUBLIC.
 */
export async function makeActivationBlob(input: ActivationBlobInput): Promise<string> {
  const ek = decodeKey(input.endorsementKey, 'EK');
  const srk = decodeKey(input.storageRootKey, 'SRK');
  const srkName = await objectName(publicArea(srk.bytes));

  // The identity key: a keyed-hash object that may only be duplicated, with a random obfuscation seed.
  const seedValue = random(DIGEST_BYTES);
  const idKeyPublic = keyedHashPublic(
    await duplicationPolicy(),
    await sha256(concatBytes(seedValue, input.identityKey)),
  );
  const idKeyName = await objectName(idKeyPublic);
  const sensitive = tpm2b(
    concatBytes(u16(TPM_ALG.keyedHash), tpm2b(new Uint8Array(0)), tpm2b(seedValue), tpm2b(input.identityKey)),
  );

  // TPM2_Duplicate(idKey, newParent = SRK, inner wrapper AES-128-CFB with a generated key).
  const innerWrapKey = random(16);
  const innerIntegrity = await sha256(concatBytes(sensitive, idKeyName));
  const encSensitive = await aesCfbEncrypt(innerWrapKey, concatBytes(tpm2b(innerIntegrity), sensitive));
  const dupSeed = random(DIGEST_BYTES);
  const encWrapKey = await oaepEncrypt(srk, 'DUPLICATE', dupSeed);
  const dupSensitive = await aesCfbEncrypt(
    await kdfa(dupSeed, 'STORAGE', idKeyName, new Uint8Array(0), srk.symmetric.keyBits),
    encSensitive,
  );
  const outerHmac = await hmacSha256(
    await kdfa(dupSeed, 'INTEGRITY', new Uint8Array(0), new Uint8Array(0), DIGEST_BYTES * 8),
    concatBytes(dupSensitive, idKeyName),
  );
  const duplicate = concatBytes(tpm2b(outerHmac), dupSensitive);

  // TPM2_MakeCredential(EK, credential = innerWrapKey, objectName = Name(SRK)).
  const seed = random(DIGEST_BYTES);
  const secret = await oaepEncrypt(ek, 'IDENTITY', seed);
  const encIdentity = await aesCfbEncrypt(
    await kdfa(seed, 'STORAGE', srkName, new Uint8Array(0), ek.symmetric.keyBits),
    tpm2b(innerWrapKey),
  );
  const integrity = await hmacSha256(
    await kdfa(seed, 'INTEGRITY', new Uint8Array(0), new Uint8Array(0), DIGEST_BYTES * 8),
    concatBytes(encIdentity, srkName),
  );
  const credentialBlob = concatBytes(tpm2b(integrity), encIdentity);

  const encUriData = await aesCfbEncrypt(innerWrapKey, ascii(input.uriData ?? ''));
  return bytesToBase64(
    concatBytes(
      tpm2b(credentialBlob),
      tpm2b(secret),
      tpm2b(duplicate),
      tpm2b(encWrapKey),
      tpm2b(idKeyPublic),
      tpm2b(encUriData),
    ),
  );
}
