// The device side of DPS registration over HTTPS, as the Azure IoT device SDKs do it: build the
// credential (SAS token, X.509 proof, TPM challenge-response), PUT …/register, then poll
// …/operations/{operationId} as Retry-After says until the registration is assigned or refused.
// Pure and fetch-based: the simulator, the tests and the batch runner share it. It reports every
// protocol step through `onStep`, and never logs keys.

import { sleep as abortableSleep } from './sleep';
import {
  DPS_DEFAULT_API_VERSION,
  DPS_GLOBAL_ENDPOINT,
  operationPath,
  registerPath,
  X509_HEADERS,
  x509ProofMessage,
  type DeviceRegistrationRequest,
  type DeviceRegistrationState,
  type DpsErrorBody,
  type DpsRegistrationStatus,
  type RegistrationOperationStatus,
  type TpmChallengeBody,
} from './dps-protocol';
import { bytesToBase64, bytesToHex } from './base64';
import { signatureParams } from './private-key';
import {
  createRegistrationSasToken,
  DPS_SAS_KEY_NAME,
  registrationResource,
  type SrEncoding,
} from './sas-token';

/** What a TPM must do for DPS: hold the EK/SRK, install DPS's identity key, HMAC with it. */
export interface TpmSigner {
  endorsementKey: string;
  storageRootKey: string;
  activateIdentityKey(authenticationKey: string): Promise<void>;
  signWithIdentityKey(message: string): Promise<string>;
}

export type DpsCredential =
  | {
      type: 'symmetricKey';
      /** The device key (base64): an individual enrollment's key, or the one derived from a group key. */
      key: string;
      /** How to write `sr`: raw like the Node SDK (default), %2F, or %2f like the C SDK. */
      srEncoding?: SrEncoding;
    }
  | {
      type: 'x509';
      /** The leaf certificate, base64 DER. */
      certificate: string;
      /** Intermediate certificates, base64 DER. */
      chain?: string[];
      /** The leaf's private key, for signing (see private-key.ts). */
      privateKey: CryptoKey;
    }
  | { type: 'tpm'; tpm: TpmSigner };

export type DpsStep =
  | { kind: 'request'; method: 'PUT' | 'GET'; url: string; headers: Record<string, string>; body?: unknown }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'tpm'; message: string }
  | { kind: 'wait'; seconds: number };

export interface RegisterDeviceOptions {
  idScope: string;
  registrationId: string;
  credential: DpsCredential;
  /** The registration payload, e.g. `{ modelId: 'dtmi:com:example:Thermostat;1' }`. */
  payload?: Record<string, unknown>;
  endpoint?: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  /**
   * The transport presents the X.509 certificate in the TLS handshake, as a device does (the console
   * server's relay to its DPS over HTTPS): then neither the certificate nor a proof travels in headers.
   */
  isCertificateInHandshake?: boolean;
  signal?: AbortSignal;
  onStep?: (step: DpsStep) => void;
  /** Milliseconds since the epoch (for token expiry and proofs). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Give up polling after this long. Default two minutes. */
  timeoutMs?: number;
  /** SAS token lifetime in seconds (default one hour, as the Node SDK). */
  tokenLifetimeSeconds?: number;
}

export interface DpsRegistrationResult {
  operationId: string;
  status: DpsRegistrationStatus;
  registrationState: DeviceRegistrationState;
}

/** A request DPS refused (4xx/5xx), with DPS's error code and message. */
export class DpsError extends Error {
  readonly status: number;
  readonly errorCode: number | undefined;
  readonly trackingId: string | undefined;
  constructor(status: number, message: string, body?: Partial<DpsErrorBody>) {
    super(message);
    this.name = 'DpsError';
    this.status = status;
    this.errorCode = typeof body?.errorCode === 'number' ? body.errorCode : undefined;
    this.trackingId = typeof body?.trackingId === 'string' ? body.trackingId : undefined;
  }
}

/** The Node SDK's polling interval when DPS sends no Retry-After. */
const DEFAULT_POLL_SECONDS = 2;
const MAX_POLL_SECONDS = 60;

