// Reading and checking uploaded device certificates, on certificates openssl made
// (scripts/make-test-certs.sh; src/testing/fixtures/certs/README.md).
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_DEVICE_ID,
  readCertFixture,
  readFixtureFingerprints,
  type CertFixtureName,
} from '../../testing/fixtures/certs';
import { loadX509Library } from '../../lib/x509';
import {
  OPENSSL_CA_HINT,
  checkCertificateFile,
  formatCertificateDate,
  readCertificateUpload,
  type CertificateUpload,
} from './certificate-upload';

const NOW = new Date('2030-06-01T00:00:00Z');
const fingerprint = (file: CertFixtureName) => readFixtureFingerprints().find((f) => f.file === file);
const checkCertificateUpload = (fileName: string, bytes: Uint8Array<ArrayBuffer>, deviceId: string, now: Date) =>
  readCertificateUpload(new File([bytes], fileName), deviceId, now);
const check = (file: CertFixtureName, fileName: string = file, deviceId = FIXTURE_DEVICE_ID) =>
  checkCertificateUpload(fileName, readCertFixture(file), deviceId, NOW);

function ok(upload: CertificateUpload) {
  if (upload.status !== 'ok') throw new Error(`expected ok, got: ${upload.message}`);
  return upload;
}
function invalid(upload: CertificateUpload) {
  if (upload.status !== 'invalid') throw new Error('expected the upload to be rejected');
  return upload;
}

describe('readCertificateUpload, what the file holds', () => {
  it.each<CertFixtureName>(['rsa-self-signed-device-001.pem', 'ec-self-signed-device-001.pem'])(
    'accepts a self-signed leaf with CN = device ID (%s), with the thumbprints openssl printed',
    async (file) => {
      const upload = ok(await check(file));
      expect(upload.cert.subjectCommonName).toBe(FIXTURE_DEVICE_ID);
      expect(upload.cert.isSelfSigned).toBe(true);
      expect(upload.cert.sha1Thumbprint).toBe(fingerprint(file)?.sha1);
      expect(upload.cert.sha1Thumbprint).toMatch(/^[0-9A-F]{40}$/);
      expect(upload.cert.sha256Thumbprint).toBe(fingerprint(file)?.sha256);
      expect(upload.extraCertificates).toBe(0);
    },
  );

  it('reads DER as well as PEM: the same certificate, the same thumbprints', async () => {
    const der = ok(await check('rsa-self-signed-device-001.der', 'device-001.cer'));
    const pem = ok(await check('rsa-self-signed-device-001.pem'));
    expect(der.cert.sha1Thumbprint).toBe(pem.cert.sha1Thumbprint);
    expect(der.cert.derBase64).toBe(pem.cert.derBase64);
    expect(der.fileName).toBe('device-001.cer');
  });

  it('accepts a CA-signed leaf and counts the chain that comes with it', async () => {
    const upload = ok(await check('ec-device-001-chain.pem'));
    expect(upload.extraCertificates).toBe(1);
    expect(upload.cert.isSelfSigned).toBe(false);
  });

  it('rejects a CN that is not the device ID, and still shows the certificate', async () => {
    const upload = invalid(await check('rsa-self-signed-other-device.pem'));
    expect(upload.message).toMatch(/common name \(CN\) is "other-device", but the device ID is "device-001"/);
    expect(upload.cert?.subjectCommonName).toBe('other-device');
  });

  it('rejects an expired certificate, naming the date', async () => {
    expect(invalid(await check('rsa-expired-leaf.pem')).message).toMatch(/expired on 2001-01-01 00:00 UTC/);
  });

  it('rejects a certificate that is not valid yet', async () => {
    const upload = await checkCertificateUpload(
      'd.pem',
      readCertFixture('ec-self-signed-device-001.pem'),
      FIXTURE_DEVICE_ID,
      new Date('2001-01-01'),
    );
    expect(invalid(upload).message).toMatch(/is not valid until/);
  });

  it('rejects a CA certificate', async () => {
    const upload = invalid(await check('rsa-root-ca.pem'));
    expect(upload.message).toMatch(/This is a CA certificate/);
    expect(upload.message).not.toContain(OPENSSL_CA_HINT);
  });

  it("explains openssl's default when a self-signed device certificate is marked CA", async () => {
    const lib = await loadX509Library();
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]);
    const cert = await lib.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: `CN=${FIXTURE_DEVICE_ID}`,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new lib.BasicConstraintsExtension(true, undefined, true)],
    });
    const upload = invalid(
      await checkCertificateUpload(
        'device-001.pem',
        new TextEncoder().encode(cert.toString('pem')),
        FIXTURE_DEVICE_ID,
        NOW,
      ),
    );
    expect(upload.message).toMatch(/^This is a CA certificate \("device-001"\)/);
    expect(upload.message).toContain(OPENSSL_CA_HINT);
  });

  it('rejects a private key uploaded by mistake, alone or with the certificate', async () => {
    expect(invalid(await check('rsa-self-signed-device-001.key.pem')).message).toMatch(
      /This is a private key, not a certificate/,
    );
    expect(invalid(await check('ec-traditional.key.pem')).message).toMatch(/private key/);
    const bundle = new TextEncoder().encode(
      new TextDecoder().decode(readCertFixture('rsa-self-signed-device-001.pem')) +
        new TextDecoder().decode(readCertFixture('rsa-self-signed-device-001.key.pem')),
    );
    const upload = await checkCertificateUpload('both.pem', bundle, FIXTURE_DEVICE_ID, NOW);
    expect(invalid(upload).message).toMatch(/holds a private key as well as a certificate/);
  });

  it.each<[CertFixtureName, string, RegExp]>([
    ['garbage.txt', 'garbage.pem', /not an X\.509 certificate/],
    ['garbage.bin', 'garbage.cer', /not an X\.509 certificate/],
    ['garbage-cert.pem', 'garbage-cert.pem', /damaged/],
    ['rsa-device-001.csr.pem', 'request.pem', /certificate signing request/],
  ])('rejects %s with the reason', async (file, name, reason) => {
    const upload = invalid(await check(file, name));
    expect(upload.message).toMatch(reason);
    expect(upload.cert).toBeUndefined();
  });
});

