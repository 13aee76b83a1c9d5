// IoT Central's X.509 enrollment-group certificates: the primary and secondary CA certificate of a
// group, and proof of possession (generateVerificationCode, verify). Every check is real: the
// certificates are parsed and the verification certificate's signature is checked with WebCrypto
// (lib/x509.ts).
import { http, HttpResponse } from 'msw';
import type { CertificateEntry } from '../../api/types';
import {
  checkCertificateCount,
  checkCertificateFileSize,
  type CertificateFileKind,
} from '../../lib/certificate-limits';
import {
  checkCaCertificate,
  checkVerificationCertificate,
  generateVerificationCode,
  parseCertificateFile,
  type CertificateInfo,
} from '../../lib/x509';
import { badRequest, DomainError, notFound } from '../../lib/domain-error';
import { checkEtag, handler } from '../http';
import type { Store } from '../store/store';
import type { EnrollmentGroupRecord, SigningCertificateRecord } from '../store/types';
import { findGroup, toApiSigningCertificate } from './enrollment-groups';

type X509Attestation = Extract<EnrollmentGroupRecord['attestation'], { type: 'x509' }>;

const ENTRIES: readonly CertificateEntry[] = ['primary', 'secondary'];
/** How many replaced codes an entry remembers, to call a certificate made for one of them "stale". */
const RETIRED_CODES_KEPT = 20;

function readEntry(value: string | undefined): CertificateEntry {
  const entry = ENTRIES.find((e) => e === value);
  if (!entry)
    throw badRequest(`The certificate entry must be "primary" or "secondary", not "${value ?? ''}".`);
  return entry;
}

function x509Group(store: Store, id: string): EnrollmentGroupRecord & { attestation: X509Attestation } {
  const group = findGroup(store, id);
  if (group.attestation.type !== 'x509') {
    throw badRequest(
      `Enrollment group "${group.displayName}" uses shared access signatures (SAS), not X.509 certificates, so it has no CA certificates. Create an X.509 group to use CA certificates.`,
    );
  }
  return group as EnrollmentGroupRecord & { attestation: X509Attestation };
}

const what = (group: EnrollmentGroupRecord, entry: CertificateEntry) =>
  `The ${entry} certificate of enrollment group "${group.displayName}"`;

function findEntry(group: EnrollmentGroupRecord & { attestation: X509Attestation }, entry: CertificateEntry) {
  const cert = group.attestation[entry];
  if (!cert) throw notFound(what(group, entry));
  return cert;
}

function readCertificateField(
  body: Record<string, unknown>,
  hint: string,
  kind: CertificateFileKind,
): string {
  const certificate = body.certificate;
  if (typeof certificate !== 'string' || certificate.trim() === '') {
    throw badRequest(`"certificate" is required: ${hint}`);
  }
  // The limits of the upload dialog, so that no request makes the backend parse a huge bundle.
  const sizeProblem = checkCertificateFileSize(certificate.length, kind);
  if (sizeProblem) throw badRequest(`"certificate" is too large. ${sizeProblem}`);
  return certificate;
}

/** Parses a certificate; with `kind`, within its count of certificates, counted before any is described. */
async function parseOrReject(text: string, prefix: string, kind?: CertificateFileKind): Promise<CertificateInfo> {
  const result = await parseCertificateFile(
    text,
    kind && { checkCount: (count) => checkCertificateCount(count, kind, 'one') },
  );
  if (!result.ok) throw badRequest(`${prefix}${result.message}`);
  return result.cert;
}

/** Writes to an entry change its etag and the group's. */
function touch(store: Store, group: EnrollmentGroupRecord, cert?: SigningCertificateRecord) {
  if (cert) cert.etag = store.nextEtag();
  group.etag = store.nextEtag();
  store.changed();
}

function retire(cert: SigningCertificateRecord) {
  if (cert.verificationCode === undefined) return;
  cert.retiredVerificationCodes = [...(cert.retiredVerificationCodes ?? []), cert.verificationCode].slice(
    -RETIRED_CODES_KEPT,
  );
  delete cert.verificationCode;
}

/** A CA certificate may sit in one place only, so a device's chain leads to exactly one group. */
function checkNotInUse(store: Store, group: EnrollmentGroupRecord, entry: CertificateEntry, sha1: string) {
  for (const other of store.groups.values()) {
    if (other.attestation.type !== 'x509') continue;
    for (const otherEntry of ENTRIES) {
      if (other.id === group.id && otherEntry === entry) continue;
      if (other.attestation[otherEntry]?.sha1Thumbprint !== sha1) continue;
      throw new DomainError(
        409,
        'Conflict',
        other.id === group.id
          ? `This certificate is already this group's ${otherEntry} certificate. Use a different CA certificate for the ${entry} entry (for example the next CA, for rollover).`
          : `This certificate is already the ${otherEntry} certificate of enrollment group "${other.displayName}". A CA certificate can belong to one enrollment group only: remove it there first.`,
      );
    }
  }
}

/**
 * Proof of possession. `expected` is the outstanding code; a certificate made for a code that a newer
 * one replaced is "stale", which says more than "wrong CN".
 */
