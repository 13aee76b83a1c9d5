import { describe, expect, it } from 'vitest';
import { readCertFixture, readCertFixtureText } from '../testing/fixtures/certs';
import { checkCertificateBlob } from './certificate-worker-protocol';
import { fromCertificateData, loadX509Library, parseCertificateFile } from './x509';

const blob = (content: string | Uint8Array<ArrayBuffer>) => new Blob([content]);

describe('checkCertificateBlob', () => {
  it('answers plain data a worker can post, which the page turns back into the same certificate', async () => {
    const verdict = await checkCertificateBlob(blob(readCertFixture('rsa-root-ca.pem')), 'ca');
    if (!verdict.ok) throw new Error(verdict.message);
    expect('certificate' in verdict.cert).toBe(false);
    expect(structuredClone(verdict)).toEqual(verdict);
    const parsed = await parseCertificateFile(readCertFixture('rsa-root-ca.pem'));
    if (!parsed.ok) throw new Error(parsed.message);
    const info = await fromCertificateData(verdict.cert);
    expect(info).toMatchObject({ ...verdict.cert, notAfter: parsed.cert.notAfter });
    expect(info.certificate.subject).toBe(parsed.cert.subject);
  });

  it('keeps the chain of a device certificate file', async () => {
    const verdict = await checkCertificateBlob(blob(readCertFixture('rsa-device-001-chain.pem')), 'device');
    expect(verdict.ok && verdict.chain.length).toBeGreaterThan(0);
  });

  it('refuses a file over its limit by its size alone', async () => {
    const big = new Blob([new Uint8Array(1024 * 1024 + 1)]);
    expect(await checkCertificateBlob(big, 'ca')).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('counts a PEM bundle before describing any certificate: 500 certificates take little time', async () => {
    const pem = readCertFixtureText('rsa-root-ca.pem').trim().concat('\n').repeat(500);
    const started = performance.now();
    const verdict = await checkCertificateBlob(blob(pem), 'ca');
    expect(verdict).toEqual({
      ok: false,
      reason: 'too-many',
      message:
        'A CA upload holds one certificate; this file has 500. Upload the root or intermediate CA certificate on its own.',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('counts a DER PKCS#7 bundle too (it has no BEGIN lines to count)', async () => {
    const lib = await loadX509Library();
    const root = new lib.X509Certificate(readCertFixture('rsa-root-ca.der'));
    const intermediate = new lib.X509Certificate(readCertFixtureText('rsa-intermediate-ca.pem'));
    const pkcs7 = new Uint8Array(new lib.X509Certificates([root, intermediate]).export('raw'));
    expect(await checkCertificateBlob(blob(pkcs7), 'ca')).toMatchObject({
      ok: false,
      reason: 'too-many',
      message: expect.stringMatching(/^A CA upload holds one certificate; this file has 2\./) as string,
    });
    expect(await checkCertificateBlob(blob(pkcs7), 'device')).toMatchObject({ ok: true, chain: [{}] });
  });

  it('gives the parser’s reason for what is not a certificate', async () => {
    expect(await checkCertificateBlob(blob(readCertFixture('rsa-root-ca.key.pem')), 'ca')).toMatchObject({
      ok: false,
      reason: 'private-key',
    });
  });
});
