// X.509 attestation. On the console server's TLS endpoints the certificate comes from the handshake,
// which proved the key: the server puts the chain the device sent in TLS_PEER_HEADER (and strips that
// header from every other request), and handlers built with `trustsTlsPeer` read it. The browser has
// no TLS client certificate, so the in-page simulator sends the chain and a proof of possession in
// headers instead, the way a TLS-terminating proxy forwards a client certificate (dps-protocol.ts
// X509_HEADERS): the leaf (X-ARR-ClientCert), the intermediates, and a signature with the leaf's key
// over the request line and a timestamp. Then, as DPS resolves X.509:
// leaf CN = registration ID and valid now; the device's individual X.509 enrollment (thumbprint)
// first; otherwise the chain must lead to a verified CA certificate of an X.509 enrollment group
// (the first match wins; a disabled group refuses the device).
import { base64ToBytes } from '../../lib/base64';
import {
  X509_HEADERS,
  X509_PROOF_MAX_SKEW_SECONDS,
  x509ProofMessage,
  type DpsX509CertificateInfo,
} from '../../lib/dps-protocol';
import { certificatePublicKey, signatureParams } from '../../lib/private-key';
import {
  checkDeviceCertificate,
  parseCertificateFile,
  verifyChain,
  type CertificateInfo,
} from '../../lib/x509';
import type { X509Certificate } from '../../api/types';
import { verifiedSigningCertificates } from '../iotcentral/group-certificates';
import type { Store } from '../store/store';
import type { EnrollmentGroupRecord } from '../store/types';
import { findDeviceForRegistration, individualLabel, type Attested, type Enrollment } from './attestation';
import { dpsBadRequest, dpsUnauthorized, type DpsRequest } from './http';

/** Nonces already used, until their proof expires: a replayed request is refused, as TLS would never allow. */
export class ProofCache {
  private readonly seen = new Map<string, number>();
  /** Records a nonce; false when it was seen before. */
  remember(nonce: string, expiresAt: number, now: number): boolean {
    if (this.seen.size > 5000) for (const [key, at] of this.seen) if (at < now) this.seen.delete(key);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }
}

/** Parsed signing certificates, by their base64 DER (parsing is the slow part). */
const parsed = new Map<string, Promise<CertificateInfo | undefined>>();

function parseDer(base64: string): Promise<CertificateInfo | undefined> {
  let entry = parsed.get(base64);
  if (!entry) {
    entry = parseCertificateFile(base64).then((r) => (r.ok ? r.cert : undefined));
    if (parsed.size > 500) parsed.clear();
    parsed.set(base64, entry);
  }
  return entry;
}

async function readPresented(request: DpsRequest): Promise<{ leaf: CertificateInfo; chain: CertificateInfo[] }> {
  const leafHeader = request.headers.get(X509_HEADERS.certificate)?.trim() ?? '';
  const leafResult = await parseCertificateFile(leafHeader);
  if (!leafResult.ok) {
    throw dpsUnauthorized(
      `${X509_HEADERS.certificate} does not hold a certificate: ${leafResult.message} Send the device certificate as base64 DER.`,
    );
  }
  if (leafResult.chain.length > 0) {
    throw dpsBadRequest(
      `${X509_HEADERS.certificate} holds several certificates. Send the device certificate there and the others in ${X509_HEADERS.chain}.`,
    );
  }
  const chain: CertificateInfo[] = [];
  const chainHeader = request.headers.get(X509_HEADERS.chain)?.trim();
  if (chainHeader) {
    for (const [index, part] of chainHeader.split(',').entries()) {
      const result = await parseCertificateFile(part.trim());
      if (!result.ok)
        throw dpsBadRequest(
          `Certificate ${index + 1} in ${X509_HEADERS.chain} is not a certificate: ${result.message}`,
        );
      chain.push(result.cert, ...result.chain);
    }
  }
  return { leaf: leafResult.cert, chain };
}

