// A device's private key, read for signing with WebCrypto: PKCS#8 ("PRIVATE KEY", PEM or DER), and
// the traditional OpenSSL forms "RSA PRIVATE KEY" (PKCS#1) and "EC PRIVATE KEY" (SEC 1), which are
// rewrapped as PKCS#8. RSA keys sign with RSASSA-PKCS1-v1_5/SHA-256, EC keys with ECDSA, as
// dps-protocol.ts's X.509 proof expects. Never throws: problems come back as messages.

import { base64ToBytes, bytesToBase64 } from './base64';
import { concatBytes } from './bytes';
import type { CertificateInfo } from './x509';

export type PrivateKeyResult =
  | {
      ok: true;
      key: CryptoKey;
      description: string;
      /** The key as base64 DER (PKCS#8), for a TLS stack: the console server's DPS relay presents it. */
      pkcs8: string;
    }
  | { ok: false; message: string };

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
} as const;
const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = {
  [OID.p256]: 'P-256',
  [OID.p384]: 'P-384',
  [OID.p521]: 'P-521',
};

// --- a small DER reader and writer -------------------------------------------------------------

interface Tlv {
  tag: number;
  content: Uint8Array;
  /** The whole element, header included. */
  element: Uint8Array;
}

function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) throw new RangeError('truncated');
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 3) throw new RangeError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] ?? 0);
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new RangeError('truncated');
  return { tag, content: bytes.subarray(offset + header, end), element: bytes.subarray(offset, end) };
}

function children(content: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < content.length;) {
    const tlv = readTlv(content, offset);
    out.push(tlv);
    offset += tlv.element.length;
  }
  return out;
}

function decodeOid(content: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0)
        parts.push(Math.min(2, Math.floor(value / 40)), value - Math.min(2, Math.floor(value / 40)) * 40);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function encodeOid(oid: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const bytes: number[] = [];
  for (const value of [first * 40 + second, ...rest]) {
    const groups: number[] = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Uint8Array.from(bytes));
}

