import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './base64';
import {
  EK_TEMPLATE_AUTH_POLICY_HEX,
  base32Encode,
  decodeEndorsementKey,
  parseEndorsementKey,
  registrationIdFromEndorsementKey,
  type EndorsementKeyParseResult,
} from './tpm';
import { marshalEccEkPublic, marshalRsaEkPublic } from './tpm-marshal';

// azure-iot-cli-extension azext_iot/tests/dps/__init__.py TEST_ENDORSEMENT_KEY (dps-protocol.md §1 vector B, §5).
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';
const CLI_TEST_EK_REGISTRATION_ID = 't6t2cg5vnzscr7ty546hj7c7maamkggectqcxkccq637z5bvlnoa';

const errorOf = (result: { ok: true } | { ok: false; error: string }) => (result.ok ? 'ok' : result.error);
const fromBase64Url = (text: string | undefined) => new Uint8Array(Buffer.from(text ?? '', 'base64url'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The CLI EK with one byte changed (offset into the TPM2B_PUBLIC). */
function patched(offset: number, ...values: number[]): string {
  const bytes = Buffer.from(CLI_TEST_EK, 'base64');
  values.forEach((value, i) => (bytes[offset + i] = value));
  return bytes.toString('base64');
}

describe('base32Encode', () => {
  it('follows the RFC 4648 test vectors', () => {
    const vectors = ['', 'MY======', 'MZXQ====', 'MZXW6===', 'MZXW6YQ=', 'MZXW6YTB', 'MZXW6YTBOI======'];
    vectors.forEach((expected, length) => {
      expect(base32Encode(new TextEncoder().encode('foobar'.slice(0, length)))).toBe(expected);
    });
  });
});

describe('registrationIdFromEndorsementKey', () => {
  it('derives the published Node SDK vector for the bytes of "registration"', async () => {
    await expect(registrationIdFromEndorsementKey(new TextEncoder().encode('registration'))).resolves.toBe(
      'fhe4gdqgarivz3mywpiu7wehkguprzfzxru5ja5gpisxyfflph5q',
    );
  });

  it('derives the registration ID of the CLI test EK', async () => {
    const id = await registrationIdFromEndorsementKey(Buffer.from(CLI_TEST_EK, 'base64'));
    expect(id).toBe(CLI_TEST_EK_REGISTRATION_ID);
    expect(id).toMatch(/^[a-z2-7]{52}$/);
  });

  it('is lowercase base32 of SHA-256 without padding, for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const digest = createHash('sha256').update(bytes).digest();
        const id = await registrationIdFromEndorsementKey(bytes);
        expect(id).toBe(base32Encode(digest).toLowerCase().replace(/=/g, ''));
        expect(id).toHaveLength(52);
      }),
      { numRuns: 50 },
    );
  });
});

