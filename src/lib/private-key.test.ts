import { describe, expect, it } from 'vitest';
import {
  loadCertFixture,
  readCertFixture,
  readCertFixtureText,
  type CertFixtureName,
} from '../testing/fixtures/certs';
import { checkKeyMatchesCertificate, importPrivateKey } from './private-key';

async function key(name: CertFixtureName) {
  const result = await importPrivateKey(readCertFixtureText(name));
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('importPrivateKey', () => {
  it.each([
    ['rsa-device-001.key.pem', 'RSA 2048-bit'],
    ['ec-device-001.key.pem', 'EC P-256'],
    ['rsa-traditional.key.pem', 'RSA 2048-bit'],
    ['ec-traditional.key.pem', 'EC P-256'],
  ] as const)('reads %s (%s)', async (name, description) => {
    await expect(importPrivateKey(readCertFixtureText(name))).resolves.toMatchObject({
      ok: true,
      description,
    });
  });

  it('reads DER PKCS#8', async () => {
    await expect(importPrivateKey(readCertFixture('ec-device-001.key.der'))).resolves.toMatchObject({
      ok: true,
      description: 'EC P-256',
    });
  });

  it('keeps the traditional forms equivalent to PKCS#8 (rewrapped, same key)', async () => {
    const cert = await loadCertFixture('rsa-device-001.pem');
    // rsa-traditional.key.pem is the device key in PKCS#1 form (make-test-certs.sh).
    expect(await checkKeyMatchesCertificate((await key('rsa-traditional.key.pem')).key, cert)).toBeNull();
    expect(
      await checkKeyMatchesCertificate(
        (await key('ec-traditional.key.pem')).key,
        await loadCertFixture('ec-device-001.pem'),
      ),
    ).toBeNull();
  });

  it.each([
    ['encrypted.key.pem', /encrypted with a password. Decrypt it first: openssl pkcs8 -topk8 -nocrypt/],
    ['rsa-device-001.pem', /This is a certificate, not a private key/],
    ['garbage.txt', /not a private key/],
    ['garbage.bin', /damaged|not a private key/],
  ] as const)('explains what is wrong with %s', async (name, message) => {
    const result = await importPrivateKey(readCertFixture(name));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('says an empty file is empty', async () => {
    await expect(importPrivateKey('')).resolves.toMatchObject({
      ok: false,
      message: expect.stringMatching(/empty/),
    });
  });
});

describe('checkKeyMatchesCertificate', () => {
  it("accepts the certificate's own key and refuses another one", async () => {
    const cert = await loadCertFixture('ec-device-001.pem');
    expect(await checkKeyMatchesCertificate((await key('ec-device-001.key.pem')).key, cert)).toBeNull();
    expect(
      await checkKeyMatchesCertificate((await key('ec-self-signed-device-001.key.pem')).key, cert),
    ).toMatch(/does not belong to the certificate "device-001"/);
    expect(await checkKeyMatchesCertificate((await key('rsa-device-001.key.pem')).key, cert)).toMatch(
      /does not belong/,
    );
  });
});
