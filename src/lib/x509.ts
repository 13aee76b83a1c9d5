// X.509 for device connection: read an uploaded certificate, and the checks behind individual
// enrollments, enrollment-group CA certificates, proof of possession (verification codes) and
// the chain a device presents to DPS. Parsing is @peculiar/x509; hashes and signatures are WebCrypto.
// Pure and framework-free: the same code runs in the page, the demo backend and Node.

import type * as X509Library from '@peculiar/x509';
import type { X509Certificate } from '@peculiar/x509';
import { base64ToBytes, bytesToBase64, bytesToHex } from './base64';

export type ParseProblemReason = 'empty' | 'not-certificate' | 'private-key';
/** A file refused for its size, its count of certificates or the time it takes, before it is parsed whole. */
export type FileLimitProblemReason = 'too-large' | 'too-many' | 'too-slow';
export type ValidityProblemReason = 'expired' | 'not-yet-valid';
export type DeviceCertificateProblemReason = 'is-ca' | 'cn-mismatch' | ValidityProblemReason;
export type CaCertificateProblemReason = 'not-ca' | ValidityProblemReason;
export type VerificationProblemReason =
  'no-code' | 'wrong-cn' | 'wrong-issuer' | 'bad-signature' | ValidityProblemReason;
export type ChainProblemReason =
  'issuer-not-found' | 'bad-signature' | 'issuer-not-ca' | 'untrusted' | ValidityProblemReason;
export type CertificateProblemReason =
  | ParseProblemReason
  | FileLimitProblemReason
  | DeviceCertificateProblemReason
  | CaCertificateProblemReason
  | VerificationProblemReason
  | ChainProblemReason;

/** What is wrong with a certificate, in words an operator can act on. */
export interface CertificateProblem<R extends CertificateProblemReason = CertificateProblemReason> {
  reason: R;
  message: string;
}

export type PublicKeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'other';

export interface CertificateInfo {
  /** Distinguished name as text, e.g. "CN=Test Root CA, O=Contoso". */
  subject: string;
  subjectCommonName: string | undefined;
  issuer: string;
  issuerCommonName: string | undefined;
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** basicConstraints cA is true. */
  isCa: boolean;
  /** Issuer equals subject and the certificate's own key verifies its signature. */
  isSelfSigned: boolean;
  /** SHA-1 of the DER, 40 upper-case hex characters: IoT Central's `info.sha1Thumbprint`. */
  sha1Thumbprint: string;
  /** SHA-256 of the DER, 64 upper-case hex characters. */
  sha256Thumbprint: string;
  publicKeyAlgorithm: PublicKeyAlgorithm;
  /** For display: "RSA 2048-bit", "EC P-256". */
  publicKeyDetail: string;
  /** The DER as base64: what the API's `certificate` field carries. */
  derBase64: string;
  /** The parsed certificate, for further checks. */
  certificate: X509Certificate;
}

/** A certificate's description without the parsed object: plain data, which a worker can post. */
export type CertificateData = Omit<CertificateInfo, 'certificate'>;

export type ParseResult =
  | { ok: true; cert: CertificateInfo; chain: CertificateInfo[] }
  | ({ ok: false } & CertificateProblem<ParseProblemReason | 'too-many'>);

export interface ParseOptions {
  /** The verdict on a file of `count` certificates, asked before any is described; null to go on. */
  checkCount?: (count: number) => string | null;
}

export type ChainResult =
  | { ok: true; anchor: CertificateInfo; path: CertificateInfo[] }
  | ({ ok: false; at: CertificateInfo } & CertificateProblem<ChainProblemReason>);

// ---------------------------------------------------------------------------------------------
// Loading the library. @peculiar/x509 uses tsyringe, which needs the Reflect metadata polyfill
// loaded first, hence the dynamic import (which also keeps X.509 code out of the initial bundle).

let library: Promise<typeof X509Library> | undefined;

