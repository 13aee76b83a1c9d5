// The console server's own certificate authority, for the device endpoints (DPS over HTTPS and MQTT, the
// IoT hub). Made on first start next to the data file and kept there: `ca.pem` is what devices trust
// (printed at start, downloadable from Connect); the server certificate names localhost, 127.0.0.1, ::1
// and the device host name, and is made again when a new host name is asked for or it nears its end.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export interface LocalCa {
  /** The CA certificate (PEM) devices trust. */
  caPem: string;
  /** Where `caPem` is kept; undefined for a throwaway CA (an in-memory store). */
  caPath: string | undefined;
  /**
   * The TLS server's certificate and key, PEM. The handshake sends the certificate alone: devices hold the
   * CA, and a root need not be sent (RFC 8446 §4.4.2), which spares each handshake a certificate to send,
   * read and check (a device's TLS buffer may be small).
   */
  certPem: string;
  keyPem: string;
}

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;
/** Made again when less than this is left. */
const RENEW_BEFORE_MS = 30 * DAY;

const pemOf = (label: string, der: ArrayBuffer) => x509.PemConverter.encode(der, label);

async function exportKey(key: CryptoKey): Promise<string> {
  return pemOf('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', key));
}

async function importKey(pem: string): Promise<CryptoKey> {
  const [der] = x509.PemConverter.decode(pem);
  return crypto.subtle.importKey('pkcs8', der as ArrayBuffer, KEY_ALGORITHM, true, ['sign']);
}

function serialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function createCa(): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: 'CN=IoT device console local CA, O=Device console (demo)',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 10 * 365 * DAY),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function createServerCertificate(
  ca: { cert: x509.X509Certificate; key: CryptoKey },
  hostNames: readonly string[],
): Promise<{ certPem: string; keyPem: string }> {
  const keys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const isIp = (name: string) => /^[\d.]+$|:/.test(name);
  const names = [...new Set(['localhost', ...hostNames.filter((n) => !isIp(n))])];
  const ips = [...new Set(['127.0.0.1', '::1', ...hostNames.filter(isIp)])];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${names.find((n) => n !== 'localhost') ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: `${cert.toString('pem')}\n`, keyPem: await exportKey(keys.privateKey) };
}

function coversHosts(certPem: string, hostNames: readonly string[]): boolean {
  const cert = new x509.X509Certificate(certPem);
  if (cert.notAfter.getTime() - Date.now() < RENEW_BEFORE_MS) return false;
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const named = new Set((san?.names.items ?? []).map((n) => n.value.toLowerCase()));
  return hostNames.every((name) => named.has(name.toLowerCase()));
}

/**
 * The CA and server certificate in `dir` (created when missing, renewed when they no longer fit), or
 * made in memory when `dir` is undefined. `hostNames` are the names devices use besides localhost.
 */
export async function loadLocalCa(dir: string | undefined, hostNames: readonly string[]): Promise<LocalCa> {
  if (dir === undefined) {
    const ca = await createCa();
    const server = await createServerCertificate({ cert: ca.cert, key: ca.keys.privateKey }, hostNames);
    return { caPem: ca.cert.toString('pem'), caPath: undefined, ...server };
  }
  mkdirSync(dir, { recursive: true });
  const paths = {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  };
  const writeSecret = (path: string, pem: string) => {
    writeFileSync(path, pem, { mode: 0o600 });
    chmodSync(path, 0o600);
  };
  let caPem: string;
  let caKey: CryptoKey;
  const caUsable =
    existsSync(paths.ca) &&
    existsSync(paths.caKey) &&
    new x509.X509Certificate(readFileSync(paths.ca, 'utf8')).notAfter.getTime() - Date.now() > RENEW_BEFORE_MS;
  if (caUsable) {
    caPem = readFileSync(paths.ca, 'utf8');
    caKey = await importKey(readFileSync(paths.caKey, 'utf8'));
  } else {
    const ca = await createCa();
    caPem = ca.cert.toString('pem');
    caKey = ca.keys.privateKey;
    writeSecret(paths.caKey, await exportKey(caKey));
    writeFileSync(paths.ca, caPem);
  }
  const serverUsable =
    caUsable && existsSync(paths.cert) && existsSync(paths.key) && coversHosts(readFileSync(paths.cert, 'utf8'), hostNames);
  if (!serverUsable) {
    const server = await createServerCertificate({ cert: new x509.X509Certificate(caPem), key: caKey }, hostNames);
    writeSecret(paths.key, server.keyPem);
    writeFileSync(paths.cert, server.certPem);
  }
  return {
    caPem,
    caPath: paths.ca,
    // A server.pem written before 2026-12 holds the CA after the certificate: only the first is sent.
    certPem: `${new x509.X509Certificate(readFileSync(paths.cert, 'utf8')).toString('pem')}\n`,
    keyPem: readFileSync(paths.key, 'utf8'),
  };
}
