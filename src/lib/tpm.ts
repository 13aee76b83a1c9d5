// TPM endorsement keys as DPS and IoT Central take them: base64 of a marshaled TPM2B_PUBLIC
// (u16 size + TPMT_PUBLIC, big-endian; TPM 2.0 Part 2), and the registration ID DPS derives from it.
// Only RSA-2048 and ECC NIST P-256 EKs are accepted: restricted decryption keys with SHA-256 names.

import { base64ToBytes, bytesToHex, describeBase64Problem } from './base64';
import { TpmReader } from './tpm-bytes';

/** TPM_ALG_ID and TPM_ECC_CURVE values used here (TPM 2.0 Part 2, tables 9 and 10). */
export const TPM_ALG = {
  rsa: 0x0001,
  sha1: 0x0004,
  hmac: 0x0005,
  aes: 0x0006,
  keyedHash: 0x0008,
  sha256: 0x000b,
  sha384: 0x000c,
  sha512: 0x000d,
  null: 0x0010,
  sm3_256: 0x0012,
  ecc: 0x0023,
  symCipher: 0x0025,
  cfb: 0x0043,
} as const;
export const TPM_ECC_NIST_P256 = 0x0003;

/** The TCG EK templates L-1 (RSA 2048) and L-2 (ECC P-256), used by the Azure SDKs. */
export const EK_TEMPLATE_ATTRIBUTES = 0x000300b2;
export const EK_TEMPLATE_AUTH_POLICY_HEX = '837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa';

export type EndorsementKeyType = 'rsa2048' | 'eccP256';

export type TpmObjectAttribute =
  | 'fixedTPM'
  | 'stClear'
  | 'fixedParent'
  | 'sensitiveDataOrigin'
  | 'userWithAuth'
  | 'adminWithPolicy'
  | 'noDA'
  | 'encryptedDuplication'
  | 'restricted'
  | 'decrypt'
  | 'sign'
  | 'x509sign';

const ATTRIBUTE_BITS: readonly (readonly [TpmObjectAttribute, number])[] = [
  ['fixedTPM', 1 << 1],
  ['stClear', 1 << 2],
  ['fixedParent', 1 << 4],
  ['sensitiveDataOrigin', 1 << 5],
  ['userWithAuth', 1 << 6],
  ['adminWithPolicy', 1 << 7],
  ['noDA', 1 << 10],
  ['encryptedDuplication', 1 << 11],
  ['restricted', 1 << 16],
  ['decrypt', 1 << 17],
  ['sign', 1 << 18],
  ['x509sign', 1 << 19],
];
const KNOWN_ATTRIBUTE_BITS = ATTRIBUTE_BITS.reduce((all, [, bit]) => all | bit, 0);

type EndorsementKeyCommon = {
  nameAlg: 'sha256';
  /** TPMA_OBJECT bits, and their names. */
  attributes: number;
  attributeNames: TpmObjectAttribute[];
  authPolicy: Uint8Array;
  symmetric: { algorithm: 'aes'; keyBits: 128 | 192 | 256; mode: 'cfb' };
  /** True for the TCG default EK template (attributes 0x000300B2 and its policy, AES-128-CFB). */
  hasStandardTemplate: boolean;
  /** The TPM2B_PUBLIC bytes as given. */
  bytes: Uint8Array;
};

/** The public EK; `exponent` is the effective RSA exponent (a marshaled 0 means 65537). */
export type EndorsementKeyPublic = EndorsementKeyCommon &
  (
    | { keyType: 'rsa2048'; modulus: Uint8Array; exponent: number }
    | { keyType: 'eccP256'; x: Uint8Array; y: Uint8Array }
  );

export type EndorsementKey = EndorsementKeyPublic & { registrationId: string };

export type EndorsementKeyDecodeResult =
  { ok: true; ek: EndorsementKeyPublic } | { ok: false; error: string };
export type EndorsementKeyParseResult = { ok: true; ek: EndorsementKey } | { ok: false; error: string };

const MAX_BASE64_LENGTH = 4096;
const ALG_NAMES = new Map<number, string>(Object.entries(TPM_ALG).map(([name, id]) => [id, name]));
const algName = (id: number): string => ALG_NAMES.get(id) ?? `0x${id.toString(16).padStart(4, '0')}`;

class EkError extends Error {}