/** @peculiar/x509, loaded after its polyfill (import it through here, not directly). */
export function loadX509Library(): Promise<typeof X509Library> {
  library ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
  return library;
}

const webCrypto = (): Crypto => globalThis.crypto;

// ---------------------------------------------------------------------------------------------
// Parsing

const MESSAGES = {
  empty: 'The file is empty. Choose the certificate file (.pem, .cer or .crt).',
  privateKey:
    'This is a private key, not a certificate. Upload the certificate (.pem/.cer/.crt) and keep the key secret.',
  certificateAndKey:
    'This file holds a private key as well as a certificate. Upload a file with only the certificate (.pem/.cer/.crt) and keep the key secret.',
  csr: 'This is a certificate signing request (CSR), not a certificate. Have your CA sign it, then upload the certificate it returns.',
  publicKey:
    'This is a public key, not a certificate. Upload the certificate (.pem/.cer/.crt) that contains this key.',
  damaged:
    'The certificate in this file is damaged and cannot be read. Export the certificate again (PEM or DER) and upload that file.',
  notCertificate:
    'This file is not an X.509 certificate. Upload a certificate in PEM format (it starts with -----BEGIN CERTIFICATE-----) or DER format (.cer/.crt).',
} as const;

const fail = (reason: ParseProblemReason | 'too-many', message: string): ParseResult => ({
  ok: false,
  reason,
  message,
});

/**
 * Reads a certificate file: PEM (one or more certificates), DER, or the bare base64 DER the
 * IoT Central API carries. The first certificate is `cert`; any others are `chain`.
 * Never throws: anything that is not a certificate comes back as `ok: false` with a message.
 */
export async function parseCertificateFile(
  input: string | Uint8Array,
  options: ParseOptions = {},
): Promise<ParseResult> {
  try {
    if (typeof input === 'string') return await parseText(input, options);
    if (input.length === 0) return fail('empty', MESSAGES.empty);
    const text = bytesAsText(input);
    return text === undefined ? await parseDer(input, options) : await parseText(text, options);
  } catch {
    return fail('not-certificate', MESSAGES.notCertificate);
  }
}