async function verifyProof(
  request: DpsRequest,
  url: URL,
  leaf: CertificateInfo,
  now: number,
  proofs: ProofCache,
): Promise<void> {
  const timestampText = request.headers.get(X509_HEADERS.timestamp)?.trim() ?? '';
  const nonce = request.headers.get(X509_HEADERS.nonce)?.trim() ?? '';
  const signatureText = request.headers.get(X509_HEADERS.signature)?.trim() ?? '';
  if (!timestampText || !nonce || !signatureText) {
    throw dpsUnauthorized(
      `Prove that the device holds the certificate's private key: send ${X509_HEADERS.timestamp} (Unix seconds), ${X509_HEADERS.nonce} (a new random value) and ${X509_HEADERS.signature} (the key's signature over "<METHOD> <path>\\n<timestamp>\\n<nonce>").`,
    );
  }
  if (!/^\d{1,12}$/.test(timestampText))
    throw dpsUnauthorized(`${X509_HEADERS.timestamp} must be Unix seconds, e.g. ${now}.`);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    throw dpsUnauthorized(`${X509_HEADERS.nonce} must be 16 to 64 random letters, digits, "-" or "_".`);
  }
  const timestamp = Number(timestampText);
  if (Math.abs(now - timestamp) > X509_PROOF_MAX_SKEW_SECONDS) {
    throw dpsUnauthorized(
      `The proof's timestamp is ${Math.round(Math.abs(now - timestamp) / 60)} minutes away from the service's clock (at most ${X509_PROOF_MAX_SKEW_SECONDS / 60} allowed). Check the device's clock and sign again.`,
    );
  }
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64ToBytes(signatureText);
  } catch {
    throw dpsUnauthorized(`${X509_HEADERS.signature} is not base64.`);
  }
  const publicKey = await certificatePublicKey(leaf);
  if (!publicKey)
    throw dpsUnauthorized(
      "The certificate's key type is not supported. Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.",
    );
  const message = new TextEncoder().encode(x509ProofMessage(request.method, url.pathname, timestamp, nonce));
  const isValid = await crypto.subtle
    .verify(signatureParams(publicKey), publicKey, signature, message)
    .catch(() => false);
  if (!isValid) {
    throw dpsUnauthorized(
      `The proof of possession does not verify with the public key of certificate "${leaf.subjectCommonName ?? leaf.subject}": sign "<METHOD> <path>\\n<timestamp>\\n<nonce>" with that certificate's private key.`,
    );
  }
  if (!proofs.remember(nonce, timestamp + X509_PROOF_MAX_SKEW_SECONDS, now)) {
    throw dpsUnauthorized(
      'This proof of possession (its nonce) was already used. Sign every request anew, with a new nonce.',
    );
  }
}

export function toDpsCertificateInfo(cert: CertificateInfo): DpsX509CertificateInfo {
  return {
    subjectName: cert.subject,
    sha1Thumbprint: cert.sha1Thumbprint,
    sha256Thumbprint: cert.sha256Thumbprint,
    issuerName: cert.issuer,
    notBeforeUtc: cert.notBefore.toISOString(),
    notAfterUtc: cert.notAfter.toISOString(),
    serialNumber: cert.serialNumber,
    version: 3,
  };
}

interface SigningEntry {
  group: EnrollmentGroupRecord;
  entry: 'primary' | 'secondary';
  cert: CertificateInfo;
}

/** The X.509 groups' CA certificates: the verified ones (which attest devices) and, for messages, the others. */
async function signingEntries(
  store: Store,
): Promise<{ verified: SigningEntry[]; unverified: SigningEntry[] }> {
  const load = async (
    group: EnrollmentGroupRecord | undefined,
    entry: 'primary' | 'secondary',
    der: string,
  ) => {
    const cert = group && (await parseDer(der));
    return cert && { group, entry, cert };
  };
  const verified = verifiedSigningCertificates(store, { includeDisabled: true }).map((t) =>
    load(store.groups.get(t.groupId), t.entry, t.certificate),
  );
  const unverified: Promise<SigningEntry | undefined>[] = [];
  for (const group of store.groups.values()) {
    if (group.attestation.type !== 'x509') continue;
    for (const entry of ['primary', 'secondary'] as const) {
      const record = group.attestation[entry];
      if (record && !record.verified) unverified.push(load(group, entry, record.certificate));
    }
  }
  const present = (list: (SigningEntry | undefined)[]) =>
    list.filter((e): e is SigningEntry => e !== undefined);
  return {
    verified: present(await Promise.all(verified)),
    unverified: present(await Promise.all(unverified)),
  };
}

