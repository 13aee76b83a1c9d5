// API types for the resources this console uses, taken from the types generated from the official
// 2022-07-31 spec. The generator cannot read the spec's `x-ms-discriminator-value`s, so the
// attestation unions are restated here with the discriminator values the service really uses.
import type { components } from './generated/iotcentral';

type Schemas = components['schemas'];

export type Device = Schemas['Device'];
export type DeviceCredentials = Schemas['DeviceCredentials'];
/** `capabilityModel` is a DTDL interface; the spec declares it as a bare object. */
export type DeviceTemplate = Omit<Schemas['DeviceTemplate'], 'capabilityModel'> & { capabilityModel: Record<string, unknown> };
export type SymmetricKey = Schemas['SymmetricKey'];
export type X509Certificate = Schemas['X509Certificate'];
export type X509CertificateInfo = Schemas['X509CertificateInfo'];
export type SigningX509Certificate = Schemas['SigningX509Certificate'];
export type SigningX509Certificates = Schemas['SigningX509Certificates'];
export type Tpm = Schemas['Tpm'];
export type ErrorEnvelope = Schemas['Error'];
export type Job = Schemas['Job'];

export type CertificateEntry = 'primary' | 'secondary';

export type Attestation =
  | { type: 'symmetricKey'; symmetricKey: SymmetricKey }
  | { type: 'tpm'; tpm: Tpm }
  | { type: 'x509'; x509: { clientCertificates?: { primary: X509Certificate; secondary?: X509Certificate } } };

export type AttestationType = Attestation['type'];

export type GroupAttestation =
  | { type: 'symmetricKey'; symmetricKey?: SymmetricKey }
  | { type: 'x509'; x509?: { signingCertificates?: SigningX509Certificates } };

export type EnrollmentGroup = Omit<Schemas['EnrollmentGroup'], 'attestation'> & { attestation: GroupAttestation };

export interface Collection<T> {
  value: T[];
  nextLink?: string;
}
