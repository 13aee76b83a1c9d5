// Base64 <-> bytes without Node's Buffer, so the same code runs in the page, the worker and Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Up to this many bytes, encoded here: faster than btoa for keys and MACs (an export encodes 200,000). */
const SMALL_BYTES = 256;

function smallToBase64(view: Uint8Array): string {
  const at = (i: number) => view[i] as number;
  const char = (n: number) => ALPHABET.charAt(n & 63);
  let out = '';
  let i = 0;
  for (; i + 2 < view.length; i += 3) {
    const n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6) + char(n);
  }
  if (i + 1 === view.length) {
    const n = at(i) << 16;
    out += `${char(n >> 18)}${char(n >> 12)}==`;
  } else if (i + 2 === view.length) {
    const n = (at(i) << 16) | (at(i + 1) << 8);
    out += `${char(n >> 18)}${char(n >> 12)}${char(n >> 6)}=`;
  }
  return out;
}

export function bytesToBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.length <= SMALL_BYTES) return smallToBase64(view);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < view.length; i += chunk) {
    binary += String.fromCharCode(...view.subarray(i, i + chunk));
  }
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(text: string): boolean {
  return text.length > 0 && BASE64.test(text);
}

/** Decodes strict base64 (with padding); throws a RangeError with a readable message otherwise. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!isBase64(text)) throw new RangeError('Not valid base64: use only A-Z, a-z, 0-9, + and /, padded with =.');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToHex(bytes: ArrayBuffer | Uint8Array, upper = false): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const hex = Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
  return upper ? hex.toUpperCase() : hex;
}

/**
 * Explains why a text is not strict base64 (what is wrong and how to fix it), or returns null when
 * `isBase64(text)` holds.
 */
export function describeBase64Problem(text: string): string | null {
  if (isBase64(text)) return null;
  if (text.length === 0) return 'Not valid base64: the value is empty.';
  if (/\s/.test(text)) return 'Not valid base64: it contains spaces or line breaks; remove them.';
  if (/[-_]/.test(text)) {
    return 'Not valid base64: "-" and "_" belong to base64url; use "+" and "/" instead.';
  }
  const foreign = [...new Set(text.replace(/[A-Za-z0-9+/=]/g, ''))];
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).map((c) => JSON.stringify(c));
    return `Not valid base64: ${shown.join(', ')} ${foreign.length === 1 ? 'is not a base64 character' : 'are not base64 characters'}; use only A-Z, a-z, 0-9, + and /, padded with =.`;
  }
  const body = text.replace(/=+$/, '');
  if (body.includes('=')) return 'Not valid base64: "=" may appear only at the end, as padding.';
  if (body.length % 4 === 1) return 'Not valid base64: the text is cut off or has one character too many.';
  const padding = (4 - (body.length % 4)) % 4;
  if (padding === 0) return 'Not valid base64: remove the "=" at the end; this length needs no padding.';
  return `Not valid base64: the length must be a multiple of 4; end it with "${'='.repeat(padding)}".`;
}
