// Symmetric keys for SAS attestation: device-key derivation from an enrollment-group key (as
// dps-keygen and `az iot central device compute-device-key` do), key generation and key checks.
// WebCrypto only, so the page, the worker and Node share this code.

import { base64ToBytes, bytesToBase64, describeBase64Problem } from './base64';
import { createTurns } from './page-turns';

/** DPS rule: user-supplied keys are base64 of 16 to 64 bytes; generated keys are 64 bytes. */
export const SYMMETRIC_KEY_MIN_BYTES = 16;
export const SYMMETRIC_KEY_MAX_BYTES = 64;
export const SYMMETRIC_KEY_DEFAULT_BYTES = 64;

/** HMAC-SHA256 of the UTF-8 bytes of `message`, base64-encoded. */
export async function hmacSha256Base64(key: Uint8Array, message: string): Promise<string> {
  const sync = keyDerivation.hmacSha256;
  if (sync) return bytesToBase64(sync(key, new TextEncoder().encode(message)));
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(message));
  return bytesToBase64(new Uint8Array(mac));
}

/** HMAC-SHA256 of `message` under `key`, computed at once: the MAC's 32 bytes. */
export type HmacSha256Sync = (key: Uint8Array, message: Uint8Array) => Uint8Array;

/**
 * How this module's HMACs are computed (deriveDeviceKeys, hmacSha256Base64: device keys and SAS token
 * signatures). WebCrypto by default (the page, the worker, tests); the console server sets `hmacSha256`
 * to node:crypto's synchronous HMAC, which costs a hundredth of WebCrypto's importKey and sign in Node
 * (a DPS registration checks two). Either way the rules are this module's own.
 */
export const keyDerivation: { hmacSha256?: HmacSha256Sync } = {};

/** Signatures started at once; a turn for the page may come between two slices. */
const SIGNATURES_PER_SLICE = 100;

/** Group keys imported for HMAC, so that deriving again from the same group imports its key once. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function groupHmacKey(groupKeyBase64: string): Promise<CryptoKey> {
  let key = hmacKeys.get(groupKeyBase64);
  if (!key) {
    if (hmacKeys.size > 16) hmacKeys.clear();
    key = crypto.subtle.importKey('raw', base64ToBytes(groupKeyBase64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(groupKeyBase64, key);
  }
  return key;
}

/**
 * The device keys of enrollment-group devices, in the order of `registrationIds`:
 * base64(HMAC-SHA256(base64decode(groupKey), UTF-8(registrationId))), as dps-keygen and
 * `az iot central device compute-device-key` make them. The derivation is over the exact registration
 * ID (case matters). The group key is imported once, then one signature per device, a slice at a time
 * with turns for the page, so thousands of keys do not freeze it. Throws a RangeError when the group
 * key is not base64; any length is accepted, as dps-keygen does.
 */
export async function deriveDeviceKeys(groupKeyBase64: string, registrationIds: readonly string[]): Promise<string[]> {
  const problem = describeBase64Problem(groupKeyBase64);
  if (problem !== null) throw new RangeError(`Group key: ${problem}`);
  const encoder = new TextEncoder();
  const keys: string[] = [];
  const { hmacSha256 } = keyDerivation;
  if (hmacSha256) {
    const keyBytes = base64ToBytes(groupKeyBase64);
    for (const id of registrationIds) keys.push(bytesToBase64(hmacSha256(keyBytes, encoder.encode(id))));
    return keys;
  }
  const key = await groupHmacKey(groupKeyBase64);
  const turn = createTurns();
  for (let start = 0; start < registrationIds.length; start += SIGNATURES_PER_SLICE) {
    const slice = registrationIds.slice(start, start + SIGNATURES_PER_SLICE);
    const macs = await Promise.all(slice.map((id) => crypto.subtle.sign('HMAC', key, encoder.encode(id))));
    for (const mac of macs) keys.push(bytesToBase64(new Uint8Array(mac)));
    await turn();
  }
  return keys;
}

/** The device key of one enrollment-group device (deriveDeviceKeys for a single ID). */
export async function deriveDeviceKey(groupKeyBase64: string, registrationId: string): Promise<string> {
  const [key] = await deriveDeviceKeys(groupKeyBase64, [registrationId]);
  return key as string;
}

/** A random key, base64 of `byteLength` bytes (16 to 64; 64 like IoT Central's generated keys). */
export function generateSymmetricKey(byteLength: number = SYMMETRIC_KEY_DEFAULT_BYTES): string {
  if (
    !Number.isInteger(byteLength) ||
    byteLength < SYMMETRIC_KEY_MIN_BYTES ||
    byteLength > SYMMETRIC_KEY_MAX_BYTES
  ) {
    throw new RangeError(
      `Key length must be a whole number of bytes from ${SYMMETRIC_KEY_MIN_BYTES} to ${SYMMETRIC_KEY_MAX_BYTES}; got ${byteLength}.`,
    );
  }
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** Returns null when `text` is base64 of 16 to 64 bytes; otherwise what is wrong and how to fix it. */
export function checkSymmetricKey(text: string): string | null {
  if (text.length === 0) {
    return `Enter a key: base64 of ${SYMMETRIC_KEY_MIN_BYTES} to ${SYMMETRIC_KEY_MAX_BYTES} bytes (or press Generate).`;
  }
  const problem = describeBase64Problem(text);
  if (problem !== null) return problem;
  const length = base64ToBytes(text).length;
  if (length < SYMMETRIC_KEY_MIN_BYTES || length > SYMMETRIC_KEY_MAX_BYTES) {
    return `Key is ${length} ${length === 1 ? 'byte' : 'bytes'}; use ${SYMMETRIC_KEY_MIN_BYTES} to ${SYMMETRIC_KEY_MAX_BYTES} bytes (e.g. press Generate).`;
  }
  return null;
}
