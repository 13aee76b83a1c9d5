// The TPM 2.0 cryptography behind DPS's TPM activation blob, in WebCrypto (see tpm-activation.ts for
// the blob's layout): KDFa (SP800-108 HMAC-SHA256 counter mode), RSA-OAEP-SHA256 with the labels
// "IDENTITY\0" / "DUPLICATE\0", AES-CFB with a zero IV, object Names and the identity key's public area.
// RSA 2048 EKs and SRKs only (RSA-OAEP); ECC EKs need ECDH secrets, which this module does not make.

import { bytesToBase64 } from './base64';
import { decodeEndorsementKey, TPM_ALG, type EndorsementKeyPublic } from './tpm';
import { concatBytes } from './bytes';
import { TpmReader, tpm2b, u16, u32 } from './tpm-bytes';

const TPM_CC_DUPLICATE = 0x0000014b;
const TPM_CC_POLICY_COMMAND_CODE = 0x0000016c;
/** TPMA_OBJECT sign | userWithAuth | noDA: the DPS identity key (TSS.MSR DRS sample). */
export const IDENTITY_KEY_ATTRIBUTES = (1 << 18) | (1 << 6) | (1 << 10);
export const DIGEST_BYTES = 32;
const subtle = () => globalThis.crypto.subtle;

export class ActivationError extends Error {}

export const ascii = (text: string) => new TextEncoder().encode(text);
export const random = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** A reader whose errors say which part of the activation blob (`what`) is cut short. */
export const activationReader = (bytes: Uint8Array, what: string) =>
  new TpmReader(bytes, (field) => new ActivationError(`The ${what} ends in the middle of ${field}.`));

export async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().digest('SHA-256', new Uint8Array(data)));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await subtle().importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await subtle().sign('HMAC', cryptoKey, new Uint8Array(data)));
}

/** KDFa (TPM 2.0 Part 1, 11.4.10.2) with SHA-256: HMAC(key, i ‖ label ‖ 0 ‖ contextU ‖ contextV ‖ bits). */
export async function kdfa(
  key: Uint8Array,
  label: string,
  contextU: Uint8Array,
  contextV: Uint8Array,
  bits: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await subtle().importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const length = Math.ceil(bits / 8);
  const blocks: Uint8Array[] = [];
  for (let i = 1, produced = 0; produced < length; i++, produced += DIGEST_BYTES) {
    const input = concatBytes(u32(i), ascii(label), Uint8Array.of(0), contextU, contextV, u32(bits));
    blocks.push(new Uint8Array(await subtle().sign('HMAC', cryptoKey, input)));
  }
  return concatBytes(...blocks).slice(0, length);
}

/**
 * AES in CFB-128 mode with a zero IV (the TPM's parameter encryption and wrappers). WebCrypto has no
 * CFB, so each keystream block E_K(X) is the first block of AES-CBC(key, iv = X) over a zero block.
 */
async function aesCfb(
  keyBytes: Uint8Array,
  data: Uint8Array,
  direction: 'encrypt' | 'decrypt',
): Promise<Uint8Array<ArrayBuffer>> {
  if (![16, 24, 32].includes(keyBytes.length)) {
    throw new ActivationError(`An AES key is 16, 24 or 32 bytes; this one is ${keyBytes.length}.`);
  }
  const key = await subtle().importKey('raw', new Uint8Array(keyBytes), { name: 'AES-CBC' }, false, [
    'encrypt',
  ]);
  const zero = new Uint8Array(16);
  const out = new Uint8Array(data.length);
  let feedback: Uint8Array<ArrayBuffer> = new Uint8Array(16);
  for (let offset = 0; offset < data.length; offset += 16) {
    const encrypted = await subtle().encrypt({ name: 'AES-CBC', iv: feedback }, key, zero);
    const stream = new Uint8Array(encrypted, 0, 16);
    const block = data.subarray(offset, offset + 16);
    const result = block.map((byte, i) => byte ^ (stream[i] ?? 0));
    out.set(result, offset);
    feedback = new Uint8Array(direction === 'encrypt' ? result : block);
  }
  return out;
}

