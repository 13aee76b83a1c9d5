import { listAll, request } from './client';
import type { CertificateEntry, EnrollmentGroup, SigningX509Certificate } from './types';

const enc = encodeURIComponent;
const certPath = (groupId: string, entry: CertificateEntry) => `/enrollmentGroups/${enc(groupId)}/certificates/${entry}`;

export function listEnrollmentGroups(signal?: AbortSignal) {
  return listAll<EnrollmentGroup>('/enrollmentGroups', undefined, signal);
}

export function getEnrollmentGroup(id: string, signal?: AbortSignal) {
  return request<EnrollmentGroup>('GET', `/enrollmentGroups/${enc(id)}`, { signal });
}

export function createEnrollmentGroup(id: string, group: EnrollmentGroup, signal?: AbortSignal) {
  return request<EnrollmentGroup>('PUT', `/enrollmentGroups/${enc(id)}`, { body: group, signal });
}

export function updateEnrollmentGroup(id: string, patch: Partial<EnrollmentGroup>, signal?: AbortSignal) {
  return request<EnrollmentGroup>('PATCH', `/enrollmentGroups/${enc(id)}`, { body: patch, signal });
}

export function deleteEnrollmentGroup(id: string, signal?: AbortSignal) {
  return request<undefined>('DELETE', `/enrollmentGroups/${enc(id)}`, { signal });
}

export function getEnrollmentGroupCertificate(id: string, entry: CertificateEntry, signal?: AbortSignal) {
  return request<SigningX509Certificate>('GET', certPath(id, entry), { signal });
}

/** `certificate` is the base64 DER; `verified: true` skips proof of possession ("Verified on upload"). */
export function createEnrollmentGroupCertificate(
  id: string,
  entry: CertificateEntry,
  body: SigningX509Certificate,
  signal?: AbortSignal,
) {
  return request<SigningX509Certificate>('PUT', certPath(id, entry), { body, signal });
}

export function deleteEnrollmentGroupCertificate(id: string, entry: CertificateEntry, signal?: AbortSignal) {
  return request<undefined>('DELETE', certPath(id, entry), { signal });
}

export function generateVerificationCode(id: string, entry: CertificateEntry, signal?: AbortSignal) {
  return request<{ verificationCode?: string }>('POST', `${certPath(id, entry)}/generateVerificationCode`, { signal });
}

export function verifyCertificate(id: string, entry: CertificateEntry, certificate: string, signal?: AbortSignal) {
  return request<undefined>('POST', `${certPath(id, entry)}/verify`, { body: { certificate }, signal });
}