function retryAfterSeconds(response: Response): number {
  const value = response.headers.get('Retry-After');
  const seconds = value !== null && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : DEFAULT_POLL_SECONDS;
  return Math.min(seconds, MAX_POLL_SECONDS);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function errorFrom(status: number, body: unknown): DpsError {
  if (isRecord(body) && typeof body.message === 'string') {
    return new DpsError(status, body.message, body as Partial<DpsErrorBody>);
  }
  return new DpsError(status, `DPS answered HTTP ${status}.`);
}

/** A TPM's registration token: sr URL-encoded (%2F) and signed by the TPM's identity key, as the Node SDK does. */
async function tpmSasToken(
  tpm: TpmSigner,
  resource: string,
  expiresAt: number,
  keyName: string,
): Promise<string> {
  const sr = encodeURIComponent(resource);
  const sig = await tpm.signWithIdentityKey(`${sr}\n${expiresAt}`);
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiresAt}&skn=${encodeURIComponent(keyName)}`;
}

/** The options with their defaults, as every step of one registration reads them. */
interface Registration {
  idScope: string;
  registrationId: string;
  credential: DpsCredential;
  signal: AbortSignal | undefined;
  onStep: ((step: DpsStep) => void) | undefined;
  now: () => number;
  tokenLifetimeSeconds: number;
  /** The URL of a DPS path, with the api-version. */
  url: (path: string) => string;
  fetch: typeof fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  timeoutMs: number;
  deadline: number;
  /** The key name DPS gave a TPM with its activation blob; until then a TPM sends no token. */
  tpmKeyName: string | undefined;
  isCertificateInHandshake: boolean;
}

function startRegistration(options: RegisterDeviceOptions): Registration {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const endpoint = options.endpoint ?? DPS_GLOBAL_ENDPOINT;
  const apiVersion = options.apiVersion ?? DPS_DEFAULT_API_VERSION;
  return {
    idScope: options.idScope,
    registrationId: options.registrationId,
    credential: options.credential,
    signal: options.signal,
    onStep: options.onStep,
    now,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    url: (path) => `${endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    sleep: options.sleep ?? abortableSleep,
    timeoutMs,
    deadline: now() + timeoutMs,
    tpmKeyName: undefined,
    isCertificateInHandshake: options.isCertificateInHandshake ?? false,
  };
}

/** The credential's headers for one request: a SAS token, a TPM's token, or the X.509 proof. */
async function credentialHeaders(reg: Registration, method: 'PUT' | 'GET', target: string): Promise<Record<string, string>> {
  const { credential, idScope, registrationId, now } = reg;
  const expiresAt = Math.ceil(now() / 1000 + reg.tokenLifetimeSeconds);
  if (credential.type === 'symmetricKey') {
    const token = await createRegistrationSasToken({
      idScope,
      registrationId,
      key: credential.key,
      expiresAt,
      srEncoding: credential.srEncoding ?? 'raw',
    });
    return { Authorization: token };
  }
  if (credential.type === 'tpm') {
    if (reg.tpmKeyName === undefined) return {};
    const resource = registrationResource(idScope, registrationId);
    return { Authorization: await tpmSasToken(credential.tpm, resource, expiresAt, reg.tpmKeyName) };
  }
  if (reg.isCertificateInHandshake) return {};
  const timestamp = Math.floor(now() / 1000);
  const nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
  const message = new TextEncoder().encode(x509ProofMessage(method, new URL(target).pathname, timestamp, nonce));
  const signature = await crypto.subtle.sign(signatureParams(credential.privateKey), credential.privateKey, message);
  return {
    [X509_HEADERS.certificate]: credential.certificate,
    ...(credential.chain && credential.chain.length > 0 ? { [X509_HEADERS.chain]: credential.chain.join(',') } : {}),
    [X509_HEADERS.timestamp]: String(timestamp),
    [X509_HEADERS.nonce]: nonce,
    [X509_HEADERS.signature]: bytesToBase64(new Uint8Array(signature)),
  };
}

interface Answer {
  response: Response;
  body: unknown;
}

/** One request to DPS with the credential's headers, reported as a request step and a response step. */
async function send(reg: Registration, method: 'PUT' | 'GET', target: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    ...(await credentialHeaders(reg, method, target)),
  };
  reg.onStep?.({ kind: 'request', method, url: target, headers, ...(body === undefined ? {} : { body }) });
  const response = await reg.fetch(target, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(reg.signal ? { signal: reg.signal } : {}),
  });
  const responseBody = await readBody(response);
  const shownHeaders: Record<string, string> = {};
  for (const name of ['retry-after', 'location', 'x-ms-request-id', 'x-ms-error-code']) {
    const value = response.headers.get(name);
    if (value !== null) shownHeaders[name] = value;
  }
  reg.onStep?.({ kind: 'response', status: response.status, headers: shownHeaders, body: responseBody });
  return { response, body: responseBody };
}

/** Waits as DPS asked, unless that would pass the deadline. */
async function wait(reg: Registration, seconds: number): Promise<void> {
  if (reg.now() + seconds * 1000 > reg.deadline) {
    throw new DpsError(
      408,
      `DPS did not finish the registration within ${Math.round(reg.timeoutMs / 1000)} seconds. Try again later.`,
    );
  }
  reg.onStep?.({ kind: 'wait', seconds });
  await reg.sleep(seconds * 1000, reg.signal);
}

