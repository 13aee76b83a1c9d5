// Tests only: makes proof-of-possession certificates at test time, for a verification code the demo
// backend has just generated. Real signatures (WebCrypto), with the CA's private key from the
// openssl-made fixtures, exactly what `openssl x509 -req -CA ca.pem -CAkey ca.key` would produce.
import { base64ToBytes, bytesToBase64 } from '../lib/base64';
import { loadX509Library, parseCertificateFile } from '../lib/x509';

export interface SignVerificationCertificateOptions {
  /** The CA certificate being verified (PEM). Its subject becomes the issuer. */
  caCertPem: string;
  /** The private key that signs: PKCS#8 PEM ("BEGIN PRIVATE KEY"). Another key makes a "wrong key" certificate. */
  signingKeyPem: string;
  /** The subject CN: the verification code. */
  commonName: string;
  notBefore?: Date;
  notAfter?: Date;
}

function pemBody(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new Error(`No "${label}" PEM block`);
  return base64ToBytes(match[1].replace(/\s+/g, ''));
}

async function importSigningKey(pem: string): Promise<{ key: CryptoKey; algorithm: Algorithm }> {
  const der = pemBody(pem, 'PRIVATE KEY');
  const candidates: { importAs: RsaHashedImportParams | EcKeyImportParams; sign: Algorithm }[] = [
    {
      importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      sign: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
    },
    {
      importAs: { name: 'ECDSA', namedCurve: 'P-256' },
      sign: { name: 'ECDSA', hash: 'SHA-256' } as Algorithm,
    },
  ];
  for (const { importAs, sign } of candidates) {
    try {
      return { key: await crypto.subtle.importKey('pkcs8', der, importAs, false, ['sign']), algorithm: sign };
    } catch {
      // not this algorithm
    }
  }
  throw new Error('The signing key is neither RSA nor EC P-256 PKCS#8');
}

/** A verification certificate (PEM): CN = `commonName`, issuer = the CA's subject, signed by `signingKeyPem`. */
export async function signVerificationCertificate({
  caCertPem,
  signingKeyPem,
  commonName,
  notBefore = new Date(Date.now() - 60_000),
  notAfter = new Date(Date.now() + 30 * 86_400_000),
}: SignVerificationCertificateOptions): Promise<string> {
  const lib = await loadX509Library();
  const parsed = await parseCertificateFile(caCertPem);
  if (!parsed.ok) throw new Error(parsed.message);
  const { key, algorithm } = await importSigningKey(signingKeyPem);
  const subjectKeys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const cert = await lib.X509CertificateGenerator.create(
    {
      serialNumber: bytesToHex(crypto.getRandomValues(new Uint8Array(8))),
      subject: `CN=${commonName}`,
      issuer: parsed.cert.certificate.subjectName,
      notBefore,
      notAfter,
      publicKey: subjectKeys.publicKey,
      signingKey: key,
      signingAlgorithm: algorithm,
      extensions: [new lib.BasicConstraintsExtension(false)],
    },
    crypto,
  );
  return `-----BEGIN CERTIFICATE-----\n${bytesToBase64(new Uint8Array(cert.rawData)).replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
}

function bytesToHex(bytes: Uint8Array): string {
  // A positive serial: clear the top bit.
  const copy = new Uint8Array(bytes);
  copy[0] = (copy[0] ?? 0) & 0x7f;
  return Array.from(copy, (b) => b.toString(16).padStart(2, '0')).join('');
}
