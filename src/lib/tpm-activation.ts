// The DPS TPM activation blob ("authenticationKey"), both ways, in WebCrypto:
// - the service side (DPS, the demo backend): make a fresh HMAC identity key, duplicate it to the
//   device's SRK under an inner AES wrapper (TPM2_Duplicate), and protect the inner wrapper's key
//   with a credential to the EK (TPM2_MakeCredential), so only the holder of the EK's private key
//   (and the SRK's) can install the key;
// - the device side (a TPM, here the virtual TPM): TPM2_ActivateCredential and TPM2_Import.
// Layout (all big-endian, TPM2B = u16 size + bytes), as the Azure SDKs and TSS.MSR's DRS sample read it:
//   TPM2B_ID_OBJECT credentialBlob ‖ TPM2B_ENCRYPTED_SECRET secret ‖ TPM2B_PRIVATE idKeyDupBlob ‖
//   TPM2B_ENCRYPTED_SECRET encWrapKey ‖ TPM2B_PUBLIC idKeyPub ‖ TPM2B_DATA encUriData
// Crypto per TPM 2.0 Part 1 "Credential Protection" and "Duplication": KDFa (SP800-108 HMAC-SHA256
// counter mode), RSA-OAEP-SHA256 with labels "IDENTITY\0" / "DUPLICATE\0", AES-CFB with a zero IV.
// RSA 2048 EKs and SRKs only (RSA-OAEP); ECC EKs need ECDH secrets, which this module does not make.

import { base64ToBytes, bytesToBase64 } from './base64';
import { decodeEndorsementKey, TPM_ALG, type EndorsementKeyPublic } from './tpm';

const TPM_CC_DUPLICATE = 0x0000014b;
const TPM_CC_POLICY_COMMAND_CODE = 0x0000016c;
/** TPMA_OBJECT sign | userWithAuth | noDA: the DPS identity key (TSS.MSR DRS sample). */
export const IDENTITY_KEY_ATTRIBUTES = (1 << 18) | (1 << 6) | (1 << 10);
const DIGEST_BYTES = 32;
const subtle = () => globalThis.crypto.subtle;

export class ActivationError extends Error {}

// --- bytes -------------------------------------------------------------------------------------

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const u16 = (n: number) => Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
const u32 = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
export const tpm2b = (data: Uint8Array) => concatBytes(u16(data.length), data);
const ascii = (text: string) => new TextEncoder().encode(text);
const random = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length));

class Reader {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  take(length: number, field: string): Uint8Array<ArrayBuffer> {
    if (length > this.remaining)
      throw new ActivationError(`The ${this.what} ends in the middle of ${field}.`);
    const part = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }
  u16(field: string): number {
    const [high = 0, low = 0] = this.take(2, field);
    return (high << 8) | low;
  }
  u32(field: string): number {
    return this.u16(field) * 0x10000 + this.u16(field);
  }
  tpm2b(field: string): Uint8Array<ArrayBuffer> {
    return this.take(this.u16(`the size of ${field}`), field);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

// --- primitives --------------------------------------------------------------------------------

async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
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

async function oaepEncrypt(
  key: EndorsementKeyPublic,
  label: 'IDENTITY' | 'DUPLICATE',
  seed: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const publicKey = await importRsaOaepPublic(key);
  return new Uint8Array(
    await subtle().encrypt({ name: 'RSA-OAEP', label: oaepLabel(label) }, publicKey, new Uint8Array(seed)),
  );
}

async function oaepDecrypt(
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
async function duplicationPolicy(): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(
    concatBytes(new Uint8Array(DIGEST_BYTES), u32(TPM_CC_POLICY_COMMAND_CODE), u32(TPM_CC_DUPLICATE)),
  );
}

/** TPMT_PUBLIC of a keyed-hash (HMAC-SHA256) key. */
function keyedHashPublic(authPolicy: Uint8Array, unique: Uint8Array): Uint8Array<ArrayBuffer> {
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

// --- service side ------------------------------------------------------------------------------

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

function decodeKey(base64: string, what: 'EK' | 'SRK'): EndorsementKeyPublic {
  const decoded = decodeEndorsementKey(base64);
  if (!decoded.ok) throw new ActivationError(`${what}: ${decoded.error}`);
  if (decoded.ek.keyType !== 'rsa2048') {
    throw new ActivationError(
      `${what}: the demo DPS supports RSA 2048 keys for the TPM challenge; this is an ECC P-256 key.`,
    );
  }
  return decoded.ek;
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

// --- device side -------------------------------------------------------------------------------

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
  const reader = new Reader(bytes, 'activation blob');
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
  const reader = new Reader(parts.credentialBlob, 'credential blob');
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
  const credential = new Reader(plain, 'credential');
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
  const outer = new Reader(parts.duplicate, 'duplicated key');
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
  const inner = new Reader(await aesCfbDecrypt(innerWrapKey, encSensitive), 'inner wrapper');
  const innerIntegrity = inner.tpm2b('the inner integrity digest');
  const sensitive = inner.take(inner.remaining, 'the sensitive area');
  if (!equalBytes(innerIntegrity, await sha256(concatBytes(sensitive, idKeyName)))) {
    throw new ActivationError('The duplicated key fails its inner integrity check.');
  }
  const area = new Reader(new Reader(sensitive, 'sensitive area').tpm2b('TPMT_SENSITIVE'), 'TPMT_SENSITIVE');
  if (area.u16('the sensitive type') !== TPM_ALG.keyedHash)
    throw new ActivationError('The duplicated key is not an HMAC key.');
  area.tpm2b('the auth value');
  const seedValue = area.tpm2b('the seed value');
  const key = area.tpm2b('the key');

  const pub = new Reader(parts.idKeyPublic, 'identity key public area');
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