function der(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = content.length;
  const header =
    length < 0x80
      ? [tag, length]
      : length < 0x100
        ? [tag, 0x81, length]
        : length < 0x10000
          ? [tag, 0x82, length >> 8, length & 0xff]
          : [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

const sequence = (...parts: Uint8Array[]) => der(0x30, concatBytes(...parts));
const VERSION_0 = Uint8Array.of(0x02, 0x01, 0x00);
const NULL = Uint8Array.of(0x05, 0x00);

/** PKCS#1 RSAPrivateKey → PKCS#8. */
function pkcs8FromPkcs1(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return sequence(VERSION_0, sequence(encodeOid(OID.rsaEncryption), NULL), der(0x04, pkcs1));
}

/** SEC 1 ECPrivateKey (with its curve parameters) → PKCS#8. */
function pkcs8FromSec1(sec1: Uint8Array): { pkcs8: Uint8Array<ArrayBuffer>; curveOid: string } {
  const fields = children(readTlv(sec1).content);
  const parameters = fields.find((f) => f.tag === 0xa0);
  const curve = parameters && readTlv(parameters.content);
  if (!curve || curve.tag !== 0x06) throw new RangeError('The EC key does not name its curve.');
  const curveOid = decodeOid(curve.content);
  return {
    pkcs8: sequence(VERSION_0, sequence(encodeOid(OID.ecPublicKey), curve.element), der(0x04, sec1)),
    curveOid,
  };
}

/** The algorithm OID (and curve OID) of a PKCS#8 PrivateKeyInfo. */
function pkcs8Algorithm(pkcs8: Uint8Array): { oid: string; curveOid?: string } {
  const [, algorithm] = children(readTlv(pkcs8).content);
  if (!algorithm) throw new RangeError('not PKCS#8');
  const [oid, parameters] = children(algorithm.content);
  if (!oid || oid.tag !== 0x06) throw new RangeError('not PKCS#8');
  return {
    oid: decodeOid(oid.content),
    ...(parameters?.tag === 0x06 ? { curveOid: decodeOid(parameters.content) } : {}),
  };
}

// --- import ------------------------------------------------------------------------------------

const MESSAGES = {
  empty: "The key file is empty. Choose the device certificate's private key (.pem or .key).",
  encrypted:
    'This private key is encrypted with a password. Decrypt it first: openssl pkcs8 -topk8 -nocrypt -in device.key -out device-plain.key.',
  certificate:
    'This is a certificate, not a private key. Choose the private key that belongs to the device certificate.',
  notKey:
    'This file is not a private key. Choose a PEM file that starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY).',
  damaged:
    'The private key in this file is damaged and cannot be read. Export it again in PEM (PKCS#8) format.',
} as const;

async function importPkcs8(pkcs8: Uint8Array<ArrayBuffer>): Promise<PrivateKeyResult> {
  let algorithm: { oid: string; curveOid?: string };
  try {
    algorithm = pkcs8Algorithm(pkcs8);
  } catch {
    return { ok: false, message: MESSAGES.damaged };
  }
  try {
    if (algorithm.oid === OID.rsaEncryption) {
      const key = await crypto.subtle.importKey(
        'pkcs8',
        pkcs8,
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
      return { ok: true, key, description: `RSA ${bits}-bit`, pkcs8: bytesToBase64(pkcs8) };
    }
    if (algorithm.oid === OID.ecPublicKey) {
      const curve = CURVES[algorithm.curveOid ?? ''];
      if (!curve)
        return {
          ok: false,
          message: 'This EC key uses a curve WebCrypto does not support. Use P-256, P-384 or P-521.',
        };
      const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve }, false, [
        'sign',
      ]);
      return { ok: true, key, description: `EC ${curve}`, pkcs8: bytesToBase64(pkcs8) };
    }
    if (algorithm.oid === OID.ed25519) {
      const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
      return { ok: true, key, description: 'Ed25519', pkcs8: bytesToBase64(pkcs8) };
    }
  } catch {
    return { ok: false, message: MESSAGES.damaged };
  }
  return {
    ok: false,
    message: 'This key type is not supported. Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.',
  };
}

function decodePemBody(body: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return base64ToBytes(body.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}

/** Reads a private key file (PEM or DER) into a non-extractable signing CryptoKey. */
export async function importPrivateKey(input: string | Uint8Array): Promise<PrivateKeyResult> {
  try {
    const text = typeof input === 'string' ? input : asText(input);
    if (text === undefined) {
      const bytes = new Uint8Array(input as Uint8Array);
      return bytes.length === 0 ? { ok: false, message: MESSAGES.empty } : await importPkcs8(bytes);
    }
    if (text.trim() === '') return { ok: false, message: MESSAGES.empty };
    const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
    const keyBlock = blocks.find((b) => (b[1] ?? '').endsWith('PRIVATE KEY'));
    if (!keyBlock) {
      return {
        ok: false,
        message: blocks.some((b) => (b[1] ?? '').includes('CERTIFICATE'))
          ? MESSAGES.certificate
          : MESSAGES.notKey,
      };
    }
    const label = keyBlock[1] ?? '';
    const bytes = decodePemBody(keyBlock[2] ?? '');
    if (!bytes) return { ok: false, message: MESSAGES.damaged };
    if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(keyBlock[2] ?? '')) {
      return { ok: false, message: MESSAGES.encrypted };
    }
    if (label === 'PRIVATE KEY') return await importPkcs8(bytes);
    if (label === 'RSA PRIVATE KEY') return await importPkcs8(pkcs8FromPkcs1(bytes));
    if (label === 'EC PRIVATE KEY') return await importPkcs8(pkcs8FromSec1(bytes).pkcs8);
    return {
      ok: false,
      message: `This file holds a "${label}", which is not supported. Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt.`,
    };
  } catch {
    return { ok: false, message: MESSAGES.damaged };
  }
}

/** The bytes as text when they are text (PEM or anything readable), undefined when binary (DER). */
function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- binary data shows up as control characters
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The WebCrypto signature parameters for a key: RSASSA-PKCS1-v1_5, ECDSA with the curve's hash, Ed25519. */
export function signatureParams(key: CryptoKey): AlgorithmIdentifier | EcdsaParams {
  const algorithm = key.algorithm as KeyAlgorithm & { namedCurve?: string };
  if (algorithm.name === 'ECDSA') {
    return {
      name: 'ECDSA',
      hash:
        { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' }[algorithm.namedCurve ?? ''] ??
        'SHA-256',
    };
  }
  return { name: algorithm.name };
}

/** The certificate's public key as a WebCrypto verification key, or undefined for an unsupported key type. */
export async function certificatePublicKey(certificate: CertificateInfo): Promise<CryptoKey | undefined> {
  try {
    const spki = new Uint8Array(certificate.certificate.publicKey.rawData);
    const [algorithm] = children(readTlv(spki).content);
    const [oid, parameters] = algorithm ? children(algorithm.content) : [];
    const name = oid?.tag === 0x06 ? decodeOid(oid.content) : '';
    const curve = parameters?.tag === 0x06 ? CURVES[decodeOid(parameters.content)] : undefined;
    const params =
      name === OID.rsaEncryption
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : name === OID.ecPublicKey && curve
          ? { name: 'ECDSA', namedCurve: curve }
          : name === OID.ed25519
            ? { name: 'Ed25519' }
            : undefined;
    return params && (await crypto.subtle.importKey('spki', spki, params, false, ['verify']));
  } catch {
    return undefined;
  }
}

/**
 * Whether `key` is the private key of `certificate`: it signs a random challenge that the
 * certificate's public key verifies. Returns null when it is, otherwise what is wrong.
 */
export async function checkKeyMatchesCertificate(
  key: CryptoKey,
  certificate: CertificateInfo,
): Promise<string | null> {
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  try {
    const publicKey = await certificatePublicKey(certificate);
    if (publicKey && publicKey.algorithm.name === key.algorithm.name) {
      const signature = await crypto.subtle.sign(signatureParams(key), key, challenge);
      if (await crypto.subtle.verify(signatureParams(publicKey), publicKey, signature, challenge))
        return null;
    }
  } catch {
    // a key of another type or curve: not a match
  }
  return `This private key does not belong to the certificate "${certificate.subjectCommonName ?? certificate.subject}". Choose the key that was used to make that certificate.`;
}
