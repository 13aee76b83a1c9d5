// DPS registration SAS tokens: create them as the SDKs do, parse them as Microsoft's service parser
// does (Microsoft.Azure.Devices.Common.Security.SharedAccessSignature) and verify them with a rule
// that accepts every real client: sr raw (Node), %2F (Node TPM, Python) or %2f (C, dps-keygen).

import { base64ToBytes, describeBase64Problem } from './base64';
import { hmacSha256Base64 } from './sas-keys';

/** "For the Device API, this policy is always 'registration'." */
export const DPS_SAS_KEY_NAME = 'registration';
/** Microsoft's service tolerates 5 minutes of clock skew (SharedAccessSignatureConstants.MaxClockSkew). */
export const DEFAULT_SAS_CLOCK_SKEW_SECONDS = 300;
const MAX_TOKEN_LENGTH = 4096;
const SCHEME = 'SharedAccessSignature';

/** How `sr` is written: raw like the Node SDK, %2F like encodeURIComponent, %2f like the C SDK. */
export type SrEncoding = 'raw' | 'upper' | 'lower';

export type RegistrationSasTokenInput = {
  idScope: string;
  registrationId: string;
  /** The device key, base64. */
  key: string;
  /** Expiry, Unix seconds. */
  expiresAt: number;
  srEncoding?: SrEncoding;
};

export type SasToken = {
  /** The resource exactly as sent (not URL-decoded): it is what was signed. */
  sr: string;
  /** The signature, URL-decoded (base64). */
  sig: string;
  /** Expiry, Unix seconds. */
  se: number;
  /** The expiry text exactly as sent (URL-decoded): it is what was signed. */
  seText: string;
  /** The key name, URL-decoded; null when the token has none. */
  skn: string | null;
};

export type SasTokenParseResult = { ok: true; token: SasToken } | { ok: false; error: string };

export type SasVerifyFailureCode =
  'malformed' | 'wrong-resource' | 'wrong-key-name' | 'expired' | 'bad-signature';

export type SasVerifyResult =
  { ok: true; keyIndex: number } | { ok: false; code: SasVerifyFailureCode; message: string };

export type VerifyRegistrationSasOptions = {
  idScope: string;
  registrationId: string;
  /** Candidate device keys (base64), tried in order: primary, then secondary. */
  keys: readonly string[];
  /** Unix seconds. */
  now: number;
  skewSeconds?: number;
};

/** The resource a registration token is for: `{idScope}/registrations/{registrationId}`. */
export function registrationResource(idScope: string, registrationId: string): string {
  return `${idScope}/registrations/${registrationId}`;
}

function encodeSr(resource: string, encoding: SrEncoding): string {
  if (encoding === 'raw') return resource;
  const upper = encodeURIComponent(resource);
  return encoding === 'upper' ? upper : upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * `SharedAccessSignature sr=…&sig=…&se=…&skn=registration`, where sig is the URL-encoded base64
 * HMAC-SHA256 of `sr + "\n" + se` with the device key, over sr as written in the token.
 * Throws a RangeError for an empty scope or ID, a key that is not base64 or a bad expiry.
 */
export async function createRegistrationSasToken(input: RegistrationSasTokenInput): Promise<string> {
  const { idScope, registrationId, key, expiresAt, srEncoding = 'raw' } = input;
  if (idScope.length === 0) throw new RangeError('ID scope is empty.');
  if (registrationId.length === 0) throw new RangeError('Registration ID is empty.');
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0) {
    throw new RangeError(`Expiry must be a positive whole number of Unix seconds; got ${expiresAt}.`);
  }
  const problem = describeBase64Problem(key);
  if (problem !== null) throw new RangeError(`Device key: ${problem}`);
  const sr = encodeSr(registrationResource(idScope, registrationId), srEncoding);
  const se = String(expiresAt);
  const sig = await hmacSha256Base64(base64ToBytes(key), `${sr}\n${se}`);
  return `${SCHEME} sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${DPS_SAS_KEY_NAME}`;
}

const ESCAPE = /%[0-9A-Fa-f]{2}/g;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * %XX escapes to UTF-8, like .NET's WebUtility.UrlDecode: never throws, keeps bad escapes as text. The
 * text between escapes is encoded a run at a time (a registration checks a token; per character, this
 * was a third of the check).
 */
