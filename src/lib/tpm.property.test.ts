// Property tests for the EK parser with structured inputs: real RSA 2048 and ECC P-256 endorsement
// keys (WebCrypto keys marshaled with the TCG templates, and the Azure CLI's test EK), then re-wrapped
// (still the same EK), truncated at every length, cut with their size field made consistent,
// given random object attributes, or wrapped the wrong way (SPKI DER, PEM, base64url, hex).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';
import { decodeEndorsementKey, parseEndorsementKey, registrationIdFromEndorsementKey } from './tpm';
import { marshalEccEkPublic, marshalRsaEkPublic } from './tpm-marshal';

const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';

interface Ek {
  kind: 'rsa2048' | 'eccP256';
  bytes: Uint8Array;
  spki: Uint8Array;
  registrationId: string;
}

const eks: Ek[] = [];

const fromBase64Url = (text: string | undefined) => new Uint8Array(Buffer.from(text ?? '', 'base64url'));

beforeAll(async () => {
  const rsa = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  );
  const rsaJwk = await crypto.subtle.exportKey('jwk', rsa.publicKey);
  const rsaBytes = marshalRsaEkPublic(fromBase64Url(rsaJwk.n));
  eks.push({
    kind: 'rsa2048',
    bytes: rsaBytes,
    spki: new Uint8Array(await crypto.subtle.exportKey('spki', rsa.publicKey)),
    registrationId: await registrationIdFromEndorsementKey(rsaBytes),
  });
  for (let i = 0; i < 3; i++) {
    const ecc = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await crypto.subtle.exportKey('jwk', ecc.publicKey);
    const bytes = marshalEccEkPublic(fromBase64Url(jwk.x), fromBase64Url(jwk.y));
    eks.push({
      kind: 'eccP256',
      bytes,
      spki: new Uint8Array(await crypto.subtle.exportKey('spki', ecc.publicKey)),
      registrationId: await registrationIdFromEndorsementKey(bytes),
    });
  }
  const cli = new Uint8Array(Buffer.from(CLI_TEST_EK, 'base64'));
  // The CLI's EK comes without its SPKI: the generated RSA key's stands in.
  eks.push({
    kind: 'rsa2048',
    bytes: cli,
    spki: eks[0]!.spki,
    registrationId: await registrationIdFromEndorsementKey(cli),
  });
});

const ek = fc.nat().map((i) => eks[i % eks.length] as Ek);
const b64 = (bytes: Uint8Array) => bytesToBase64(bytes);

/** A refusal that says what is wrong: a sentence, never a stack trace or an empty string. */
function expectClearError(result: { ok: true } | { ok: false; error: string }, pattern?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatch(/^\S.{20,}[.)]$/s);
  if (pattern) expect(result.error).toMatch(pattern);
}