// NIST P-256: y^2 = x^3 - 3x + b (mod p).
const P256_P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const P256_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${bytesToHex(bytes) || '0'}`);

function isOnP256(xBytes: Uint8Array, yBytes: Uint8Array): boolean {
  const x = toBigInt(xBytes);
  const y = toBigInt(yBytes);
  if (x >= P256_P || y >= P256_P) return false;
  const mod = (n: bigint) => ((n % P256_P) + P256_P) % P256_P;
  return mod(y * y) === mod(x * x * x - 3n * x + P256_B);
}

const isAesKeyBits = (bits: number): bits is 128 | 192 | 256 => bits === 128 || bits === 192 || bits === 256;

function readCommon(reader: TpmReader, type: number) {
  const nameAlg = reader.u16('nameAlg');
  if (nameAlg !== TPM_ALG.sha256) {
    throw new EkError(`The name algorithm is ${algName(nameAlg)}; RSA 2048 and ECC P-256 EKs use sha256.`);
  }
  const attributes = reader.u32('objectAttributes');
  if ((attributes & ~KNOWN_ATTRIBUTE_BITS) !== 0) {
    throw new EkError(
      `Object attributes 0x${attributes.toString(16)} set reserved bits: this is not a TPM public area.`,
    );
  }
  const attributeNames = ATTRIBUTE_BITS.filter(([, bit]) => (attributes & bit) !== 0).map(([name]) => name);
  if (
    !attributeNames.includes('restricted') ||
    !attributeNames.includes('decrypt') ||
    attributeNames.includes('sign')
  ) {
    throw new EkError(
      `An EK is a restricted decryption key (restricted and decrypt, not sign); this key has ${attributeNames.join(', ') || 'no attributes'}.`,
    );
  }
  const authPolicy = reader.tpm2b('authPolicy');
  if (authPolicy.length !== 0 && authPolicy.length !== 32) {
    throw new EkError(
      `The authPolicy is ${authPolicy.length} bytes; a SHA-256 policy is 32 bytes (or empty).`,
    );
  }
  const symAlg = reader.u16('the symmetric algorithm');
  if (symAlg !== TPM_ALG.aes) {
    throw new EkError(`The EK's symmetric algorithm is ${algName(symAlg)}; an EK protects with AES-CFB.`);
  }
  const keyBits = reader.u16('the AES key size');
  if (!isAesKeyBits(keyBits))
    throw new EkError(`The AES key size is ${keyBits} bits; expected 128, 192 or 256.`);
  const mode = reader.u16('the symmetric mode');
  if (mode !== TPM_ALG.cfb) throw new EkError(`The symmetric mode is ${algName(mode)}; an EK uses CFB.`);
  const scheme = reader.u16('the scheme');
  if (scheme !== TPM_ALG.null) {
    throw new EkError(`The scheme is ${algName(scheme)}; a restricted decryption key has the null scheme.`);
  }
  const hasStandardTemplate =
    attributes === EK_TEMPLATE_ATTRIBUTES &&
    bytesToHex(authPolicy) === EK_TEMPLATE_AUTH_POLICY_HEX &&
    keyBits === 128;
  const keyType: EndorsementKeyType = type === TPM_ALG.rsa ? 'rsa2048' : 'eccP256';
  return {
    keyType,
    nameAlg: 'sha256' as const,
    attributes,
    attributeNames,
    authPolicy,
    symmetric: { algorithm: 'aes' as const, keyBits, mode: 'cfb' as const },
    hasStandardTemplate,
  };
}

function readPublicArea(area: Uint8Array, bytes: Uint8Array): EndorsementKeyPublic {
  const reader = new TpmReader(area, (field) => new EkError(`The public area ends in the middle of ${field}.`));
  const type = reader.u16('the key type');
  if (type !== TPM_ALG.rsa && type !== TPM_ALG.ecc) {
    throw new EkError(
      `The key type is ${algName(type)}; DPS accepts RSA 2048 or ECC NIST P-256 endorsement keys.`,
    );
  }
  const common = readCommon(reader, type);
  let ek: EndorsementKeyPublic;
  if (type === TPM_ALG.rsa) {
    const keyBits = reader.u16('the RSA key size');
    if (keyBits !== 2048)
      throw new EkError(`The RSA key is ${keyBits} bits; DPS needs RSA 2048 (or ECC P-256).`);
    const rawExponent = reader.u32('the RSA exponent');
    if (rawExponent !== 0 && (rawExponent < 3 || rawExponent % 2 === 0)) {
      throw new EkError(
        `The RSA exponent ${rawExponent} is invalid; it must be odd and at least 3 (0 means 65537).`,
      );
    }
    const modulus = reader.tpm2b('the RSA modulus');
    if (modulus.length !== 256 || ((modulus[0] ?? 0) & 0x80) === 0) {
      throw new EkError(`The RSA modulus is not 2048 bits (${modulus.length} bytes); expected 256 bytes.`);
    }
    ek = { ...common, keyType: 'rsa2048', modulus, exponent: rawExponent === 0 ? 65537 : rawExponent, bytes };
  } else {
    const curve = reader.u16('the curve');
    if (curve !== TPM_ECC_NIST_P256) {
      throw new EkError(
        `The ECC curve is 0x${curve.toString(16).padStart(4, '0')}; DPS needs NIST P-256 (0x0003) or RSA 2048.`,
      );
    }
    const kdf = reader.u16('the KDF');
    if (kdf !== TPM_ALG.null) throw new EkError(`The KDF is ${algName(kdf)}; an EK has the null KDF.`);
    const x = reader.tpm2b('the point x');
    const y = reader.tpm2b('the point y');
    if (x.length !== 32 || y.length !== 32) {
      throw new EkError(
        `The ECC point has ${x.length}-byte x and ${y.length}-byte y; P-256 needs 32 bytes each.`,
      );
    }
    if (!isOnP256(x, y)) {
      throw new EkError(
        'The ECC point is not on the P-256 curve (an all-zero point is a template, not a key).',
      );
    }
    ek = { ...common, keyType: 'eccP256', x, y, bytes };
  }
  if (reader.remaining > 0) throw new EkError(`${reader.remaining} unexpected bytes follow the key.`);
  return ek;
}

