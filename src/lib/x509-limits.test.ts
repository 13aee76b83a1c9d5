import { describe, expect, it } from 'vitest';
import { readCertFixture, readCertFixtureText } from '../testing/fixtures/certs';
import { CERTIFICATE_FILE_MAX_BYTES, checkCertificateFileSize, countCertificates } from './x509';

describe('certificate file limits', () => {
  it('refuses a file over 1 MB before it is read, saying how large it is', () => {
    expect(checkCertificateFileSize(CERTIFICATE_FILE_MAX_BYTES)).toBeNull();
    expect(checkCertificateFileSize(5 * 1024 * 1024)).toBe(
      'The file is 5.0 MB, larger than the 1.0 MB a certificate file may be. Choose the certificate file itself (.pem, .cer, .crt or .der).',
    );
  });

  it('counts the certificates of a PEM bundle without parsing them; DER is one', () => {
    const pem = readCertFixtureText('rsa-root-ca.pem');
    expect(countCertificates(pem)).toBe(1);
    expect(countCertificates(pem.repeat(3_919))).toBe(3_919);
    expect(countCertificates(new TextEncoder().encode(readCertFixtureText('rsa-device-001-chain.pem')))).toBe(
      (readCertFixtureText('rsa-device-001-chain.pem').match(/BEGIN CERTIFICATE/g) ?? []).length,
    );
    expect(countCertificates(new Uint8Array(readCertFixture('rsa-root-ca.der')))).toBe(1);
  });
});