/** The bytes as text when they are text (PEM, base64), undefined when they are binary (DER). */
function bytesAsText(bytes: Uint8Array): string | undefined {
  const [b0, b1] = bytes;
  const encoding =
    b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- binary data shows up as control characters
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

async function parseText(raw: string, options: ParseOptions): Promise<ParseResult> {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.length === 0) return fail('empty', MESSAGES.empty);

  if (!text.includes('-----BEGIN ')) {
    const bytes = decodeBase64(text);
    return bytes ? parseDer(bytes, options) : fail('not-certificate', MESSAGES.notCertificate);
  }

  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1] ?? '', body: m[2] ?? '' }));
  const certificates = blocks.filter((b) => CERTIFICATE_LABELS.has(b.label));
  if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
    return fail('private-key', certificates.length > 0 ? MESSAGES.certificateAndKey : MESSAGES.privateKey);
  }
  if (certificates.length === 0) {
    const pkcs7 = blocks.find((b) => b.label === 'PKCS7');
    const pkcs7Bytes = pkcs7 && decodeBase64(pkcs7.body);
    if (pkcs7Bytes) return parseDer(pkcs7Bytes, options);
    const label = blocks[0]?.label;
    if (label === undefined) return fail('not-certificate', MESSAGES.damaged);
    if (label.includes('CERTIFICATE REQUEST')) return fail('not-certificate', MESSAGES.csr);
    if (label.includes('PUBLIC KEY')) return fail('not-certificate', MESSAGES.publicKey);
    return fail(
      'not-certificate',
      `This file holds a "${label}" block, not a certificate. Upload a file that starts with -----BEGIN CERTIFICATE-----.`,
    );
  }

  const tooMany = options.checkCount?.(certificates.length);
  if (tooMany) return fail('too-many', tooMany);
  const lib = await loadX509Library();
  const infos: CertificateInfo[] = [];
  for (const block of certificates) {
    const bytes = decodeBase64(block.body);
    const cert = bytes && readCertificate(lib, bytes);
    if (!cert) return fail('not-certificate', MESSAGES.damaged);
    infos.push(await describeCertificate(cert));
  }
  const [first, ...chain] = infos;
  return first ? { ok: true, cert: first, chain } : fail('not-certificate', MESSAGES.damaged);
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  try {
    return base64ToBytes(unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
}

function readCertificate(lib: typeof X509Library, der: Uint8Array<ArrayBuffer>): X509Certificate | undefined {
  try {
    const cert = new lib.X509Certificate(der);
    // Touch the lazily decoded fields so a damaged certificate fails here.
    void [cert.subject, cert.issuer, cert.notBefore, cert.notAfter, cert.serialNumber, cert.extensions];
    return cert;
  } catch {
    return undefined;
  }
}

async function parseDer(input: Uint8Array, options: ParseOptions): Promise<ParseResult> {
  if (input.length === 0) return fail('empty', MESSAGES.empty);
  const der = new Uint8Array(input); // a private copy backed by a plain ArrayBuffer
  const lib = await loadX509Library();
  const cert = readCertificate(lib, der);
  if (cert) return { ok: true, cert: await describeCertificate(cert), chain: [] };
  if (await isPkcs8PrivateKey(der)) return fail('private-key', MESSAGES.privateKey);
  // A PKCS#7 bundle is counted from its structure before anything is parsed (the ASN.1 library gives up on
  // a bundle of about 800 certificates, which deserves its count, not "not a certificate").
  const counted = countPkcs7Certificates(der);
  const tooManyCounted = counted === undefined ? null : options.checkCount?.(counted);
  if (tooManyCounted) return fail('too-many', tooManyCounted);
  const bundle = readPkcs7(lib, der);
  const tooMany = options.checkCount?.(bundle.length);
  if (tooMany) return fail('too-many', tooMany);
  if (bundle.length > 0) {
    const [first, ...chain] = await Promise.all(bundle.map(describeCertificate));
    if (first) return { ok: true, cert: first, chain };
  }
  return fail('not-certificate', MESSAGES.notCertificate);
}

/** A DER element's tag and where its content starts and ends; undefined past the end or on a bad length. */
function readTlv(der: Uint8Array, at: number): { tag: number; start: number; end: number } | undefined {
  if (at + 2 > der.length) return undefined;
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > der.length) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] as number);
    start += bytes;
  }
  const end = start + length;
  return end <= der.length ? { tag, start, end } : undefined;
}

/**
 * How many certificates a DER PKCS#7 SignedData carries, read from its structure alone (ContentInfo →
 * [0] → SignedData → version, digestAlgorithms, encapContentInfo, [0] certificates); undefined when the
 * bytes are not shaped so.
 */
export function countPkcs7Certificates(der: Uint8Array): number | undefined {
  const contentInfo = readTlv(der, 0);
  if (contentInfo?.tag !== 0x30) return undefined;
  const contentType = readTlv(der, contentInfo.start);
  if (contentType?.tag !== 0x06) return undefined;
  const explicit = readTlv(der, contentType.end);
  if (explicit?.tag !== 0xa0) return undefined;
  const signedData = readTlv(der, explicit.start);
  if (signedData?.tag !== 0x30) return undefined;
  let at = signedData.start;
  for (const expected of [0x02, 0x31, 0x30]) {
    const field = readTlv(der, at);
    if (field?.tag !== expected) return undefined;
    at = field.end;
  }
  const certificates = readTlv(der, at);
  if (certificates?.tag !== 0xa0) return 0;
  let count = 0;
  for (let next = certificates.start; next < certificates.end; count++) {
    const certificate = readTlv(der, next);
    if (!certificate) return undefined;
    next = certificate.end;
  }
  return count;
}

function readPkcs7(lib: typeof X509Library, der: Uint8Array<ArrayBuffer>): X509Certificate[] {
  try {
    return [...new lib.X509Certificates(der)];
  } catch {
    return [];
  }
}

