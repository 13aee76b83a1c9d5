import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, describeBase64Problem } from './base64';
import { checkSymmetricKey, deriveDeviceKey, deriveDeviceKeys, generateSymmetricKey, hmacSha256Base64, keyDerivation } from './sas-keys';

const KEY_C = Buffer.from(Array.from({ length: 64 }, (_, i) => i)).toString('base64');

// dps-protocol.md §1, vectors A to E.
const VECTORS = [
  {
    name: 'A (published, concepts-symmetric-key-attestation.md)',
    groupKey: '8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==',
    registrationId: 'sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6',
    deviceKey: 'Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=',
  },
  {
    name: 'B (published, azure-iot-cli-extension tests)',
    groupKey:
      'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==',
    registrationId: 'myarbitrarydeviceId',
    deviceKey: 'cT/EXZvsplPEpT//p98Pc6sKh8mY3kYgSxavHwMkl7w=',
  },
  {
    name: 'C',
    groupKey: KEY_C,
    registrationId: 'device-001',
    deviceKey: 'Tz4Wtei6uHSGQm0NiJy0Ijsh6/sJcnyJYOAfzqC4oKM=',
  },
  {
    name: 'D',
    groupKey: KEY_C,
    registrationId: 'mydevice',
    deviceKey: 'UEAD+unVBCoMLzhUYQCje7g8Giz/aG+0e9NzNQDrbUE=',
  },
  {
    name: 'E (UTF-8)',
    groupKey: KEY_C,
    registrationId: 'Device-ÄÖ',
    deviceKey: 'dAuTMacefgcXY4k227B8cvwjpu8H31NSQo9x3eHaLoQ=',
  },
];

describe('deriveDeviceKeys', () => {
  it('derives every vector of one group key in one batch, in order', async () => {
    const ofC = VECTORS.filter((v) => v.groupKey === KEY_C);
    await expect(deriveDeviceKeys(KEY_C, ofC.map((v) => v.registrationId))).resolves.toEqual(ofC.map((v) => v.deviceKey));
  });

  it('agrees with node:crypto over more IDs than one slice of signatures', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `device-${i}`);
    const expected = ids.map((id) => createHmac('sha256', base64ToBytes(KEY_C)).update(id, 'utf8').digest('base64'));
    await expect(deriveDeviceKeys(KEY_C, ids)).resolves.toEqual(expected);
  });

  it('derives the same keys and signatures with an injected synchronous HMAC (the console server passes node:crypto)', async () => {
    const key = base64ToBytes(KEY_C);
    const webCryptoMac = await hmacSha256Base64(key, 'hub/devices/device-001\n1700000000');
    let calls = 0;
    keyDerivation.hmacSha256 = (key, message) => {
      calls += 1;
      return createHmac('sha256', key).update(message).digest();
    };
    try {
      for (const v of VECTORS) await expect(deriveDeviceKeys(v.groupKey, [v.registrationId]), v.name).resolves.toEqual([v.deviceKey]);
      expect(calls).toBe(VECTORS.length);
      await expect(hmacSha256Base64(key, 'hub/devices/device-001\n1700000000')).resolves.toBe(webCryptoMac);
      expect(calls).toBe(VECTORS.length + 1);
      await expect(deriveDeviceKeys('not base64!', ['device-001'])).rejects.toThrow(/Group key/);
    } finally {
      delete keyDerivation.hmacSha256;
    }
  });

  it('returns nothing for no IDs, and refuses a group key that is not base64', async () => {
    await expect(deriveDeviceKeys(KEY_C, [])).resolves.toEqual([]);
    await expect(deriveDeviceKeys('not base64!', ['device-001'])).rejects.toThrow(/Group key: Not valid base64/);
  });
});

