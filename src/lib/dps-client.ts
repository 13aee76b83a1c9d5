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

/**
 * Registers a device with DPS and waits for the result. Resolves with the final registration state,
 * which may be `assigned`, `failed` or `disabled` (read its errorMessage); rejects with a DpsError when
 * DPS refuses a request (401 bad credentials, 404 unknown ID scope ...), and with the signal's reason
 * when aborted.
 */
export async function registerDevice(options: RegisterDeviceOptions): Promise<DpsRegistrationResult> {
  const {
    idScope,
    registrationId,
    credential,
    payload,
    endpoint = DPS_GLOBAL_ENDPOINT,
    apiVersion = DPS_DEFAULT_API_VERSION,
    signal,
    onStep,
    now = Date.now,
    sleep = abortableSleep,
    timeoutMs = 120_000,
    tokenLifetimeSeconds = 3600,
  } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const deadline = now() + timeoutMs;
  const resource = registrationResource(idScope, registrationId);
  const url = (path: string) => `${endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`;
  let tpmKeyName: string | undefined;

  const authHeaders = async (method: 'PUT' | 'GET', target: string): Promise<Record<string, string>> => {
    const expiresAt = Math.ceil(now() / 1000 + tokenLifetimeSeconds);
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
      return tpmKeyName === undefined
        ? {}
        : { Authorization: await tpmSasToken(credential.tpm, resource, expiresAt, tpmKeyName) };
    }
    const timestamp = Math.floor(now() / 1000);
    const nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
    const message = new TextEncoder().encode(
      x509ProofMessage(method, new URL(target).pathname, timestamp, nonce),
    );
    const signature = await crypto.subtle.sign(
      signatureParams(credential.privateKey),
      credential.privateKey,
      message,
    );
    return {
      [X509_HEADERS.certificate]: credential.certificate,
      ...(credential.chain && credential.chain.length > 0
        ? { [X509_HEADERS.chain]: credential.chain.join(',') }
        : {}),
      [X509_HEADERS.timestamp]: String(timestamp),
      [X509_HEADERS.nonce]: nonce,
      [X509_HEADERS.signature]: bytesToBase64(new Uint8Array(signature)),
    };
  };

  const send = async (method: 'PUT' | 'GET', target: string, body?: unknown) => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...(await authHeaders(method, target)),
    };
    onStep?.({ kind: 'request', method, url: target, headers, ...(body === undefined ? {} : { body }) });
    const response = await doFetch(target, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    const responseBody = await readBody(response);
    const shownHeaders: Record<string, string> = {};
    for (const name of ['retry-after', 'location', 'x-ms-request-id', 'x-ms-error-code']) {
      const value = response.headers.get(name);
      if (value !== null) shownHeaders[name] = value;
    }
    onStep?.({ kind: 'response', status: response.status, headers: shownHeaders, body: responseBody });
    return { response, body: responseBody };
  };

  const wait = async (seconds: number) => {
    if (now() + seconds * 1000 > deadline) {
      throw new DpsError(
        408,
        `DPS did not finish the registration within ${Math.round(timeoutMs / 1000)} seconds. Try again later.`,
      );
    }
    onStep?.({ kind: 'wait', seconds });
    await sleep(seconds * 1000, signal);
  };

  const registration: DeviceRegistrationRequest = {
    registrationId,
    ...(credential.type === 'tpm'
      ? {
          tpm: {
            endorsementKey: credential.tpm.endorsementKey,
            storageRootKey: credential.tpm.storageRootKey,
          },
        }
      : {}),
    ...(payload ? { payload } : {}),
  };

  // PUT …/register, answering the TPM challenge and honouring throttling.
  const registerUrl = url(registerPath(idScope, registrationId));
  let put = await send('PUT', registerUrl, registration);
  for (;;) {
    if (
      put.response.status === 401 &&
      credential.type === 'tpm' &&
      tpmKeyName === undefined &&
      isRecord(put.body)
    ) {
      const challenge = put.body as Partial<TpmChallengeBody>;
      if (typeof challenge.authenticationKey !== 'string') throw errorFrom(401, put.body);
      onStep?.({
        kind: 'tpm',
        message:
          'DPS sent an activation blob encrypted to the EK. The TPM activates the credential with its EK and imports the identity key under its SRK, then signs a SAS token with it.',
      });
      await credential.tpm.activateIdentityKey(challenge.authenticationKey);
      tpmKeyName =
        typeof challenge.keyName === 'string' && challenge.keyName ? challenge.keyName : DPS_SAS_KEY_NAME;
      put = await send('PUT', registerUrl, registration);
      continue;
    }
    if (put.response.status === 429) {
      await wait(retryAfterSeconds(put.response));
      put = await send('PUT', registerUrl, registration);
      continue;
    }
    break;
  }
  if (!put.response.ok) throw errorFrom(put.response.status, put.body);
  let status = put.body as Partial<RegistrationOperationStatus>;
  if (!isRecord(status) || typeof status.operationId !== 'string') {
    throw new DpsError(put.response.status, 'DPS answered without an operationId.');
  }
  const operationId = status.operationId;
  let retryAfter = retryAfterSeconds(put.response);

  // Poll GET …/operations/{operationId} until it is no longer assigning.
  const statusUrl = url(operationPath(idScope, registrationId, operationId));
  while (!status.registrationState || status.status === 'assigning' || status.status === 'unassigned') {
    await wait(retryAfter);
    const poll = await send('GET', statusUrl);
    if (poll.response.status >= 429 && poll.response.status !== 501) {
      retryAfter = retryAfterSeconds(poll.response);
      continue;
    }
    if (!poll.response.ok) throw errorFrom(poll.response.status, poll.body);
    status = poll.body as Partial<RegistrationOperationStatus>;
    if (!isRecord(status))
      throw new DpsError(poll.response.status, 'DPS answered the status request without a body.');
    retryAfter = retryAfterSeconds(poll.response);
  }
  return {
    operationId,
    status: status.registrationState.status,
    registrationState: status.registrationState,
  };
}

/** A readable one-line outcome for a registration result, in IoT Central's words. */
export function describeRegistration(result: DpsRegistrationResult): string {
  const state = result.registrationState;
  if (state.status === 'assigned')
    return `Assigned to ${state.assignedHub ?? 'the IoT hub'} as device "${state.deviceId ?? state.registrationId}".`;
  return state.errorMessage ?? `Registration ${state.status}.`;
}
