// The DPS device registration API (REST, 2021-10-01 swagger; dps-protocol.md §3) as the device
// client and the demo backend both see it: endpoints, api-versions, wire types, and how an
// X.509 client certificate travels when there is no TLS client authentication (in the browser).

/** The global device endpoint; the demo backend answers it in the page and in Node tests. */
export const DPS_GLOBAL_ENDPOINT = 'https://global.azure-devices-provisioning.net';

/** api-versions the SDKs send: Node 2019-03-31, C 2021-06-01, the stable swagger 2021-10-01. */
export const DPS_API_VERSIONS = ['2019-03-31', '2021-06-01', '2021-10-01'] as const;
export type DpsApiVersion = (typeof DPS_API_VERSIONS)[number];
export const DPS_DEFAULT_API_VERSION: DpsApiVersion = '2021-10-01';

/** The statuses of a registration (the C SDK also knows `blacklisted`). */
export type DpsRegistrationStatus = 'unassigned' | 'assigning' | 'assigned' | 'failed' | 'disabled';
export type DpsRegistrationSubstatus =
  'initialAssignment' | 'deviceDataMigrated' | 'deviceDataReset' | 'reprovisionedToInitialAssignment';

/** DPS's X509CertificateInfo. */
export interface DpsX509CertificateInfo {
  subjectName: string;
  sha1Thumbprint: string;
  sha256Thumbprint: string;
  issuerName: string;
  notBeforeUtc: string;
  notAfterUtc: string;
  serialNumber: string;
  version: number;
}

/** DeviceRegistrationResult: what GET …/operations/{operationId} returns once assigned (or refused). */
export interface DeviceRegistrationState {
  registrationId: string;
  createdDateTimeUtc?: string;
  assignedHub?: string;
  deviceId?: string;
  status: DpsRegistrationStatus;
  substatus?: DpsRegistrationSubstatus;
  errorCode?: number;
  errorMessage?: string;
  lastUpdatedDateTimeUtc?: string;
  etag?: string;
  payload?: Record<string, unknown>;
  symmetricKey?: { enrollmentGroupId?: string };
  x509?: {
    certificateInfo?: DpsX509CertificateInfo;
    enrollmentGroupId?: string;
    signingCertificateInfo?: DpsX509CertificateInfo;
  };
  tpm?: { authenticationKey: string };
}

/** The body of the 202 to PUT …/register and of GET …/operations/{id}. */
export interface RegistrationOperationStatus {
  operationId: string;
  status: DpsRegistrationStatus;
  registrationState?: DeviceRegistrationState;
}

/** DPS's error envelope (ProvisioningServiceErrorDetails), e.g. `{ errorCode: 401002, message: 'Unauthorized' }`. */
export interface DpsErrorBody {
  errorCode: number;
  trackingId: string;
  message: string;
  timestampUtc: string;
  info?: Record<string, string>;
}

/** The 401 answer to a first, unauthenticated TPM request. */
export interface TpmChallengeBody {
  /** Base64 activation blob (TPM2 credential + duplicated HMAC key), see tpm-activation.ts. */
  authenticationKey: string;
  /** The `skn` to sign with. */
  keyName: string;
}

/** DeviceRegistration, the body of PUT …/register. */
export interface DeviceRegistrationRequest {
  registrationId: string;
  tpm?: { endorsementKey: string; storageRootKey?: string };
  payload?: Record<string, unknown>;
}

/**
 * The client certificate, forwarded the way a TLS-terminating proxy forwards it (Azure App Service's
 * ARR header carries the base64 DER leaf). A browser cannot do TLS client authentication, so the
 * device proves that it holds the leaf's private key with a signature over `x509ProofMessage`:
 * - `X-ARR-ClientCert`: the leaf certificate, base64 DER.
 * - `X-Client-Cert-Chain`: the other certificates of the chain (intermediates), base64 DER, comma-separated.
 * - `X-Client-Cert-Timestamp`: Unix seconds when the proof was made (±5 minutes of the server's clock).
 * - `X-Client-Cert-Nonce`: 16 to 64 random characters (letters, digits, "-", "_"), new for every request.
 * - `X-Client-Cert-Signature`: base64 signature with the leaf's key over
 *   `x509ProofMessage(method, path, timestamp, nonce)`: RSASSA-PKCS1-v1_5 with SHA-256 for RSA keys,
 *   ECDSA (IEEE P1363 r‖s) with SHA-256/384/512 for P-256/P-384/P-521, Ed25519 as is.
 * A nonce is accepted once within the time window, so a captured request cannot be replayed.
 */
export const X509_HEADERS = {
  certificate: 'X-ARR-ClientCert',
  chain: 'X-Client-Cert-Chain',
  timestamp: 'X-Client-Cert-Timestamp',
  nonce: 'X-Client-Cert-Nonce',
  signature: 'X-Client-Cert-Signature',
} as const;

/** How far the proof's timestamp may be from the server's clock. */
export const X509_PROOF_MAX_SKEW_SECONDS = 300;

/** What the device signs: the request's method and path, the time and a nonce, so a proof fits one request. */
export function x509ProofMessage(method: string, path: string, timestamp: number, nonce: string): string {
  return `${method.toUpperCase()} ${path}\n${timestamp}\n${nonce}`;
}

const enc = encodeURIComponent;

/** `/{idScope}/registrations/{registrationId}/register`, each part URL-encoded as the C SDK does. */
export function registerPath(idScope: string, registrationId: string): string {
  return `/${enc(idScope)}/registrations/${enc(registrationId)}/register`;
}

export function operationPath(idScope: string, registrationId: string, operationId: string): string {
  return `/${enc(idScope)}/registrations/${enc(registrationId)}/operations/${enc(operationId)}`;
}