function decodeUnchecked(text: string): EndorsementKeyDecodeResult {
  const fail = (error: string): EndorsementKeyDecodeResult => ({ ok: false, error });
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0) {
    return fail('Enter the endorsement key: base64 of the TPM2B_PUBLIC (tpm_device_provision prints it).');
  }
  if (compact.includes('-----BEGIN')) {
    return fail(
      'This is PEM. DPS needs the EK as base64 of the TPM2B_PUBLIC (tpm_device_provision or tpm2_readpublic -f tss).',
    );
  }
  if (compact.length > MAX_BASE64_LENGTH) {
    return fail(
      `The endorsement key is too long (${compact.length} characters); an RSA 2048 EK is about 420.`,
    );
  }
  const problem = describeBase64Problem(compact);
  if (problem !== null) return fail(`Endorsement key: ${problem}`);
  const bytes = base64ToBytes(compact);
  if (bytes.length < 2) return fail('The endorsement key is too short to be a TPM2B_PUBLIC.');
  if (bytes[0] === 0x30) {
    return fail(
      'This looks like a DER public key or certificate. DPS needs the TPM2B_PUBLIC (tpm_device_provision or tpm2_readpublic -f tss).',
    );
  }
  const size = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  const following = bytes.length - 2;
  if (size === 0) return fail('The TPM2B_PUBLIC is empty (size 0).');
  if (size > following) {
    return fail(
      `The endorsement key is truncated: its size field says ${size} bytes, but ${following} follow.`,
    );
  }
  const looksBare =
    (size === TPM_ALG.rsa || size === TPM_ALG.ecc) && bytes[2] === 0 && bytes[3] === TPM_ALG.sha256;
  if (size < following && looksBare) {
    return fail('This is a TPMT_PUBLIC without its 2-byte size; DPS needs the TPM2B_PUBLIC (size first).');
  }
  if (size < following) {
    return fail(
      `The endorsement key has ${following - size} extra bytes after its ${size}-byte public area.`,
    );
  }
  return { ok: true, ek: readPublicArea(bytes.subarray(2), bytes) };
}

/** Checks and decodes a base64 TPM2B_PUBLIC EK (whitespace ignored), synchronously. Never throws. */
export function decodeEndorsementKey(base64: string): EndorsementKeyDecodeResult {
  if (typeof base64 !== 'string') return { ok: false, error: 'The endorsement key must be base64 text.' };
  try {
    return decodeUnchecked(base64);
  } catch (error) {
    if (error instanceof EkError)
      return { ok: false, error: `Not a usable endorsement key: ${error.message}` };
    return {
      ok: false,
      error: `Not a usable endorsement key: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Like decodeEndorsementKey, plus the registration ID DPS derives from the EK. Never rejects. */
export async function parseEndorsementKey(base64: string): Promise<EndorsementKeyParseResult> {
  const decoded = decodeEndorsementKey(base64);
  if (!decoded.ok) return decoded;
  return {
    ok: true,
    ek: { ...decoded.ek, registrationId: await registrationIdFromEndorsementKey(decoded.ek.bytes) },
  };
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32: upper case, padded with '='. */
export function base32Encode(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output.padEnd(Math.ceil(output.length / 8) * 8, '=');
}

/** DPS's TPM registration ID: lowercase base32 of SHA-256(EK TPM2B_PUBLIC), '=' stripped (52 characters). */
export async function registrationIdFromEndorsementKey(ekBytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(ekBytes));
  return base32Encode(new Uint8Array(digest)).toLowerCase().replace(/=+$/, '');
}