describe('checkCertificateFile', () => {
  it('wants .pem, .cer, .crt or .der, not empty, and a sensible size', () => {
    expect(checkCertificateFile('Device.PEM', 1200)).toBeNull();
    expect(checkCertificateFile('device.der', 1200)).toBeNull();
    expect(checkCertificateFile('device.crt', 1200)).toBeNull();
    expect(checkCertificateFile('device.key', 1200)).toBe(
      '"device.key" is not a certificate file. Choose a .pem, .cer, .crt or .der file (PEM or DER).',
    );
    expect(checkCertificateFile('device.pem', 0)).toMatch(/is empty/);
    expect(checkCertificateFile('device.pem', 5 * 1024 * 1024)).toBe(
      'The file is 5.0 MB, larger than the 256 KB a certificate file may be. Choose the certificate file itself (.pem, .cer, .crt or .der).',
    );
  });
});

describe('readCertificateUpload', () => {
  it('reads a File, and checks its name before its content', async () => {
    const file = new File([readCertFixture('ec-self-signed-device-001.der')], 'device-001.crt');
    expect(ok(await readCertificateUpload(file, FIXTURE_DEVICE_ID, NOW)).cert.sha1Thumbprint).toBe(
      fingerprint('ec-self-signed-device-001.der')?.sha1,
    );
    const key = new File([readCertFixture('rsa-self-signed-device-001.pem')], 'device-001.key');
    expect(invalid(await readCertificateUpload(key, FIXTURE_DEVICE_ID, NOW)).message).toMatch(
      /not a certificate file/,
    );
  });
});

describe('formatCertificateDate', () => {
  it('writes UTC to the minute', () => {
    expect(formatCertificateDate(new Date('2026-10-01T08:00:59Z'))).toBe('2026-10-01 08:00 UTC');
  });
});
