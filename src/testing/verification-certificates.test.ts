// The test-time verification certificates are real: openssl itself accepts them under the CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVerificationCertificate, parseCertificateFile } from '../lib/x509';
import { certFixturePath, CERT_FIXTURE_ALGORITHMS, readCertFixtureText } from './fixtures/certs';
import { signVerificationCertificate } from './verification-certificates';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'verification-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CODE = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00';

describe('signVerificationCertificate', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)(
    'signs with the %s root key: CN = code, issuer = the root',
    async (alg) => {
      const pem = await signVerificationCertificate({
        caCertPem: readCertFixtureText(`${alg}-root-ca.pem`),
        signingKeyPem: readCertFixtureText(`${alg}-root-ca.key.pem`),
        commonName: CODE,
      });
      const [cert, ca] = await Promise.all([
        parseCertificateFile(pem),
        parseCertificateFile(readCertFixtureText(`${alg}-root-ca.pem`)),
      ]);
      if (!cert.ok || !ca.ok) throw new Error('not parsed');
      expect(cert.cert.subjectCommonName).toBe(CODE);
      expect(cert.cert.issuer).toBe(ca.cert.subject);
      expect(
        await checkVerificationCertificate({
          verificationCert: cert.cert,
          caCert: ca.cert,
          expectedCode: CODE,
          now: new Date(),
        }),
      ).toBeNull();

      if (!hasOpenssl) return;
      const file = join(dir, `${alg}.pem`);
      writeFileSync(file, pem);
      const out = execFileSync(
        'openssl',
        ['verify', '-CAfile', certFixturePath(`${alg}-root-ca.pem`), file],
        {
          encoding: 'utf8',
        },
      );
      expect(out.trim()).toBe(`${file}: OK`);
    },
  );

  it.skipIf(!hasOpenssl)('with another key, openssl rejects the signature too', async () => {
    const pem = await signVerificationCertificate({
      caCertPem: readCertFixtureText('rsa-root-ca.pem'),
      signingKeyPem: readCertFixtureText('ec-root-ca.key.pem'),
      commonName: CODE,
    });
    const file = join(dir, 'wrong-key.pem');
    writeFileSync(file, pem);
    let output = '';
    try {
      execFileSync('openssl', ['verify', '-CAfile', certFixturePath('rsa-root-ca.pem'), file], {
        stdio: 'pipe',
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: Buffer; stderr: Buffer };
      output = `${stdout.toString()}${stderr.toString()}`;
    }
    // OpenSSL 3 finds no certificate with the issuer name whose key verifies the signature.
    expect(output).toMatch(/verification failed/);
    expect(output).not.toMatch(/: OK/);
  });
});