export const aesCfbEncrypt = (key: Uint8Array, data: Uint8Array) => aesCfb(key, data, 'encrypt');
export const aesCfbDecrypt = (key: Uint8Array, data: Uint8Array) => aesCfb(key, data, 'decrypt');

/** TPM label for an OAEP-protected seed: the text and its terminating zero. */
const oaepLabel = (label: 'IDENTITY' | 'DUPLICATE') => concatBytes(ascii(label), Uint8Array.of(0));

const base64Url = (bytes: Uint8Array) =>
  bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function importRsaOaepPublic(key: EndorsementKeyPublic): Promise<CryptoKey> {
  if (key.keyType !== 'rsa2048') {
    throw new ActivationError(
      'The demo DPS makes activation blobs for RSA 2048 keys only; this is an ECC P-256 key.',
    );
  }
  const exponent = Uint8Array.from(key.exponent.toString(16).padStart(6, '0').match(/../g) ?? [], (pair) =>
    parseInt(pair, 16),
  );
  return subtle().importKey(
    'jwk',
    { kty: 'RSA', n: base64Url(key.modulus), e: base64Url(exponent), alg: 'RSA-OAEP-256', ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  );
}

export async function oaepEncrypt(
  key: EndorsementKeyPublic,
  label: 'IDENTITY' | 'DUPLICATE',
  seed: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const publicKey = await importRsaOaepPublic(key);
  return new Uint8Array(
    await subtle().encrypt({ name: 'RSA-OAEP', label: oaepLabel(label) }, publicKey, new Uint8Array(seed)),
  );
}

export async function oaepDecrypt(
  privateKey: CryptoKey,
  label: 'IDENTITY' | 'DUPLICATE',
  secret: Uint8Array,
  what: string,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(
      await subtle().decrypt(
        { name: 'RSA-OAEP', label: oaepLabel(label) },
        privateKey,
        new Uint8Array(secret),
      ),
    );
  } catch {
    throw new ActivationError(
      `The ${what} does not decrypt with this TPM's key: the blob was made for another TPM.`,
    );
  }
}

/** A TPM object's Name: nameAlg (SHA-256) ‖ SHA-256(TPMT_PUBLIC). */
export async function objectName(publicArea: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return concatBytes(u16(TPM_ALG.sha256), await sha256(publicArea));
}

/** The TPMT_PUBLIC inside a TPM2B_PUBLIC (its 2-byte size removed). */
export function publicArea(tpm2bPublic: Uint8Array): Uint8Array {
  return tpm2bPublic.subarray(2);
}

/** The policy digest of PolicyCommandCode(TPM_CC_Duplicate): an object that may only be duplicated. */
export async function duplicationPolicy(): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(
    concatBytes(new Uint8Array(DIGEST_BYTES), u32(TPM_CC_POLICY_COMMAND_CODE), u32(TPM_CC_DUPLICATE)),
  );
}

/** TPMT_PUBLIC of a keyed-hash (HMAC-SHA256) key. */
export function keyedHashPublic(authPolicy: Uint8Array, unique: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(
    u16(TPM_ALG.keyedHash),
    u16(TPM_ALG.sha256),
    u32(IDENTITY_KEY_ATTRIBUTES),
    tpm2b(authPolicy),
    u16(TPM_ALG.hmac),
    u16(TPM_ALG.sha256),
    tpm2b(unique),
  );
}

/** An EK or SRK as the activation needs it: an RSA 2048 TPM2B_PUBLIC. */
export function decodeKey(base64: string, what: 'EK' | 'SRK'): EndorsementKeyPublic {
  const decoded = decodeEndorsementKey(base64);
  if (!decoded.ok) throw new ActivationError(`${what}: ${decoded.error}`);
  if (decoded.ek.keyType !== 'rsa2048') {
    throw new ActivationError(
      `${what}: the demo DPS supports RSA 2048 keys for the TPM challenge; this is an ECC P-256 key.`,
    );
  }
  return decoded.ek;
}