/**
 * DPS's answer to a TPM's first PUT: an activation blob encrypted to the EK. The TPM installs the
 * identity key it carries; from then on the TPM signs its tokens with it, under the key name DPS gave.
 */
async function answerTpmChallenge(reg: Registration, tpm: TpmSigner, body: Record<string, unknown>): Promise<void> {
  const challenge = body as Partial<TpmChallengeBody>;
  if (typeof challenge.authenticationKey !== 'string') throw errorFrom(401, body);
  reg.onStep?.({
    kind: 'tpm',
    message:
      'DPS sent an activation blob encrypted to the EK. The TPM activates the credential with its EK and imports the identity key under its SRK, then signs a SAS token with it.',
  });
  await tpm.activateIdentityKey(challenge.authenticationKey);
  reg.tpmKeyName = typeof challenge.keyName === 'string' && challenge.keyName ? challenge.keyName : DPS_SAS_KEY_NAME;
}

/**
 * PUT …/register, answering the TPM challenge and honouring throttling. Resolves with the operation DPS
 * started and how long to wait before asking about it.
 */
async function putRegistration(
  reg: Registration,
  payload: Record<string, unknown> | undefined,
): Promise<{ status: Partial<RegistrationOperationStatus> & { operationId: string }; retryAfter: number }> {
  const { credential, idScope, registrationId } = reg;
  const registration: DeviceRegistrationRequest = {
    registrationId,
    ...(credential.type === 'tpm'
      ? { tpm: { endorsementKey: credential.tpm.endorsementKey, storageRootKey: credential.tpm.storageRootKey } }
      : {}),
    ...(payload ? { payload } : {}),
  };
  const registerUrl = reg.url(registerPath(idScope, registrationId));
  let put = await send(reg, 'PUT', registerUrl, registration);
  for (;;) {
    if (put.response.status === 401 && credential.type === 'tpm' && reg.tpmKeyName === undefined && isRecord(put.body)) {
      await answerTpmChallenge(reg, credential.tpm, put.body);
    } else if (put.response.status === 429) {
      await wait(reg, retryAfterSeconds(put.response));
    } else break;
    put = await send(reg, 'PUT', registerUrl, registration);
  }
  if (!put.response.ok) throw errorFrom(put.response.status, put.body);
  const status = put.body as Partial<RegistrationOperationStatus>;
  if (!isRecord(status) || typeof status.operationId !== 'string') {
    throw new DpsError(put.response.status, 'DPS answered without an operationId.');
  }
  return { status: { ...status, operationId: status.operationId }, retryAfter: retryAfterSeconds(put.response) };
}

/** Polls GET …/operations/{operationId} until the registration is no longer assigning. */
async function pollRegistration(
  reg: Registration,
  operationId: string,
  first: Partial<RegistrationOperationStatus>,
  firstRetryAfter: number,
): Promise<DeviceRegistrationState> {
  const statusUrl = reg.url(operationPath(reg.idScope, reg.registrationId, operationId));
  let status = first;
  let retryAfter = firstRetryAfter;
  while (!status.registrationState || status.status === 'assigning' || status.status === 'unassigned') {
    await wait(reg, retryAfter);
    const poll = await send(reg, 'GET', statusUrl);
    if (poll.response.status >= 429 && poll.response.status !== 501) {
      retryAfter = retryAfterSeconds(poll.response);
      continue;
    }
    if (!poll.response.ok) throw errorFrom(poll.response.status, poll.body);
    status = poll.body as Partial<RegistrationOperationStatus>;
    if (!isRecord(status)) throw new DpsError(poll.response.status, 'DPS answered the status request without a body.');
    retryAfter = retryAfterSeconds(poll.response);
  }
  return status.registrationState;
}

/**
 * Registers a device with DPS and waits for the result. Resolves with the final registration state,
 * which may be `assigned`, `failed` or `disabled` (read its errorMessage); rejects with a DpsError when
 * DPS refuses a request (401 bad credentials, 404 unknown ID scope ...), and with the signal's reason
 * when aborted.
 */
export async function registerDevice(options: RegisterDeviceOptions): Promise<DpsRegistrationResult> {
  const reg = startRegistration(options);
  const { status, retryAfter } = await putRegistration(reg, options.payload);
  const registrationState = await pollRegistration(reg, status.operationId, status, retryAfter);
  return { operationId: status.operationId, status: registrationState.status, registrationState };
}
