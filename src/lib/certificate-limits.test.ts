import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_FILE_RULES,
  certificateLimitText,
  checkCertificateCount,
  checkCertificateFileSize,
  checkPrivateKeyFileSize,
  PRIVATE_KEY_MAX_BYTES,
} from './certificate-limits';

describe('certificate file limits', () => {
  it('refuse a file over its limit before it is read, saying how large it is', () => {
    expect(checkCertificateFileSize(CERTIFICATE_FILE_RULES.ca.maxBytes, 'ca')).toBeNull();
    expect(checkCertificateFileSize(5 * 1024 * 1024, 'ca')).toBe(
      'The file is 5.0 MB, larger than the 1.0 MB a certificate file may be. Choose the certificate file itself (.pem, .cer, .crt or .der).',
    );
    expect(checkCertificateFileSize(300 * 1024, 'device')).toMatch(
      /^The file is 300 KB, larger than the 256 KB/,
    );
  });

  it('refuse a private key file over 64 KB before it is read', () => {
    expect(checkPrivateKeyFileSize(PRIVATE_KEY_MAX_BYTES)).toBeNull();
    expect(checkPrivateKeyFileSize(100 * 1024 * 1024)).toBe(
      "The file is 100.0 MB, larger than the 64 KB a private key file may be. Choose the key's own file (.pem, .key or .der).",
    );
  });

  it('refuse more certificates than the upload holds, with the count', () => {
    expect(checkCertificateCount(1, 'ca')).toBeNull();
    expect(checkCertificateCount(3_919, 'ca')).toBe(
      'A CA upload holds one certificate; this file has 3,919. Upload the root or intermediate CA certificate on its own.',
    );
    expect(checkCertificateCount(2, 'verification', 'one')).toMatch(
      /^A verification certificate file holds one certificate; this one has 2\./,
    );
    expect(checkCertificateCount(10, 'device')).toBeNull();
    expect(checkCertificateCount(11, 'device')).toMatch(/up to 10 certificates; this file has 11\./);
  });

  it('word the limit each upload control states', () => {
    expect(certificateLimitText('ca')).toBe('up to 1.0 MB and one certificate');
    expect(certificateLimitText('device')).toBe('up to 256 KB and 10 certificates');
  });
});
