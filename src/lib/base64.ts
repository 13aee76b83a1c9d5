// Base64 <-> bytes without Node's Buffer, so the same code runs in the page, the worker and Node.

export function bytesToBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
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