/**
 * The chain a device sent in its TLS handshake, leaf first, as base64 DER joined by commas. Set only by
 * the console server's TLS listeners, which remove it from every request first.
 */
export const TLS_PEER_HEADER = 'x-iotc-tls-peer-chain';

/** The certificate chain from the TLS handshake (see TLS_PEER_HEADER), or undefined when there was none. */
export async function readTlsPeer(
  request: DpsRequest,
): Promise<{ leaf: CertificateInfo; chain: CertificateInfo[] } | undefined> {
  const header = request.headers.get(TLS_PEER_HEADER)?.trim();
  return header ? parseTlsPeerChain(header) : undefined;
}

/** A handshake's chain as TLS_PEER_HEADER carries it (base64 DER, leaf first, joined by commas). */
export async function parseTlsPeerChain(chainText: string): Promise<{ leaf: CertificateInfo; chain: CertificateInfo[] }> {
  const [leafDer = '', ...rest] = chainText.split(',');
  const leaf = await parseDer(leafDer);
  if (!leaf) throw dpsUnauthorized('The client certificate of the TLS handshake could not be read as X.509.');
  const chain = (await Promise.all(rest.map(parseDer))).filter((c): c is CertificateInfo => c !== undefined);
  return { leaf, chain };
}

export interface X509AttestationInput {
  request: DpsRequest;
  url: URL;
  registrationId: string;
  /** Unix seconds. */
  now: number;
  proofs: ProofCache;
  /** The certificate of the TLS handshake (readTlsPeer): proven by TLS, no proof headers needed. */
  tlsPeer?: { leaf: CertificateInfo; chain: CertificateInfo[] };
}

export async function attestX509(store: Store, input: X509AttestationInput): Promise<Attested> {
  const { request, url, registrationId, now, proofs, tlsPeer } = input;
  const { leaf, chain } = tlsPeer ?? (await readPresented(request));
  if (!tlsPeer) await verifyProof(request, url, leaf, now, proofs);
  const verifyFollowUp = async (followUp: DpsRequest, followUrl: URL) => {
    const presented = tlsPeer ? await readTlsPeer(followUp) : await readPresented(followUp);
    if (presented?.leaf.sha256Thumbprint !== leaf.sha256Thumbprint) {
      throw dpsUnauthorized('The status request must present the same device certificate as the registration.');
    }
    if (!tlsPeer)
      await verifyProof(followUp, followUrl, presented.leaf, Math.floor(store.now().getTime() / 1000), proofs);
  };
  return attestCertificate(store, { leaf, chain, registrationId, now, verifyFollowUp });
}

export interface CertificateAttestationInput {
  /** The device certificate, its possession already proven (TLS handshake or proof headers). */
  leaf: CertificateInfo;
  /** The other certificates the device sent. */
  chain: CertificateInfo[];
  registrationId: string;
  /** Unix seconds. */
  now: number;
  verifyFollowUp: Attested['verifyFollowUp'];
}

/**
 * DPS's X.509 rule for a proven certificate: CN = registration ID and valid now; the device's individual
 * X.509 enrollment (thumbprint) first; otherwise a chain to a verified CA of an X.509 enrollment group.
 * The hub admits a device by the same rule.
 */
