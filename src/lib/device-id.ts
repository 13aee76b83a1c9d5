// The one device ID rule, shared by the New dialog, the CSV import and the demo backend.
// IoT Central: letters, digits and '-', at most 128 characters. Keys and certificates are bound
// to the exact ID, so this console (like the seed) takes lower case only and offers the fix.

import { checkName, DEVICE_NAME_MAX_LENGTH } from './names';

export const DEVICE_ID_MAX_LENGTH = 128;

export type DeviceIdProblem =
  | { kind: 'empty'; message: string }
  | { kind: 'too-long'; message: string }
  | { kind: 'upper-case'; message: string; fix: string }
  | { kind: 'invalid-characters'; message: string };

const VALID = /^[a-z0-9-]+$/;

/** Returns null when the ID is valid, otherwise what is wrong and, for upper case, the one-click fix. */
export function checkDeviceId(id: string): DeviceIdProblem | null {
  if (id.trim().length === 0) return { kind: 'empty', message: 'Enter a device ID.' };
  if (id.length > DEVICE_ID_MAX_LENGTH) {
    return {
      kind: 'too-long',
      message: `Device ID is ${id.length} characters long; the limit is ${DEVICE_ID_MAX_LENGTH}.`,
    };
  }
  if (VALID.test(id)) return null;
  const lowered = id.toLowerCase();
  if (VALID.test(lowered)) {
    return {
      kind: 'upper-case',
      message: `Device IDs are lower case: use "${lowered}".`,
      fix: lowered,
    };
  }
  const bad = [...new Set(id.replace(/[a-zA-Z0-9-]/g, ''))].map((c) => (c === ' ' ? 'space' : `"${c}"`));
  return {
    kind: 'invalid-characters',
    message: `Device ID may contain only lower-case letters, digits and "-" (found ${bad.join(', ')}).`,
  };
}

/** The name rule of lib/names.ts for device names: at most 148 characters, no control characters. */
export function checkDeviceName(name: string): string | null {
  return checkName(name, 'Device name', DEVICE_NAME_MAX_LENGTH);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random valid ID such as IoT Central proposes: 10 lower-case letters and digits. */
export function randomDeviceId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}