function urlDecode(text: string, plusIsSpace: boolean): string {
  const plain = plusIsSpace ? text.replaceAll('+', ' ') : text;
  // Well-formed text with valid escapes, as every token an SDK makes: the engine's decoder gives the same.
  if (!SURROGATE.test(plain)) {
    try {
      return decodeURIComponent(plain);
    } catch {
      // A bad escape or bytes that are not UTF-8: decoded byte by byte below, as .NET does.
    }
  }
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  let last = 0;
  for (const match of plain.matchAll(ESCAPE)) {
    bytes.push(...encoder.encode(plain.slice(last, match.index)), parseInt(match[0].slice(1), 16));
    last = match.index + 3;
  }
  bytes.push(...encoder.encode(plain.slice(last)));
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const FIELD_HINTS: Record<'sr' | 'sig' | 'se', string> = {
  sr: 'the resource, {idScope}/registrations/{registrationId}',
  sig: 'the signature',
  se: 'the expiry, in Unix seconds',
};

function parseFields(fieldsText: string): Map<string, string> | string {
  const fields = new Map<string, string>();
  for (const field of fieldsText.split('&')) {
    if (field === '') continue;
    const parts = field.split('=');
    const rawName = parts[0] ?? '';
    const name = rawName.toLowerCase();
    const shownName = JSON.stringify(rawName.slice(0, 20));
    if (parts.length < 2) return `Field ${shownName} has no value; write fields as name=value.`;
    if (parts.length > 2) {
      return `Field ${shownName} contains "=" in its value; URL-encode the value ("=" is %3D).`;
    }
    if (fields.has(name)) return `Field ${shownName} appears more than once.`;
    const value = parts[1] ?? '';
    fields.set(name, name === 'sr' ? value : urlDecode(value, true));
  }
  return fields;
}

function parseUnchecked(header: string): SasTokenParseResult {
  const fail = (error: string): SasTokenParseResult => ({
    ok: false,
    error: `Malformed SAS token: ${error}`,
  });
  const text = header.trim();
  if (text.length === 0) return fail('the token is empty.');
  if (text.length > MAX_TOKEN_LENGTH) return fail(`the token is longer than ${MAX_TOKEN_LENGTH} characters.`);
  const parts = text.split(/\s/);
  if (parts[0] !== SCHEME) {
    return fail(
      `it must start with "${SCHEME} " (exact case), then the fields, e.g. "${SCHEME} sr=…&sig=…&se=…&skn=registration".`,
    );
  }
  if (parts.length !== 2) return fail(`put exactly one space after "${SCHEME}" and none inside the fields.`);
  const fields = parseFields(parts[1] ?? '');
  if (typeof fields === 'string') return fail(fields);
  for (const name of ['sr', 'sig', 'se'] as const) {
    if (!fields.get(name)) return fail(`"${name}" (${FIELD_HINTS[name]}) is missing or empty.`);
  }
  const sr = fields.get('sr') ?? '';
  const sig = fields.get('sig') ?? '';
  const seText = fields.get('se') ?? '';
  if (/\s/.test(sig)) {
    return fail(
      '"sig" contains a space or an unencoded "+"; URL-encode the signature ("+" is %2B, "/" is %2F, "=" is %3D).',
    );
  }
  if (describeBase64Problem(sig) !== null) return fail('"sig" is not base64 once URL-decoded.');
  if (!/^\d{1,15}(\.\d{1,9})?$/.test(seText)) {
    return fail(
      `"se" must be the expiry in Unix seconds (e.g. 1700000000); got ${JSON.stringify(seText.slice(0, 30))}.`,
    );
  }
  const skn = fields.get('skn');
  return { ok: true, token: { sr, sig, se: Number(seText), seText, skn: skn ?? null } };
}

/**
 * Parses `SharedAccessSignature sr=…&sig=…&se=…[&skn=…]` like Microsoft's service: split on ' ',
 * '&' and '='; names are case-insensitive; every value except sr is URL-decoded. Never throws.
 */
export function parseSasToken(header: string): SasTokenParseResult {
  if (typeof header !== 'string') return { ok: false, error: 'Malformed SAS token: the token is not text.' };
  try {
    return parseUnchecked(header);
  } catch (error) {
    return {
      ok: false,
      error: `Malformed SAS token: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function strictPercentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function describeWrongResource(resource: string, idScope: string, registrationId: string): string {
  const expected = registrationResource(idScope, registrationId);
  const match = /^([^/]*)\/registrations\/(.*)$/i.exec(resource);
  if (match && (match[1] ?? '').toLowerCase() !== idScope.toLowerCase()) {
    return `The token is for ID scope "${match[1]}", not "${idScope}". Use the ID scope shown in Connect.`;
  }
  if (match && (match[2] ?? '').toLowerCase() !== registrationId.toLowerCase()) {
    return `The token is for registration ID "${match[2]}", but the request registers "${registrationId}". Sign "${expected}".`;
  }
  return `The token's sr is "${resource}"; it must be "${expected}" (raw or URL-encoded).`;
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}

function fixedTimeEquals(left: string, right: string): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left.charCodeAt(i) ^ right.charCodeAt(i);
  return difference === 0;
}

/** What a token must name, and the key name it must carry (null: none, as device-scoped hub tokens). */
interface TokenRule {
  resource: string;
  keyName: string | null;
  describeWrongResource: (resource: string) => string;
  keys: readonly string[];
  now: number;
  skewSeconds: number;
}

async function verifyToken(header: string, rule: TokenRule): Promise<SasVerifyResult> {
  const parsed = parseSasToken(header);
  if (!parsed.ok) return { ok: false, code: 'malformed', message: parsed.error };
  const { token } = parsed;

  const resource = strictPercentDecode(token.sr);
  if (resource === null) {
    return { ok: false, code: 'malformed', message: 'Malformed SAS token: "sr" has a broken %-escape.' };
  }
  if (resource.toLowerCase() !== rule.resource.toLowerCase()) {
    return { ok: false, code: 'wrong-resource', message: rule.describeWrongResource(resource) };
  }

  if (rule.keyName !== null && token.skn !== rule.keyName) {
    const found = token.skn === null ? 'has no skn' : `has skn=${JSON.stringify(token.skn)}`;
    return {
      ok: false,
      code: 'wrong-key-name',
      message: `The token ${found}; DPS device tokens use skn=${rule.keyName}.`,
    };
  }

  if (token.se + rule.skewSeconds < rule.now) {
    return {
      ok: false,
      code: 'expired',
      message: `The token expired ${formatAge(rule.now - token.se)} ago (se=${token.seText}). Create a new one with a later "se".`,
    };
  }

  const signed = `${token.sr}\n${token.seText}`;
  for (const [keyIndex, key] of rule.keys.entries()) {
    if (describeBase64Problem(key) !== null) continue;
    const expected = await hmacSha256Base64(base64ToBytes(key), signed);
    if (fixedTimeEquals(token.sig, expected)) return { ok: true, keyIndex };
  }
  return {
    ok: false,
    code: 'bad-signature',
    message:
      'The signature does not match the device key. Sign the token\'s sr and se ("sr" + "\\n" + "se") with HMAC-SHA256 using the device key; for an enrollment group, that is the key derived from the group key and the registration ID.',
  };
}

/**
 * The mock DPS rule: sr (raw, %2F or %2f) must name `{idScope}/registrations/{registrationId}`
 * (case-insensitive), skn must be "registration", se + skew must not be past, and sig must be the
 * HMAC over the literal sr + "\n" + se with one of `keys` (keyIndex says which). Never throws.
 */
export function verifyRegistrationSasToken(
  header: string,
  options: VerifyRegistrationSasOptions,
): Promise<SasVerifyResult> {
  const { idScope, registrationId, keys, now, skewSeconds = DEFAULT_SAS_CLOCK_SKEW_SECONDS } = options;
  return verifyToken(header, {
    resource: registrationResource(idScope, registrationId),
    keyName: DPS_SAS_KEY_NAME,
    describeWrongResource: (resource) => describeWrongResource(resource, idScope, registrationId),
    keys,
    now,
    skewSeconds,
  });
}

/** The resource a device's IoT Hub token is for: `{hub}/devices/{deviceId}`. */
export function hubResource(hub: string, deviceId: string): string {
  return `${hub}/devices/${deviceId}`;
}

export type VerifyHubSasOptions = {
  /** The hub's host name, as the device connected to it (the CONNECT user name's first part). */
  hub: string;
  deviceId: string;
  /** The device's keys (base64): its own, or those its enrollment groups derive for it. */
  keys: readonly string[];
  /** Unix seconds. */
  now: number;
  skewSeconds?: number;
};

/**
 * An IoT Hub device token (the MQTT CONNECT password): sr names `{hub}/devices/{deviceId}` (raw or
 * URL-encoded, case-insensitive), no key name is needed, and sig is the HMAC with the device key.
 */
export function verifyHubSasToken(header: string, options: VerifyHubSasOptions): Promise<SasVerifyResult> {
  const { hub, deviceId, keys, now, skewSeconds = DEFAULT_SAS_CLOCK_SKEW_SECONDS } = options;
  const expected = hubResource(hub, deviceId);
  return verifyToken(header, {
    resource: expected,
    keyName: null,
    describeWrongResource: (resource) =>
      `The token's sr is "${resource}"; a device token for this hub must name "${expected}".`,
    keys,
    now,
    skewSeconds,
  });
}

/** A device's IoT Hub SAS token, as the device SDKs make one (sr URL-encoded, no key name). */
export async function createHubSasToken(input: {
  hub: string;
  deviceId: string;
  key: string;
  expiresAt: number;
}): Promise<string> {
  const sr = encodeURIComponent(hubResource(input.hub, input.deviceId));
  const se = String(input.expiresAt);
  const sig = await hmacSha256Base64(base64ToBytes(input.key), `${sr}\n${se}`);
  return `${SCHEME} sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}`;
}