describe('parseEndorsementKey, properties', () => {
  it('reads the same EK however its base64 is wrapped or padded with whitespace', async () => {
    await fc.assert(
      fc.asyncProperty(
        ek,
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('\n', '\r\n', ' ', '\t'),
        async (e, width, gap) => {
          const text = b64(e.bytes);
          const wrapped = `${gap}${text.match(new RegExp(`.{1,${width}}`, 'g'))?.join(gap) ?? ''}${gap}`;
          const result = await parseEndorsementKey(wrapped);
          expect(result.ok && result.ek).toMatchObject({ keyType: e.kind, registrationId: e.registrationId });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses every truncation of an EK, and says it is truncated', () => {
    fc.assert(
      fc.property(ek, fc.nat(), (e, at) => {
        const length = at % e.bytes.length;
        const result = decodeEndorsementKey(b64(e.bytes.subarray(0, length)));
        if (length === 0) expectClearError(result, /Enter the endorsement key/);
        else if (length === 1) expectClearError(result, /too short/);
        else if (length === 2 && e.bytes[0] === 0 && e.bytes[1] === 0) expectClearError(result, /empty/);
        else expectClearError(result, /truncated: its size field says \d+ bytes, but \d+ follow\./);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses an EK cut short with its size field made to match, naming the field it ends in', () => {
    fc.assert(
      fc.property(ek, fc.nat(), (e, at) => {
        const areaLength = e.bytes.length - 2;
        const length = 1 + (at % (areaLength - 1));
        const cut = new Uint8Array(2 + length);
        cut.set(e.bytes.subarray(2, 2 + length), 2);
        cut[0] = length >> 8;
        cut[1] = length & 0xff;
        const result = decodeEndorsementKey(b64(cut));
        expectClearError(result, /^Not a usable endorsement key: |TPMT_PUBLIC without its 2-byte size/);
        if (!result.ok && result.error.startsWith('Not a usable')) {
          expect(result.error).toMatch(
            /ends in the middle of|is \d+ bytes|not 2048 bits|\d+-byte x|not on the P-256 curve/,
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('accepts exactly the object attributes of a restricted decryption key (restricted, decrypt, not sign)', () => {
    const RESERVED = ~(
      (1 << 1) |
      (1 << 2) |
      (1 << 4) |
      (1 << 5) |
      (1 << 6) |
      (1 << 7) |
      (1 << 10) |
      (1 << 11) |
      (1 << 16) |
      (1 << 17) |
      (1 << 18) |
      (1 << 19)
    );
    const attributes = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      // Mostly valid: the template's bits with a few flipped.
      fc
        .array(fc.integer({ min: 0, max: 19 }), { maxLength: 3 })
        .map((bits) => bits.reduce((a, bit) => a ^ (1 << bit), 0x000300b2) >>> 0),
    );
    fc.assert(
      fc.property(ek, attributes, (e, value) => {
        const bytes = new Uint8Array(e.bytes);
        new DataView(bytes.buffer).setUint32(6, value);
        const result = decodeEndorsementKey(b64(bytes));
        const isRestrictedDecrypt =
          (value & (1 << 16)) !== 0 && (value & (1 << 17)) !== 0 && (value & (1 << 18)) === 0;
        const shouldAccept = (value & RESERVED) === 0 && isRestrictedDecrypt;
        expect(result.ok, `attributes 0x${value.toString(16)}`).toBe(shouldAccept);
        if (result.ok) {
          expect(result.ek.attributes).toBe(value);
          expect(result.ek.hasStandardTemplate).toBe(
            value === 0x000300b2 && result.ek.authPolicy.length === 32,
          );
        } else {
          expectClearError(result, /reserved bits|restricted decryption key/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any byte changed in the fixed part of the template, and never throws for a change anywhere', () => {
    fc.assert(
      fc.property(ek, fc.nat(), fc.integer({ min: 1, max: 255 }), (e, at, xor) => {
        const offset = at % e.bytes.length;
        const bytes = new Uint8Array(e.bytes);
        bytes[offset] = (bytes[offset] ?? 0) ^ xor;
        const result = decodeEndorsementKey(b64(bytes));
        // size (0-1), type (2-3), nameAlg (4-5), policy size (10-11), symmetric alg (44-45), mode (48-49), scheme (50-51)
        const fixed = [0, 1, 2, 3, 4, 5, 10, 11, 44, 45, 48, 49, 50, 51];
        if (fixed.includes(offset)) expectClearError(result);
        else if (!result.ok) expectClearError(result);
      }),
      { numRuns: 800 },
    );
  });

  it('explains an EK in the wrong wrapping: SPKI DER, PEM, base64url, no size prefix, hex', () => {
    fc.assert(
      fc.property(ek, fc.constantFrom('spki', 'pem', 'base64url', 'bare', 'hex'), (e, wrapping) => {
        const text = b64(e.bytes);
        switch (wrapping) {
          case 'spki':
            expectClearError(decodeEndorsementKey(b64(e.spki)), /DER public key or certificate|TPM2B_PUBLIC/);
            break;
          case 'pem':
            expectClearError(
              decodeEndorsementKey(`-----BEGIN PUBLIC KEY-----\n${b64(e.spki)}\n-----END PUBLIC KEY-----`),
              /This is PEM/,
            );
            break;
          case 'base64url': {
            fc.pre(/[+/]/.test(text));
            expectClearError(decodeEndorsementKey(Buffer.from(e.bytes).toString('base64url')), /base64url/);
            break;
          }
          case 'bare':
            expectClearError(
              decodeEndorsementKey(b64(e.bytes.subarray(2))),
              /TPMT_PUBLIC without its 2-byte size/,
            );
            break;
          default:
            expectClearError(decodeEndorsementKey(Buffer.from(e.bytes).toString('hex')));
        }
      }),
      { numRuns: 100 },
    );
  });
});