describe('parseEndorsementKey', () => {
  it('parses the CLI test EK as an RSA 2048 EK with the default template', async () => {
    const result = await parseEndorsementKey(CLI_TEST_EK);
    if (!result.ok) throw new Error(result.error);
    const { ek } = result;
    expect(ek).toMatchObject({
      keyType: 'rsa2048',
      nameAlg: 'sha256',
      attributes: 0x000300b2,
      symmetric: { algorithm: 'aes', keyBits: 128, mode: 'cfb' },
      hasStandardTemplate: true,
      exponent: 65537,
      registrationId: CLI_TEST_EK_REGISTRATION_ID,
    });
    expect(ek.attributeNames).toEqual([
      'fixedTPM',
      'fixedParent',
      'sensitiveDataOrigin',
      'adminWithPolicy',
      'restricted',
      'decrypt',
    ]);
    expect(bytesToHex(ek.authPolicy)).toBe(EK_TEMPLATE_AUTH_POLICY_HEX);
    expect(ek.bytes).toHaveLength(316);
    if (ek.keyType !== 'rsa2048') throw new Error('expected RSA');
    expect(ek.modulus).toHaveLength(256);
  });

  it('ignores whitespace and line breaks around and inside the base64', async () => {
    const wrapped = `  ${CLI_TEST_EK.replace(/(.{64})/g, '$1\n')}\n`;
    await expect(parseEndorsementKey(wrapped)).resolves.toMatchObject({
      ok: true,
      ek: { registrationId: CLI_TEST_EK_REGISTRATION_ID },
    });
  });

  it('explains input that is not a base64 TPM2B_PUBLIC', async () => {
    const error = async (text: string) => errorOf(await parseEndorsementKey(text));
    expect(await error('')).toMatch(/Enter the endorsement key/);
    expect(await error('not base64!')).toMatch(/Not valid base64/);
    expect(await error('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----')).toMatch(/PEM/);
    expect(await error('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA')).toMatch(/DER/);
    expect(await error('AA==')).toMatch(/too short/);
    expect(await error('AAA=')).toMatch(/empty/);
    expect(await error(CLI_TEST_EK.slice(0, 200))).toMatch(
      /truncated: its size field says 314 bytes, but 148 follow/,
    );
    const bytes = Buffer.from(CLI_TEST_EK, 'base64');
    expect(await error(b64(Buffer.concat([bytes, Buffer.from([0, 0])])))).toMatch(/2 extra bytes/);
    expect(await error(b64(bytes.subarray(2)))).toMatch(/TPMT_PUBLIC without its 2-byte size/);
    expect(await error('A'.repeat(8000))).toMatch(/too long/);
  });

  it('accepts only RSA 2048 or ECC P-256 restricted decryption keys', async () => {
    const error = async (text: string) => errorOf(await parseEndorsementKey(text));
    // Offsets in the TPM2B_PUBLIC: 2 type, 4 nameAlg, 6 attributes, 10 policy (2 + 32), 44 sym alg,
    // 46 key bits, 48 mode, 50 scheme, 52 RSA bits, 54 exponent, 58 modulus size, 60 modulus.
    expect(await error(patched(2, 0x00, 0x08))).toMatch(/key type is keyedHash/);
    expect(await error(patched(4, 0x00, 0x04))).toMatch(/name algorithm is sha1/);
    expect(await error(patched(6, 0x00, 0x07))).toMatch(/restricted decryption key/);
    expect(await error(patched(6, 0x80))).toMatch(/reserved bits/);
    expect(await error(patched(44, 0x00, 0x10))).toMatch(/symmetric algorithm is null/);
    expect(await error(patched(46, 0x00, 0x40))).toMatch(/AES key size is 64 bits/);
    expect(await error(patched(48, 0x00, 0x42))).toMatch(/mode is 0x0042; an EK uses CFB/);
    expect(await error(patched(50, 0x00, 0x17))).toMatch(/scheme is 0x0017/);
    expect(await error(patched(52, 0x04, 0x00))).toMatch(/RSA key is 1024 bits/);
    expect(await error(patched(54, 0x00, 0x00, 0x00, 0x02))).toMatch(/exponent 2 is invalid/);
    expect(await error(patched(60, 0x00))).toMatch(/not 2048 bits/);
    expect(await error(b64(marshalRsaEkPublic(new Uint8Array(256))))).toMatch(/not 2048 bits/);
  });

  it('rejects other curves and points that are not on P-256', async () => {
    const error = async (text: string) => errorOf(await parseEndorsementKey(text));
    const zero = new Uint8Array(32);
    expect(await error(b64(marshalEccEkPublic(zero, zero)))).toMatch(/not on the P-256 curve/);
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const good = Buffer.from(marshalEccEkPublic(fromBase64Url(jwk.x), fromBase64Url(jwk.y)));
    const otherCurve = Buffer.from(good);
    otherCurve[53] = 0x04; // curveID at 52: NIST P-384
    expect(await error(b64(otherCurve))).toMatch(/curve is 0x0004/);
    const withKdf = Buffer.from(good);
    withKdf[55] = 0x20; // kdf at 54
    expect(await error(b64(withKdf))).toMatch(/KDF is 0x0020/);
    const offCurve = Buffer.from(good);
    offCurve[offCurve.length - 1]! ^= 1;
    expect(await error(b64(offCurve))).toMatch(/not on the P-256 curve/);
  });

  it('decodes synchronously without the registration ID', () => {
    const result = decodeEndorsementKey(CLI_TEST_EK);
    expect(result).toMatchObject({ ok: true, ek: { keyType: 'rsa2048' } });
    expect(result.ok && 'registrationId' in result.ek).toBe(false);
  });

  it('never throws, and returns ok or a non-empty error, for any input', async () => {
    const check = (result: EndorsementKeyParseResult) => {
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    };
    const bytesAsBase64 = fc.uint8Array({ maxLength: 400 }).map(b64);
    const mutatedEk = fc
      .tuple(fc.nat(315), fc.integer({ min: 0, max: 255 }), fc.nat(316))
      .map(([offset, value, cut]) => {
        const bytes = Buffer.from(CLI_TEST_EK, 'base64');
        bytes[offset] = value;
        return b64(bytes.subarray(0, Math.max(cut, offset + 1)));
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), bytesAsBase64, mutatedEk), async (text) => {
        check(await parseEndorsementKey(text));
      }),
      { numRuns: 1000 },
    );
    for (const value of [undefined, null, 42, {}]) {
      expect(decodeEndorsementKey(value as unknown as string)).toMatchObject({ ok: false });
    }
  });
});
