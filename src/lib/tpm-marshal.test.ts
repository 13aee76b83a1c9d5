import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';
import { parseEndorsementKey, registrationIdFromEndorsementKey } from './tpm';
import { marshalEccEkPublic, marshalRsaEkPublic } from './tpm-marshal';

// azure-iot-cli-extension TEST_ENDORSEMENT_KEY: a real EK made with the TCG template L-1.
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';

const fromBase64Url = (text: string | undefined) => new Uint8Array(Buffer.from(text ?? '', 'base64url'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('marshalRsaEkPublic', () => {
  it('rebuilds the CLI test EK byte for byte from its modulus', () => {
    const modulus = Buffer.from(CLI_TEST_EK, 'base64').subarray(60);
    expect(modulus).toHaveLength(256);
    expect(b64(marshalRsaEkPublic(modulus))).toBe(CLI_TEST_EK);
  });

  it('round-trips a WebCrypto RSA-2048 key through marshalRsaEkPublic', async () => {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const modulus = fromBase64Url(jwk.n);
    const marshaled = marshalRsaEkPublic(modulus);
    expect(marshaled).toHaveLength(316);
    const result = await parseEndorsementKey(bytesToBase64(marshaled));
    if (!result.ok) throw new Error(result.error);
    expect(result.ek).toMatchObject({ keyType: 'rsa2048', exponent: 65537, hasStandardTemplate: true });
    if (result.ek.keyType !== 'rsa2048') throw new Error('expected RSA');
    expect(b64(result.ek.modulus)).toBe(b64(modulus));
    expect(result.ek.registrationId).toBe(await registrationIdFromEndorsementKey(marshaled));
  });
});

describe('marshalEccEkPublic', () => {
  it('round-trips a WebCrypto P-256 key through marshalEccEkPublic', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const x = fromBase64Url(jwk.x);
    const y = fromBase64Url(jwk.y);
    const result = await parseEndorsementKey(bytesToBase64(marshalEccEkPublic(x, y)));
    if (!result.ok) throw new Error(result.error);
    expect(result.ek).toMatchObject({
      keyType: 'eccP256',
      hasStandardTemplate: true,
      attributes: 0x000300b2,
    });
    if (result.ek.keyType !== 'eccP256') throw new Error('expected ECC');
    expect([b64(result.ek.x), b64(result.ek.y)]).toEqual([b64(x), b64(y)]);
    expect(result.ek.registrationId).toMatch(/^[a-z2-7]{52}$/);
  });
});

describe('the marshal helpers', () => {
  it('refuses wrong sizes in the marshal helpers', () => {
    expect(() => marshalRsaEkPublic(new Uint8Array(128))).toThrow(/256 bytes/);
    expect(() => marshalEccEkPublic(new Uint8Array(32), new Uint8Array(31))).toThrow(/32 bytes/);
  });
});
