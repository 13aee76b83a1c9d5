import { execFileSync, execSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CERT_FIXTURE_ALGORITHMS,
  FIXTURE_DEVICE_ID,
  FIXTURE_OTHER_VERIFICATION_CODE,
  FIXTURE_VERIFICATION_CODE,
  certFixturePath,
  loadCertFixture,
  readCertFixture,
  readCertFixtureText,
  readFixtureFingerprints,
} from '../testing/fixtures/certs';
import { bytesToBase64 } from './base64';
import {
  checkCaCertificate,
  checkDeviceCertificate,
  checkValidity,
  countPkcs7Certificates,
  checkVerificationCertificate,
  generateVerificationCode,
  loadX509Library,
  parseCertificateFile,
  verificationCertificateCommands,
  verifyChain,
  type CertificateInfo,
} from './x509';

const NOW = new Date('2030-06-01T00:00:00Z');
const PRIVATE_KEY_MESSAGE =
  'This is a private key, not a certificate. Upload the certificate (.pem/.cer/.crt) and keep the key secret.';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function parseOk(input: string | Uint8Array): Promise<CertificateInfo> {
  const result = await parseCertificateFile(input);
  if (!result.ok) throw new Error(result.message);
  return result.cert;
}

describe('parseCertificateFile', () => {
  it('reads a self-signed RSA device certificate (PEM)', async () => {
    const cert = await loadCertFixture('rsa-self-signed-device-001.pem');
    expect(cert).toMatchObject({
      subject: 'CN=device-001',
      subjectCommonName: 'device-001',
      issuerCommonName: 'device-001',
      isCa: false,
      isSelfSigned: true,
      publicKeyAlgorithm: 'RSA',
      publicKeyDetail: 'RSA 2048-bit',
    });
    expect(cert.sha1Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(cert.sha256Thumbprint).toMatch(/^[0-9A-F]{64}$/);
    expect(cert.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(cert.notAfter.getUTCFullYear()).toBeGreaterThanOrEqual(2120);
    expect(cert.notBefore.getTime()).toBeLessThan(cert.notAfter.getTime());
  });

  it('reads an EC P-256 certificate and CA flags', async () => {
    const leaf = await loadCertFixture('ec-self-signed-device-001.pem');
    expect(leaf).toMatchObject({ publicKeyAlgorithm: 'EC', publicKeyDetail: 'EC P-256', isSelfSigned: true });
    const root = await loadCertFixture('ec-root-ca.pem');
    expect(root).toMatchObject({ isCa: true, isSelfSigned: true, subjectCommonName: 'Test Root CA EC' });
    expect(root.subject).toContain('O=Device Console Tests');
    const intermediate = await loadCertFixture('ec-intermediate-ca.pem');
    expect(intermediate).toMatchObject({
      isCa: true,
      isSelfSigned: false,
      issuerCommonName: 'Test Root CA EC',
    });
  });

  it.each([
    'rsa-self-signed-device-001',
    'ec-self-signed-device-001',
    'rsa-root-ca',
    'ec-verification',
  ] as const)('reads %s as DER, as PEM and as the bare base64 the API carries, all alike', async (stem) => {
    const der = await parseOk(readCertFixture(`${stem}.der`));
    const pem = await parseOk(readCertFixtureText(`${stem}.pem`));
    const pemBytes = await parseOk(readCertFixture(`${stem}.pem`));
    const bare = await parseOk(der.derBase64);
    for (const other of [pem, pemBytes, bare]) {
      expect(other.sha1Thumbprint).toBe(der.sha1Thumbprint);
      expect(other.derBase64).toBe(der.derBase64);
    }
    expect(der.derBase64).toBe(bytesToBase64(readCertFixture(`${stem}.der`)));
    const pemBody = readCertFixtureText(`${stem}.pem`)
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s/g, '');
    expect(der.derBase64).toBe(pemBody);
  });

  it('tolerates CRLF, a byte-order mark, surrounding text and base64 without padding or with line breaks', async () => {
    const pem = readCertFixtureText('rsa-self-signed-device-001.pem');
    const expected = (await parseOk(pem)).sha1Thumbprint;
    const variants = [
      `\uFEFF${pem.replace(/\n/g, '\r\n')}`,
      `Subject: device-001\n${pem}\ntrailing notes`,
      (await parseOk(pem)).derBase64.replace(/(.{64})/g, '$1\n'),
    ];
    for (const variant of variants) expect((await parseOk(variant)).sha1Thumbprint).toBe(expected);
    const ec = await parseOk(readCertFixtureText('ec-self-signed-device-001.pem'));
    const unpadded = ec.derBase64.replace(/=+$/, '');
    expect((await parseOk(unpadded)).sha1Thumbprint).toBe(ec.sha1Thumbprint);
  });

  it('takes the first certificate of a PEM bundle and exposes the rest as the chain', async () => {
    const result = await parseCertificateFile(readCertFixtureText('rsa-device-001-chain.pem'));
    if (!result.ok) throw new Error(result.message);
    expect(result.cert.subjectCommonName).toBe('device-001');
    expect(result.chain.map((c) => c.subjectCommonName)).toEqual(['Test Intermediate CA RSA']);
    const single = await parseCertificateFile(readCertFixtureText('rsa-device-001.pem'));
    expect(single.ok && single.chain).toEqual([]);
  });

  it('gives the SHA-1 and SHA-256 thumbprints openssl printed for every certificate fixture', async () => {
    const fingerprints = readFixtureFingerprints();
    expect(fingerprints.length).toBeGreaterThan(20);
    for (const { file, sha1, sha256 } of fingerprints) {
      const cert = await loadCertFixture(file);
      expect({ file, sha1: cert.sha1Thumbprint, sha256: cert.sha256Thumbprint }).toEqual({
        file,
        sha1,
        sha256,
      });
    }
  });

  it.skipIf(!hasOpenssl)('matches `openssl x509 -noout -fingerprint -sha1` run now', async () => {
    for (const file of ['rsa-root-ca.pem', 'ec-device-001.pem'] as const) {
      const printed = execFileSync(
        'openssl',
        ['x509', '-in', certFixturePath(file), '-noout', '-fingerprint', '-sha1'],
        {
          encoding: 'utf8',
        },
      );
      const expected = printed.replace(/^.*=/, '').replace(/:/g, '').trim();
      expect((await loadCertFixture(file)).sha1Thumbprint).toBe(expected);
    }
  });

  it.each(['', '   \n\t', new Uint8Array()])('rejects an empty file (%j)', async (input) => {
    expect(await parseCertificateFile(input)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it.each(['garbage.txt', 'garbage.bin', 'garbage-cert.pem'] as const)(
    'rejects %s as not a certificate',
    async (file) => {
      const result = await parseCertificateFile(readCertFixture(file));
      expect(result).toMatchObject({ ok: false, reason: 'not-certificate' });
      expect(!result.ok && result.message).toMatch(/certificate/i);
    },
  );

  it.each([
    'rsa-device-001.key.pem',
    'ec-device-001.key.pem',
    'rsa-traditional.key.pem',
    'ec-traditional.key.pem',
    'encrypted.key.pem',
    'rsa-device-001.key.der',
    'ec-device-001.key.der',
  ] as const)('rejects the private key %s with a specific message', async (file) => {
    expect(await parseCertificateFile(readCertFixture(file))).toEqual({
      ok: false,
      reason: 'private-key',
      message: PRIVATE_KEY_MESSAGE,
    });
  });

  it('rejects a PEM holding a certificate and its private key, and a base64 PKCS#8 key', async () => {
    const combined =
      readCertFixtureText('rsa-device-001.pem') + readCertFixtureText('rsa-device-001.key.pem');
    const result = await parseCertificateFile(combined);
    expect(result).toMatchObject({ ok: false, reason: 'private-key' });
    expect(!result.ok && result.message).toMatch(/private key as well as a certificate/);
    const bareKey = bytesToBase64(readCertFixture('ec-device-001.key.der'));
    expect(await parseCertificateFile(bareKey)).toMatchObject({ ok: false, reason: 'private-key' });
  });

  it('explains a certificate signing request and a public key', async () => {
    const csr = await parseCertificateFile(readCertFixtureText('rsa-device-001.csr.pem'));
    expect(csr).toMatchObject({ ok: false, reason: 'not-certificate' });
    expect(!csr.ok && csr.message).toMatch(/signing request/);
    const lib = await loadX509Library();
    const cert = new lib.X509Certificate(readCertFixture('rsa-root-ca.der'));
    const publicKey = await parseCertificateFile(cert.publicKey.toString('pem'));
    expect(!publicKey.ok && publicKey.message).toMatch(/public key, not a certificate/);
  });

  it('never throws and rejects arbitrary text and bytes with a message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.uint8Array({ maxLength: 2048 }),
          fc.base64String({ maxLength: 400 }),
          fc
            .base64String({ maxLength: 400 })
            .map((b) => `-----BEGIN CERTIFICATE-----\n${b}\n-----END CERTIFICATE-----`),
          fc.constantFrom(
            '-----BEGIN CERTIFICATE-----',
            '-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----',
          ),
        ),
        async (input) => {
          const result = await parseCertificateFile(input);
          expect(result.ok).toBe(false);
          expect(!result.ok && result.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated or corrupted certificates', async () => {
    const der = readCertFixture('ec-root-ca.der');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: der.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const truncated = await parseCertificateFile(der.slice(0, at));
          expect(truncated.ok).toBe(false);
          const corrupted = der.slice();
          corrupted[at] = (corrupted[at] ?? 0) ^ xor;
          const result = await parseCertificateFile(corrupted);
          expect(result.ok || result.message.length > 0).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('checkValidity', () => {
  it('accepts a certificate inside its validity period', async () => {
    expect(checkValidity(await loadCertFixture('rsa-self-signed-device-001.pem'), NOW)).toBeNull();
  });
  it('reports an expired certificate with its end date', async () => {
    const problem = checkValidity(await loadCertFixture('rsa-expired-leaf.pem'), NOW);
    expect(problem?.reason).toBe('expired');
    expect(problem?.message).toContain('2001-01-01 00:00 UTC');
  });
  it('reports a certificate that is not valid yet', async () => {
    const problem = checkValidity(await loadCertFixture('ec-root-ca.pem'), new Date('1990-01-01T00:00:00Z'));
    expect(problem?.reason).toBe('not-yet-valid');
  });
});

describe('checkDeviceCertificate', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)(
    'accepts %s leaves with CN = device ID (self-signed or CA-signed)',
    async (alg) => {
      for (const file of [`${alg}-self-signed-device-001.pem`, `${alg}-device-001.pem`] as const) {
        expect(checkDeviceCertificate(await loadCertFixture(file), FIXTURE_DEVICE_ID, NOW)).toBeNull();
      }
    },
  );
  it('rejects a CN that is not the device ID, naming both', async () => {
    const problem = checkDeviceCertificate(
      await loadCertFixture('ec-self-signed-other-device.pem'),
      'device-001',
      NOW,
    );
    expect(problem?.reason).toBe('cn-mismatch');
    expect(problem?.message).toContain('"other-device"');
    expect(problem?.message).toContain('"device-001"');
  });
  it('rejects a CA certificate', async () => {
    const problem = checkDeviceCertificate(await loadCertFixture('rsa-root-ca.pem'), 'device-001', NOW);
    expect(problem?.reason).toBe('is-ca');
    expect(problem?.message).toMatch(/enrollment group/);
  });
  it('rejects an expired device certificate', async () => {
    const problem = checkDeviceCertificate(await loadCertFixture('ec-expired-leaf.pem'), 'device-001', NOW);
    expect(problem?.reason).toBe('expired');
  });
});

describe('checkCaCertificate', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)('accepts the %s root and intermediate', async (alg) => {
    expect(checkCaCertificate(await loadCertFixture(`${alg}-root-ca.pem`), NOW)).toBeNull();
    expect(checkCaCertificate(await loadCertFixture(`${alg}-intermediate-ca.pem`), NOW)).toBeNull();
  });
  it('rejects a leaf certificate', async () => {
    const problem = checkCaCertificate(await loadCertFixture('rsa-self-signed-device-001.pem'), NOW);
    expect(problem?.reason).toBe('not-ca');
    expect(problem?.message).toMatch(/root or intermediate CA/);
  });
  it('rejects an expired CA', async () => {
    expect(checkCaCertificate(await loadCertFixture('rsa-expired-ca.pem'), NOW)?.reason).toBe('expired');
  });
});

describe('checkVerificationCertificate', () => {
  describe.each(CERT_FIXTURE_ALGORITHMS)('with the %s root CA', (alg) => {
    const check = async (file: Parameters<typeof loadCertFixture>[0], expectedCode: string | undefined) =>
      checkVerificationCertificate({
        verificationCert: await loadCertFixture(file),
        caCert: await loadCertFixture(`${alg}-root-ca.pem`),
        expectedCode,
        now: NOW,
      });

    it('accepts CN = code signed by the CA key (code compared case-insensitively)', async () => {
      expect(await check(`${alg}-verification.pem`, FIXTURE_VERIFICATION_CODE)).toBeNull();
      expect(await check(`${alg}-verification.der`, FIXTURE_VERIFICATION_CODE.toLowerCase())).toBeNull();
    });
    it('rejects a certificate signed by another key', async () => {
      const problem = await check(`${alg}-verification-wrong-key.pem`, FIXTURE_VERIFICATION_CODE);
      expect(problem?.reason).toBe('bad-signature');
      expect(problem?.message).toMatch(/signed by another key/);
    });
    it('rejects the wrong CN, naming the current code', async () => {
      const problem = await check(`${alg}-verification-wrong-cn.pem`, FIXTURE_VERIFICATION_CODE);
      expect(problem?.reason).toBe('wrong-cn');
      expect(problem?.message).toContain(FIXTURE_OTHER_VERIFICATION_CODE);
      expect(problem?.message).toContain(`CN=${FIXTURE_VERIFICATION_CODE}`);
    });
    it('rejects an expired verification certificate', async () => {
      expect((await check(`${alg}-verification-expired.pem`, FIXTURE_VERIFICATION_CODE))?.reason).toBe(
        'expired',
      );
    });
    it('asks for a code when none is outstanding', async () => {
      expect((await check(`${alg}-verification.pem`, undefined))?.reason).toBe('no-code');
      expect((await check(`${alg}-verification.pem`, ''))?.reason).toBe('no-code');
    });
    it('rejects a certificate issued by another CA', async () => {
      const problem = await checkVerificationCertificate({
        verificationCert: await loadCertFixture(`${alg}-verification.pem`),
        caCert: await loadCertFixture(`${alg}-intermediate-ca.pem`),
        expectedCode: FIXTURE_VERIFICATION_CODE,
        now: NOW,
      });
      expect(problem?.reason).toBe('wrong-issuer');
    });
    it('really checks the signature: one flipped bit in it fails', async () => {
      const der = readCertFixture(`${alg}-verification.der`);
      der[der.length - 3] = (der[der.length - 3] ?? 0) ^ 0x01;
      const problem = await checkVerificationCertificate({
        verificationCert: await parseOk(der),
        caCert: await loadCertFixture(`${alg}-root-ca.pem`),
        expectedCode: FIXTURE_VERIFICATION_CODE,
        now: NOW,
      });
      expect(problem?.reason).toBe('bad-signature');
    });
  });

  it('does not accept the EC root for a certificate signed by the RSA root', async () => {
    const problem = await checkVerificationCertificate({
      verificationCert: await loadCertFixture('rsa-verification.pem'),
      caCert: await loadCertFixture('ec-root-ca.pem'),
      expectedCode: FIXTURE_VERIFICATION_CODE,
      now: NOW,
    });
    expect(problem?.reason).toBe('wrong-issuer');
  });
});

describe('verifyChain', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)('verifies the %s chain leaf → intermediate → root', async (alg) => {
    const leaf = await loadCertFixture(`${alg}-device-001.pem`);
    const intermediate = await loadCertFixture(`${alg}-intermediate-ca.pem`);
    const root = await loadCertFixture(`${alg}-root-ca.pem`);
    const result = await verifyChain({ leaf, intermediates: [intermediate], trustAnchors: [root], now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.anchor.sha1Thumbprint).toBe(root.sha1Thumbprint);
    expect(result.path.map((c) => c.subjectCommonName)).toEqual([
      'device-001',
      `Test Intermediate CA ${alg.toUpperCase()}`,
      `Test Root CA ${alg.toUpperCase()}`,
    ]);
  });

  it('stops at the first verified CA: a verified intermediate is enough', async () => {
    const intermediate = await loadCertFixture('rsa-intermediate-ca.pem');
    const result = await verifyChain({
      leaf: await loadCertFixture('rsa-device-001.pem'),
      intermediates: [],
      trustAnchors: [await loadCertFixture('rsa-root-ca.pem'), intermediate],
      now: NOW,
    });
    expect(result.ok && result.anchor.sha1Thumbprint).toBe(intermediate.sha1Thumbprint);
    expect(result.ok && result.path).toHaveLength(2);
  });

  it('fails against an unrelated root', async () => {
    const result = await verifyChain({
      leaf: await loadCertFixture('rsa-device-001.pem'),
      intermediates: [await loadCertFixture('rsa-intermediate-ca.pem')],
      trustAnchors: [await loadCertFixture('unrelated-root-ca.pem'), await loadCertFixture('ec-root-ca.pem')],
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, reason: 'issuer-not-found' });
    expect(!result.ok && result.at.subjectCommonName).toBe('Test Intermediate CA RSA');
    expect(!result.ok && result.message).toContain('Test Root CA RSA');
  });

  it('fails when a link is signed by another key (a root with the same name)', async () => {
    const result = await verifyChain({
      leaf: await loadCertFixture('ec-device-001.pem'),
      intermediates: [await loadCertFixture('ec-intermediate-ca.pem')],
      trustAnchors: [await loadCertFixture('ec-impostor-root-ca.pem')],
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('fails when the intermediate is missing, and for an untrusted self-signed leaf', async () => {
    const root = await loadCertFixture('rsa-root-ca.pem');
    const missing = await verifyChain({
      leaf: await loadCertFixture('rsa-device-001.pem'),
      intermediates: [],
      trustAnchors: [root],
      now: NOW,
    });
    expect(missing).toMatchObject({ ok: false, reason: 'issuer-not-found' });
    const selfSigned = await verifyChain({
      leaf: await loadCertFixture('rsa-self-signed-device-001.pem'),
      intermediates: [],
      trustAnchors: [root],
      now: NOW,
    });
    expect(selfSigned).toMatchObject({ ok: false, reason: 'untrusted' });
  });

  it('fails on an expired or not yet valid link', async () => {
    const params = {
      leaf: await loadCertFixture('rsa-device-001.pem'),
      intermediates: [await loadCertFixture('rsa-intermediate-ca.pem')],
      trustAnchors: [await loadCertFixture('rsa-root-ca.pem')],
    };
    expect(await verifyChain({ ...params, now: new Date('2200-01-01T00:00:00Z') })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await verifyChain({ ...params, now: new Date('1999-01-01T00:00:00Z') })).toMatchObject({
      ok: false,
      reason: 'not-yet-valid',
    });
  });

  it('fails when the issuer is not a CA', async () => {
    const lib = await loadX509Library();
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2120-01-01T00:00:00Z');
    const issuerCert = await lib.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=not-a-ca',
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: algorithm,
      extensions: [new lib.BasicConstraintsExtension(false)],
    });
    const leafCert = await lib.X509CertificateGenerator.create({
      serialNumber: '02',
      subject: 'CN=device-001',
      issuer: issuerCert.subjectName,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
      signingAlgorithm: algorithm,
    });
    const issuer = await parseOk(issuerCert.toString('pem'));
    const result = await verifyChain({
      leaf: await parseOk(leafCert.toString('pem')),
      intermediates: [issuer],
      trustAnchors: [await loadCertFixture('ec-root-ca.pem')],
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, reason: 'issuer-not-ca' });
  });
});

describe('verification codes', () => {
  it('generates 48 upper-case hex characters, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, generateVerificationCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9A-F]{48}$/);
  });

  it('shows the openssl commands, quoting unusual file names', () => {
    const commands = verificationCertificateCommands(FIXTURE_VERIFICATION_CODE, 'root');
    expect(commands).toHaveLength(3);
    expect(commands[1]).toContain(`-subj /CN=${FIXTURE_VERIFICATION_CODE}`);
    expect(commands[2]).toContain('-CA root.pem -CAkey root.key');
    expect(verificationCertificateCommands('X', "my CA's")[2]).toContain(`-CA 'my CA'\\''s.pem'`);
  });

  it.skipIf(!hasOpenssl)('the commands make a certificate that passes the check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verification-'));
    try {
      copyFileSync(certFixturePath('ec-root-ca.pem'), join(dir, 'root.pem'));
      copyFileSync(certFixturePath('ec-root-ca.key.pem'), join(dir, 'root.key'));
      const code = generateVerificationCode();
      for (const command of verificationCertificateCommands(code, 'root')) {
        execSync(command, { cwd: dir, stdio: 'ignore' });
      }
      const problem = await checkVerificationCertificate({
        verificationCert: await parseOk(readFileSync(join(dir, 'verification.pem'), 'utf8')),
        caCert: await loadCertFixture('ec-root-ca.pem'),
        expectedCode: code,
        now: new Date(),
      });
      expect(problem).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('countPkcs7Certificates', () => {
  const bundle = async (count: number) => {
    const lib = await loadX509Library();
    const root = new lib.X509Certificate(readCertFixtureText('rsa-root-ca.pem'));
    return new Uint8Array(new lib.X509Certificates(Array.from({ length: count }, () => root)).export('raw'));
  };

  it('counts the certificates of a DER PKCS#7 bundle from its structure, and knows a lone certificate is not one', async () => {
    expect(countPkcs7Certificates(await bundle(2))).toBe(2);
    expect(countPkcs7Certificates(readCertFixture('rsa-root-ca.pem'))).toBeUndefined();
    expect(countPkcs7Certificates(new Uint8Array([0x30, 0x82, 0xff]))).toBeUndefined();
  });

  it('gives a bundle too large for the ASN.1 library its count, not "not a certificate"', async () => {
    const result = await parseCertificateFile(await bundle(800), {
      checkCount: (count) => (count > 1 ? `A CA upload holds one certificate; this file has ${count}.` : null),
    });
    expect(result).toMatchObject({ ok: false, message: 'A CA upload holds one certificate; this file has 800.' });
  });
});
