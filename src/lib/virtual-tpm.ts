// A software TPM for the simulator and the tests: an RSA 2048 endorsement key (TCG template L-1) and
// storage root key made with WebCrypto, the registration ID DPS derives from the EK, and the two
// TPM operations DPS relies on: installing the identity key from DPS's activation blob
// (ActivateCredential + Import, tpm-activation.ts) and HMAC-signing with it. The private keys and the
// identity key are non-extractable CryptoKeys, as they would stay inside a real TPM.

import { base64ToBytes, bytesToBase64 } from './base64';
import { activateIdentityKey } from './tpm-activation-device';
import { concatBytes } from './bytes';
import { tpm2b, u16, u32 } from './tpm-bytes';
import { registrationIdFromEndorsementKey, TPM_ALG } from './tpm';
import { marshalRsaEkPublic } from './tpm-marshal';

/** The SRK template of the Azure SDKs: restricted|decrypt|fixedTPM|fixedParent|noDA|userWithAuth|sensitiveDataOrigin. */
export const SRK_TEMPLATE_ATTRIBUTES = 0x00030472;

export interface VirtualTpm {
  /** Base64 TPM2B_PUBLIC of the EK: what an operator enrolls and what DPS receives. */
  endorsementKey: string;
  /** Base64 TPM2B_PUBLIC of the SRK. */
  storageRootKey: string;
  /** lowercase base32(SHA-256(EK)), 52 characters. */
  registrationId: string;
  /** Installs the HMAC identity key carried by DPS's authenticationKey; throws if it was made for another TPM. */
  activateIdentityKey(authenticationKey: string): Promise<void>;
  hasIdentityKey(): boolean;
  /** base64 HMAC-SHA256 of the UTF-8 message with the identity key (TPM2_HMAC). */
  signWithIdentityKey(message: string): Promise<string>;
}


/** TPM2B_PUBLIC of an RSA 2048 SRK (empty policy, AES-128-CFB, null scheme, exponent 0 = 65537). */
export function marshalRsaSrkPublic(modulus: Uint8Array): Uint8Array<ArrayBuffer> {
  if (modulus.length !== 256)
    throw new RangeError(`The RSA modulus must be 256 bytes; got ${modulus.length}.`);
  return tpm2b(
    concatBytes(
      u16(TPM_ALG.rsa),
      u16(TPM_ALG.sha256),
      u32(SRK_TEMPLATE_ATTRIBUTES),
      tpm2b(new Uint8Array(0)),
      u16(TPM_ALG.aes),
      u16(128),
      u16(TPM_ALG.cfb),
      u16(TPM_ALG.null),
      u16(2048),
      u32(0),
      tpm2b(modulus),
    ),
  );
}

async function rsaKeyPair(): Promise<{ privateKey: CryptoKey; modulus: Uint8Array }> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
    false,
    ['encrypt', 'decrypt'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const n = (jwk.n ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const modulus = base64ToBytes(n.padEnd(Math.ceil(n.length / 4) * 4, '='));
  return { privateKey: pair.privateKey, modulus };
}

/** A new virtual TPM with fresh RSA 2048 EK and SRK key pairs (takes about a second). */
export async function createVirtualTpm(): Promise<VirtualTpm> {
  const [ek, srk] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const ekPublic = marshalRsaEkPublic(ek.modulus);
  const srkPublic = marshalRsaSrkPublic(srk.modulus);
  const registrationId = await registrationIdFromEndorsementKey(ekPublic);
  let identityKey: CryptoKey | undefined;
  return {
    endorsementKey: bytesToBase64(ekPublic),
    storageRootKey: bytesToBase64(srkPublic),
    registrationId,
    async activateIdentityKey(authenticationKey) {
      const { key } = await activateIdentityKey(authenticationKey, {
        ekPrivate: ek.privateKey,
        srkPrivate: srk.privateKey,
        ekPublic,
        srkPublic,
      });
      identityKey = await crypto.subtle.importKey(
        'raw',
        new Uint8Array(key),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      key.fill(0);
    },
    hasIdentityKey: () => identityKey !== undefined,
    async signWithIdentityKey(message) {
      if (!identityKey)
        throw new Error('The TPM has no identity key yet: register once to receive it from DPS.');
      return bytesToBase64(
        new Uint8Array(await crypto.subtle.sign('HMAC', identityKey, new TextEncoder().encode(message))),
      );
    },
  };
}