describe('deriveDeviceKey', () => {
  it('vector C uses the bytes 0x00..0x3f as its group key', () => {
    expect(KEY_C).toBe(
      'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==',
    );
  });

  it.each(VECTORS)('reproduces vector $name', async ({ groupKey, registrationId, deviceKey }) => {
    await expect(deriveDeviceKey(groupKey, registrationId)).resolves.toBe(deviceKey);
  });

  it('is case-sensitive in the registration ID', async () => {
    const lower = await deriveDeviceKey(KEY_C, 'device-001');
    await expect(deriveDeviceKey(KEY_C, 'Device-001')).resolves.not.toBe(lower);
  });

  it('agrees with node:crypto (dps-keygen) for arbitrary keys and IDs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.string(), async (key, id) => {
        const groupKey = Buffer.from(key).toString('base64');
        const expected = createHmac('sha256', Buffer.from(key)).update(id, 'utf8').digest('base64');
        expect(await deriveDeviceKey(groupKey, id)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a group key that is not base64, saying why', async () => {
    await expect(deriveDeviceKey('not base64!', 'device-001')).rejects.toThrow(/Group key: Not valid base64/);
  });
});

describe('generateSymmetricKey', () => {
  it('makes 64-byte keys by default, different each time, that pass the check', () => {
    const first = generateSymmetricKey();
    expect(base64ToBytes(first)).toHaveLength(64);
    expect(checkSymmetricKey(first)).toBeNull();
    expect(generateSymmetricKey()).not.toBe(first);
  });

  it('takes another length from 16 to 64 and refuses the rest', () => {
    expect(base64ToBytes(generateSymmetricKey(16))).toHaveLength(16);
    expect(base64ToBytes(generateSymmetricKey(32))).toHaveLength(32);
    expect(() => generateSymmetricKey(8)).toThrow(RangeError);
    expect(() => generateSymmetricKey(65)).toThrow(/16 to 64/);
    expect(() => generateSymmetricKey(20.5)).toThrow(RangeError);
  });
});

describe('checkSymmetricKey', () => {
  it('accepts base64 of 16 to 64 bytes', () => {
    for (const length of [16, 32, 33, 64]) {
      expect(checkSymmetricKey(Buffer.alloc(length, 7).toString('base64'))).toBeNull();
    }
    expect(checkSymmetricKey(VECTORS[0]!.groupKey)).toBeNull();
  });

  it('says how many bytes a key has when it is too short or too long', () => {
    expect(checkSymmetricKey(Buffer.alloc(8).toString('base64'))).toBe(
      'Key is 8 bytes; use 16 to 64 bytes (e.g. press Generate).',
    );
    expect(checkSymmetricKey(Buffer.alloc(1).toString('base64'))).toMatch(/^Key is 1 byte;/);
    expect(checkSymmetricKey(Buffer.alloc(65).toString('base64'))).toMatch(/^Key is 65 bytes; use 16 to 64/);
    expect(checkSymmetricKey(VECTORS[1]!.groupKey)).toMatch(/^Key is 316 bytes/);
  });

  it('explains what is wrong with text that is not base64', () => {
    expect(checkSymmetricKey('')).toMatch(/Enter a key/);
    expect(checkSymmetricKey(' AAECAwQFBgcICQoLDA0ODw==')).toMatch(/spaces or line breaks/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0ODw')).toMatch(/end it with "=="/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0ODw-_')).toMatch(/base64url/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0OD€!')).toMatch(/"€", "!" are not base64 characters/);
    expect(checkSymmetricKey('AAEC=AwQFBgcICQoLDA0ODw==')).toMatch(/only at the end/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0ODwA')).toMatch(/end it with "="/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0ODwAAA')).toMatch(/cut off/);
    expect(checkSymmetricKey('AAECAwQFBgcICQoLDA0ODwAA=')).toMatch(/remove the "="/);
  });

  it('returns null or a non-empty message for any text, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const message = checkSymmetricKey(text);
        expect(message === null || message.length > 0).toBe(true);
        if (message === null) expect(describeBase64Problem(text)).toBeNull();
      }),
    );
  });
});