export async function attestCertificate(store: Store, input: CertificateAttestationInput): Promise<Attested> {
  const { leaf, chain, registrationId, now, verifyFollowUp } = input;

  const when = new Date(now * 1000);
  const problem = checkDeviceCertificate(leaf, registrationId, when);
  if (problem) {
    const caseOnly =
      problem.reason === 'cn-mismatch' &&
      leaf.subjectCommonName?.toLowerCase() === registrationId.toLowerCase();
    throw dpsUnauthorized(
      caseOnly
        ? `The certificate's CN is "${leaf.subjectCommonName}" but the registration ID is "${registrationId}": register with the CN exactly as written.`
        : problem.message,
    );
  }

  const accept = (enrollment: Enrollment, signing?: CertificateInfo): Attested => ({
    mechanism: 'x509',
    enrollment,
    verifyFollowUp,
    result: async () => ({
      x509: {
        certificateInfo: toDpsCertificateInfo(leaf),
        ...(enrollment.kind === 'group' ? { enrollmentGroupId: enrollment.groupId } : {}),
        ...(signing ? { signingCertificateInfo: toDpsCertificateInfo(signing) } : {}),
      },
    }),
  });

  const device = findDeviceForRegistration(store, registrationId);
  const individual = device?.attestation;
  if (device && individual) {
    if (individual.type !== 'x509') {
      throw dpsUnauthorized(
        `Device "${device.id}" has an individual ${individualLabel(device)} enrollment, so it must register with its ${individualLabel(device)} credentials, not a certificate.`,
      );
    }
    const certs = individual.x509.clientCertificates;
    const thumbprintOf = async (entry: X509Certificate | undefined) =>
      entry?.info?.sha1Thumbprint ??
      (entry?.certificate ? (await parseDer(entry.certificate))?.sha1Thumbprint : undefined);
    const thumbprints = (await Promise.all([thumbprintOf(certs?.primary), thumbprintOf(certs?.secondary)]))
      .filter((t): t is string => typeof t === 'string' && t.length > 0)
      .map((t) => t.toUpperCase());
    if (!thumbprints.includes(leaf.sha1Thumbprint)) {
      throw dpsUnauthorized(
        `The certificate's thumbprint ${leaf.sha1Thumbprint} matches neither certificate of device "${device.id}"'s individual enrollment${thumbprints.length > 0 ? ` (${thumbprints.join(', ')})` : ''}.`,
      );
    }
    return accept({ kind: 'individual' });
  }

  const { verified, unverified } = await signingEntries(store);
  const found = await verifyChain({
    leaf,
    intermediates: chain,
    trustAnchors: verified.map((e) => e.cert),
    now: when,
  });
  if (found.ok) {
    const match = verified.find(
      (e) => e.cert.sha256Thumbprint === found.anchor.sha256Thumbprint,
    ) as SigningEntry;
    return accept(
      {
        kind: 'group',
        groupId: match.group.id,
        groupName: match.group.displayName,
        isEnabled: match.group.enabled,
      },
      found.anchor,
    );
  }
  if (found.reason !== 'expired' && found.reason !== 'not-yet-valid') {
    const viaUnverified = await verifyChain({
      leaf,
      intermediates: chain,
      trustAnchors: unverified.map((e) => e.cert),
      now: when,
    });
    if (viaUnverified.ok) {
      const match = unverified.find(
        (e) => e.cert.sha256Thumbprint === viaUnverified.anchor.sha256Thumbprint,
      ) as SigningEntry;
      throw dpsUnauthorized(
        `The certificate chain leads to "${viaUnverified.anchor.subjectCommonName ?? viaUnverified.anchor.subject}", the ${match.entry} certificate of enrollment group "${match.group.displayName}", but that certificate is not verified. Verify it (proof of possession) in Administration > Certificates, then register again.`,
      );
    }
  }
  if (
    verified.length + unverified.length === 0 &&
    !found.ok &&
    found.reason !== 'expired' &&
    found.reason !== 'not-yet-valid'
  ) {
    throw dpsUnauthorized(
      `No enrollment admits this certificate: device "${registrationId}" has no individual X.509 enrollment and the application has no X.509 enrollment group with a CA certificate.`,
    );
  }
  throw dpsUnauthorized(found.message);
}