async function verificationProblem(
  cert: SigningCertificateRecord,
  caCert: CertificateInfo,
  verificationCert: CertificateInfo,
  now: Date,
): Promise<string | null> {
  const cn = verificationCert.subjectCommonName?.trim().toUpperCase();
  const current = cert.verificationCode;
  if (cn !== undefined && cn !== current && cert.retiredVerificationCodes?.includes(cn)) {
    return current === undefined
      ? `This verification certificate was made for an old verification code (${cn}), which is no longer valid, and there is no current code. Generate a verification code, then make a new verification certificate with that code as its CN.`
      : `This verification certificate was made for an old verification code (${cn}): a newer code replaced it. Make a new verification certificate with CN=${current}, the current code.`;
  }
  const problem = await checkVerificationCertificate({
    verificationCert,
    caCert,
    expectedCode: current,
    now,
  });
  return problem?.message ?? null;
}

export interface TrustedSigningCertificate {
  groupId: string;
  entry: CertificateEntry;
  /** Base64 DER of the CA certificate. */
  certificate: string;
  sha1Thumbprint: string;
  /** Whether the group is enabled; a disabled group must refuse the devices it would attest. */
  enabled: boolean;
}

/**
 * The CA certificates that may attest X.509 devices: the verified primary and secondary certificates
 * of the enabled X.509 groups (of every X.509 group with `includeDisabled`, so that a registration can
 * be refused with "group disabled" rather than "untrusted"). An unverified certificate attests nothing.
 */
export function verifiedSigningCertificates(
  store: Pick<Store, 'groups'>,
  options: { includeDisabled?: boolean } = {},
): TrustedSigningCertificate[] {
  const result: TrustedSigningCertificate[] = [];
  for (const group of store.groups.values()) {
    if (group.attestation.type !== 'x509' || (!group.enabled && !options.includeDisabled)) continue;
    for (const entry of ENTRIES) {
      const cert = group.attestation[entry];
      if (!cert?.verified) continue;
      result.push({
        groupId: group.id,
        entry,
        certificate: cert.certificate,
        sha1Thumbprint: cert.sha1Thumbprint,
        enabled: group.enabled,
      });
    }
  }
  return result;
}

const CERT_PATH = '*/api/enrollmentGroups/:groupId/certificates/:entry';

export function groupCertificateHandlers(store: Store) {
  return [
    http.get(
      CERT_PATH,
      handler(({ params }) => {
        const entry = readEntry(params.entry);
        const group = x509Group(store, params.groupId as string);
        return HttpResponse.json(toApiSigningCertificate(findEntry(group, entry)));
      }),
    ),
    http.put(
      CERT_PATH,
      handler(async ({ params, json }) => {
        const entry = readEntry(params.entry);
        const group = x509Group(store, params.groupId as string);
        const body = await json();
        const existing = group.attestation[entry];
        if (existing) checkEtag(body, existing.etag, what(group, entry));
        if (body.verified !== undefined && typeof body.verified !== 'boolean') {
          throw badRequest('"verified" must be true or false.');
        }
        const text = readCertificateField(
          body,
          'send the root or intermediate CA certificate, base64 DER (or PEM).',
          'ca',
        );
        const cert = await parseOrReject(text, '', 'ca');
        const problem = checkCaCertificate(cert, store.now());
        if (problem) throw badRequest(problem.message);
        checkNotInUse(store, group, entry, cert.sha1Thumbprint);
        const isVerifiedOnUpload = body.verified === true;
        const record: SigningCertificateRecord = {
          certificate: cert.derBase64,
          sha1Thumbprint: cert.sha1Thumbprint,
          verified: isVerifiedOnUpload,
          verifiedOnUpload: isVerifiedOnUpload,
          etag: store.nextEtag(),
        };
        group.attestation[entry] = record;
        touch(store, group);
        return HttpResponse.json(toApiSigningCertificate(record));
      }),
    ),
    http.delete(
      CERT_PATH,
      handler(({ params }) => {
        const entry = readEntry(params.entry);
        const group = x509Group(store, params.groupId as string);
        findEntry(group, entry);
        group.attestation[entry] = undefined;
        touch(store, group);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.post(
      `${CERT_PATH}/generateVerificationCode`,
      handler(({ params }) => {
        const entry = readEntry(params.entry);
        const group = x509Group(store, params.groupId as string);
        const cert = findEntry(group, entry);
        if (cert.verified) {
          throw badRequest(`${what(group, entry)} is already verified; it needs no verification code.`);
        }
        retire(cert);
        cert.verificationCode = generateVerificationCode();
        touch(store, group, cert);
        return HttpResponse.json({ verificationCode: cert.verificationCode });
      }),
    ),
    http.post(
      `${CERT_PATH}/verify`,
      handler(async ({ params, json }) => {
        const entry = readEntry(params.entry);
        const group = x509Group(store, params.groupId as string);
        const cert = findEntry(group, entry);
        const body = await json();
        const text = readCertificateField(
          body,
          'send the verification certificate (CN = the verification code), base64 DER (or PEM).',
          'verification',
        );
        if (cert.verified) throw badRequest(`${what(group, entry)} is already verified.`);
        const verificationCert = await parseOrReject(text, 'Verification certificate: ', 'verification');
        const caCert = await parseOrReject(cert.certificate, 'Stored CA certificate: ');
        const now = store.now();
        const caProblem = checkCaCertificate(caCert, now);
        if (caProblem) throw badRequest(`The CA certificate cannot be verified: ${caProblem.message}`);
        const problem = await verificationProblem(cert, caCert, verificationCert, now);
        if (problem) throw badRequest(problem);
        retire(cert);
        cert.verified = true;
        cert.verifiedOnUpload = false;
        touch(store, group, cert);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