const PRIVATE_KEY_ALGORITHMS: (RsaHashedImportParams | EcKeyImportParams | Algorithm)[] = [
  { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  { name: 'RSA-PSS', hash: 'SHA-256' },
  { name: 'ECDSA', namedCurve: 'P-256' },
  { name: 'ECDSA', namedCurve: 'P-384' },
  { name: 'ECDSA', namedCurve: 'P-521' },
  { name: 'Ed25519' },
];

/** A DER PKCS#8 private key is recognised by letting WebCrypto import it. */
async function isPkcs8PrivateKey(der: Uint8Array<ArrayBuffer>): Promise<boolean> {
  for (const algorithm of PRIVATE_KEY_ALGORITHMS) {
    try {
      await webCrypto().subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
      return true;
    } catch {
      // not this algorithm
    }
  }
  return false;
}

async function describeCertificate(cert: X509Certificate): Promise<CertificateInfo> {
  const lib = await loadX509Library();
  const der = new Uint8Array(cert.rawData);
  const [sha1, sha256] = await Promise.all([
    webCrypto().subtle.digest('SHA-1', der),
    webCrypto().subtle.digest('SHA-256', der),
  ]);
  const key = describePublicKey(cert);
  return {
    subject: cert.subject,
    subjectCommonName: cert.subjectName.getField('CN')[0],
    issuer: cert.issuer,
    issuerCommonName: cert.issuerName.getField('CN')[0],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    serialNumber: cert.serialNumber.toUpperCase(),
    isCa: cert.getExtension(lib.BasicConstraintsExtension)?.ca === true,
    isSelfSigned: sameName(cert.subject, cert.issuer) && (await signedBy(cert, cert)),
    sha1Thumbprint: bytesToHex(sha1, true),
    sha256Thumbprint: bytesToHex(sha256, true),
    publicKeyAlgorithm: key.algorithm,
    publicKeyDetail: key.detail,
    derBase64: bytesToBase64(der),
    certificate: cert,
  };
}

export function toCertificateData({ certificate: _, ...data }: CertificateInfo): CertificateData {
  return data;
}

/**
 * A description read elsewhere (in a worker), with its certificate parsed again here: one certificate,
 * which is cheap, and no hashing or signature check is done twice.
 */
export async function fromCertificateData(data: CertificateData): Promise<CertificateInfo> {
  const lib = await loadX509Library();
  return { ...data, certificate: new lib.X509Certificate(base64ToBytes(data.derBase64)) };
}

function describePublicKey(cert: X509Certificate): { algorithm: PublicKeyAlgorithm; detail: string } {
  let algorithm: Algorithm & Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  try {
    algorithm = cert.publicKey.algorithm;
  } catch {
    return { algorithm: 'other', detail: 'Unknown key type' };
  }
  if (algorithm.name.startsWith('RSA')) {
    return { algorithm: 'RSA', detail: `RSA ${algorithm.modulusLength ?? '?'}-bit` };
  }
  if (algorithm.name === 'ECDSA' || algorithm.name === 'ECDH') {
    return { algorithm: 'EC', detail: `EC ${algorithm.namedCurve ?? ''}`.trim() };
  }
  if (algorithm.name === 'Ed25519' || algorithm.name === 'Ed448') {
    return { algorithm: algorithm.name, detail: algorithm.name };
  }
  return { algorithm: 'other', detail: algorithm.name };
}

/** True when `issuer`'s public key verifies `cert`'s signature (WebCrypto, no date check). */
async function signedBy(cert: X509Certificate, issuer: X509Certificate): Promise<boolean> {
  try {
    return await cert.verify({ publicKey: issuer, signatureOnly: true }, webCrypto());
  } catch {
    return false;
  }
}

/** Distinguished names compared as text, ignoring case and repeated spaces. */
function sameName(a: string, b: string): boolean {
  const normal = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();
  return normal(a) === normal(b);
}

// ---------------------------------------------------------------------------------------------
// Checks

const formatDate = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const label = (cert: CertificateInfo) => cert.subjectCommonName ?? cert.subject;

function validityProblem(
  cert: CertificateInfo,
  now: Date,
  what: string,
): CertificateProblem<ValidityProblemReason> | null {
  if (now.getTime() > cert.notAfter.getTime()) {
    return {
      reason: 'expired',
      message: `${what} expired on ${formatDate(cert.notAfter)}. Use a certificate that is still valid, or renew this one.`,
    };
  }
  if (now.getTime() < cert.notBefore.getTime()) {
    return {
      reason: 'not-yet-valid',
      message: `${what} is not valid until ${formatDate(cert.notBefore)}. Use a certificate that is valid now, or check the clock of the machine that made it.`,
    };
  }
  return null;
}

/** Is `now` inside the certificate's validity period? */
export function checkValidity(
  cert: CertificateInfo,
  now: Date,
): CertificateProblem<ValidityProblemReason> | null {
  return validityProblem(cert, now, 'The certificate');
}

/** An individual enrollment's certificate: the device's own leaf, with CN = device ID. */
export function checkDeviceCertificate(
  cert: CertificateInfo,
  deviceId: string,
  now: Date,
): CertificateProblem<DeviceCertificateProblemReason> | null {
  if (cert.isCa) {
    return {
      reason: 'is-ca',
      message: `This is a CA certificate ("${label(cert)}"), not a device certificate. Upload the device's own certificate, with CN=${deviceId}; to trust a CA, add it to an enrollment group instead.`,
    };
  }
  if (cert.subjectCommonName !== deviceId) {
    return {
      reason: 'cn-mismatch',
      message:
        cert.subjectCommonName === undefined
          ? `The certificate has no common name (CN). Its CN must be the device ID, "${deviceId}".`
          : `The certificate's common name (CN) is "${cert.subjectCommonName}", but the device ID is "${deviceId}". They must match: use a certificate with CN=${deviceId}.`,
    };
  }
  return checkValidity(cert, now);
}

/** An enrollment group's signing certificate: a root or intermediate CA. */
export function checkCaCertificate(
  cert: CertificateInfo,
  now: Date,
): CertificateProblem<CaCertificateProblemReason> | null {
  if (!cert.isCa) {
    return {
      reason: 'not-ca',
      message: `This is a device (leaf) certificate ("${label(cert)}"), not a CA certificate: it is not marked CA:TRUE. Upload the root or intermediate CA certificate that signed your device certificates.`,
    };
  }
  return checkValidity(cert, now);
}

export interface VerificationCheck {
  verificationCert: CertificateInfo;
  caCert: CertificateInfo;
  /** The outstanding verification code; undefined when none was generated (or it was used). */
  expectedCode: string | undefined;
  now: Date;
}

/**
 * Proof of possession: the verification certificate has CN = the current verification code and is
 * signed by the private key of the CA certificate being verified.
 */
export async function checkVerificationCertificate({
  verificationCert,
  caCert,
  expectedCode,
  now,
}: VerificationCheck): Promise<CertificateProblem<VerificationProblemReason> | null> {
  const code = expectedCode?.trim();
  if (!code) {
    return {
      reason: 'no-code',
      message:
        'There is no current verification code for this certificate. Generate a verification code, then make the verification certificate with that code as its CN.',
    };
  }
  const cn = verificationCert.subjectCommonName;
  if (cn?.trim().toUpperCase() !== code.toUpperCase()) {
    return {
      reason: 'wrong-cn',
      message: `The verification certificate's common name (CN) is ${cn === undefined ? 'missing' : `"${cn}"`}, but the current verification code is "${code}". Make a new verification certificate with CN=${code} (generating a code replaces the previous one).`,
    };
  }
  if (!sameName(verificationCert.issuer, caCert.subject)) {
    return {
      reason: 'wrong-issuer',
      message: `The verification certificate was issued by "${verificationCert.issuer}", not by this CA ("${caCert.subject}"). Sign it with this CA certificate and its private key.`,
    };
  }
  if (!(await signedBy(verificationCert.certificate, caCert.certificate))) {
    return {
      reason: 'bad-signature',
      message: `The verification certificate names "${label(caCert)}" as its issuer but was signed by another key. Sign it with the private key of the CA certificate you uploaded.`,
    };
  }
  return validityProblem(verificationCert, now, 'The verification certificate');
}

export interface ChainCheck {
  leaf: CertificateInfo;
  /** Certificates the device presented besides its own (any order). */
  intermediates: CertificateInfo[];
  /** Verified CA certificates (roots or intermediates). */
  trustAnchors: CertificateInfo[];
  now: Date;
}

/** Follows issuers from the leaf until a trust anchor, checking each signature and validity period. */
export async function verifyChain({
  leaf,
  intermediates,
  trustAnchors,
  now,
}: ChainCheck): Promise<ChainResult> {
  const path = [leaf];
  const visited = new Set<string>();
  let current = leaf;
  for (;;) {
    const problem = validityProblem(current, now, `Certificate "${label(current)}"`);
    if (problem) return { ok: false, at: current, ...problem };
    const anchor = trustAnchors.find((a) => a.sha256Thumbprint === current.sha256Thumbprint);
    if (anchor) return { ok: true, anchor, path };
    visited.add(current.sha256Thumbprint);

    const candidates = [...trustAnchors, ...intermediates].filter(
      (c) => !visited.has(c.sha256Thumbprint) && sameName(c.subject, current.issuer),
    );
    let issuer: CertificateInfo | undefined;
    for (const candidate of candidates) {
      if (await signedBy(current.certificate, candidate.certificate)) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) return { ok: false, at: current, ...missingIssuer(current, candidates) };
    if (!issuer.isCa) {
      return {
        ok: false,
        at: issuer,
        reason: 'issuer-not-ca',
        message: `Certificate "${label(issuer)}" signed "${label(current)}" but is not a CA certificate (not CA:TRUE), so it cannot issue certificates.`,
      };
    }
    path.push(issuer);
    current = issuer;
  }
}

function missingIssuer(
  cert: CertificateInfo,
  candidates: CertificateInfo[],
): CertificateProblem<ChainProblemReason> {
  if (candidates.length > 0) {
    return {
      reason: 'bad-signature',
      message: `Certificate "${label(cert)}" names "${cert.issuer}" as its issuer, but its signature does not verify with that certificate's key: it was signed by another key.`,
    };
  }
  if (cert.isSelfSigned) {
    return {
      reason: 'untrusted',
      message: `The chain ends at the self-signed certificate "${label(cert)}", which is not a verified CA certificate. Upload and verify the CA that signed the device certificate.`,
    };
  }
  return {
    reason: 'issuer-not-found',
    message: `No certificate was found for "${cert.issuer}", the issuer of "${label(cert)}". Send the intermediate certificates with the device certificate, or upload and verify the CA that signed it.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Verification codes

/** A new verification code: 24 random bytes as 48 upper-case hex characters. */
export function generateVerificationCode(): string {
  return bytesToHex(webCrypto().getRandomValues(new Uint8Array(24)), true);
}

const shellQuote = (arg: string) => (/^[\w./=:@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/**
 * The openssl commands that make a verification certificate for `code`, signed by the CA's
 * private key. `caName` is the file stem of the CA certificate and key: `<caName>.pem`, `<caName>.key`.
 */
export function verificationCertificateCommands(code: string, caName = 'ca'): string[] {
  return [
    'openssl genrsa -out verification.key 2048',
    `openssl req -new -key verification.key -subj ${shellQuote(`/CN=${code}`)} -out verification.csr`,
    `openssl x509 -req -in verification.csr -CA ${shellQuote(`${caName}.pem`)} -CAkey ${shellQuote(`${caName}.key`)} -CAcreateserial -days 30 -sha256 -out verification.pem`,
  ];
}
