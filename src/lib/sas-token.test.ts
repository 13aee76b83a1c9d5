import { SharedAccessSignature } from 'azure-iot-common';
import { SymmetricKeySecurityClient } from 'azure-iot-security-symmetric-key';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveDeviceKey, generateSymmetricKey } from './sas-keys';
import {
  createRegistrationSasToken,
  parseSasToken,
  verifyRegistrationSasToken,
  type SrEncoding,
  type VerifyRegistrationSasOptions,
} from './sas-token';

// dps-protocol.md §2: device key = vector C of §1, scope 0ne00000000, registration ID device-001.
const DEVICE_KEY = 'Tz4Wtei6uHSGQm0NiJy0Ijsh6/sJcnyJYOAfzqC4oKM=';
const OTHER_KEY = 'UEAD+unVBCoMLzhUYQCje7g8Giz/aG+0e9NzNQDrbUE=';
const SE = 1700000000;
const TOKENS: Record<SrEncoding, string> = {
  raw: 'SharedAccessSignature sr=0ne00000000/registrations/device-001&sig=Ibf3N85B9pAle%2BlMG2OTAsPMd%2Fi8zMnnsdQZG2x5gKQ%3D&se=1700000000&skn=registration',
  upper:
    'SharedAccessSignature sr=0ne00000000%2Fregistrations%2Fdevice-001&sig=U2I1GebZELtn28VU%2BrEH%2FPh%2FzCKLQWihGMOXe2vFiEw%3D&se=1700000000&skn=registration',
  lower:
    'SharedAccessSignature sr=0ne00000000%2fregistrations%2fdevice-001&sig=QckYrSyObhrz3ejt7LwCb4rBj4dNVu69C3r%2Bu4zVpeI%3D&se=1700000000&skn=registration',
};
const ENCODINGS = ['raw', 'upper', 'lower'] as const;

const options = (overrides: Partial<VerifyRegistrationSasOptions> = {}): VerifyRegistrationSasOptions => ({
  idScope: '0ne00000000',
  registrationId: 'device-001',
  keys: [DEVICE_KEY],
  now: SE - 60,
  ...overrides,
});

describe('createRegistrationSasToken', () => {
  it.each(ENCODINGS)('reproduces the %s-sr vector', async (srEncoding) => {
    await expect(
      createRegistrationSasToken({
        idScope: '0ne00000000',
        registrationId: 'device-001',
        key: DEVICE_KEY,
        expiresAt: SE,
        srEncoding,
      }),
    ).resolves.toBe(TOKENS[srEncoding]);
  });

  it('writes sr raw by default, like the Node SDK', async () => {
    const token = await createRegistrationSasToken({
      idScope: '0ne00000000',
      registrationId: 'device-001',
      key: DEVICE_KEY,
      expiresAt: SE,
    });
    expect(token).toBe(TOKENS.raw);
  });

  it('matches the token of azure-iot-common for the same inputs', async () => {
    const sdk = SharedAccessSignature.create(
      '0ne00000000/registrations/device-001',
      'registration',
      DEVICE_KEY,
      SE,
    );
    const ours = await createRegistrationSasToken({
      idScope: '0ne00000000',
      registrationId: 'device-001',
      key: DEVICE_KEY,
      expiresAt: SE,
    });
    expect(parseSasToken(ours)).toEqual(parseSasToken(sdk.toString()));
  });

  it('refuses bad input with a RangeError', async () => {
    const base = { idScope: '0ne00000000', registrationId: 'device-001', key: DEVICE_KEY, expiresAt: SE };
    await expect(createRegistrationSasToken({ ...base, key: 'nope!' })).rejects.toThrow(
      /Device key: Not valid base64/,
    );
    await expect(createRegistrationSasToken({ ...base, idScope: '' })).rejects.toThrow(RangeError);
    await expect(createRegistrationSasToken({ ...base, registrationId: '' })).rejects.toThrow(RangeError);
    await expect(createRegistrationSasToken({ ...base, expiresAt: 1.5 })).rejects.toThrow(/Unix seconds/);
  });
});

describe('parseSasToken', () => {
  it('keeps sr literal and URL-decodes the other values', () => {
    expect(parseSasToken(TOKENS.upper)).toEqual({
      ok: true,
      token: {
        sr: '0ne00000000%2Fregistrations%2Fdevice-001',
        sig: 'U2I1GebZELtn28VU+rEH/Ph/zCKLQWihGMOXe2vFiEw=',
        se: SE,
        seText: '1700000000',
        skn: 'registration',
      },
    });
  });

  it('accepts any field order, case-insensitive names and a missing skn', () => {
    const result = parseSasToken('SharedAccessSignature SIG=YWJj&Se=1700000000&sR=a%2fb&&');
    expect(result).toEqual({
      ok: true,
      token: { sr: 'a%2fb', sig: 'YWJj', se: SE, seText: '1700000000', skn: null },
    });
  });

  it('explains malformed tokens', () => {
    const error = (header: string) => {
      const result = parseSasToken(header);
      return result.ok ? 'parsed' : result.error;
    };
    expect(error('')).toMatch(/empty/);
    expect(error('Bearer abc')).toMatch(/must start with "SharedAccessSignature "/);
    expect(error('sharedaccesssignature sr=a&sig=YWJj&se=1')).toMatch(/exact case/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj se=1')).toMatch(/exactly one space/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj&se')).toMatch(/"se" has no value/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj=&se=1')).toMatch(/%3D/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj&se=1&SE=2')).toMatch(/appears more than once/);
    expect(error('SharedAccessSignature sig=YWJj&se=1')).toMatch(/"sr" .* is missing/);
    expect(error('SharedAccessSignature sr=a&sig=&se=1')).toMatch(/"sig" .* is missing or empty/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj')).toMatch(/"se" .* is missing/);
    expect(error('SharedAccessSignature sr=a&sig=ab+c&se=1')).toMatch(/unencoded "\+"/);
    expect(error('SharedAccessSignature sr=a&sig=%%%&se=1')).toMatch(/"sig" is not base64/);
    expect(error('SharedAccessSignature sr=a&sig=YWJj&se=tomorrow')).toMatch(
      /"se" must be the expiry in Unix seconds/,
    );
    expect(error(`SharedAccessSignature sr=${'a'.repeat(5000)}&sig=YWJj&se=1`)).toMatch(/longer than/);
  });

  it('never throws, and returns ok or a non-empty error, for any input', () => {
    const sasLike = fc
      .array(
        fc.tuple(
          fc.constantFrom('sr', 'sig', 'se', 'skn', 'SR', 'x', ''),
          fc.constantFrom('=', '==', ''),
          fc.string({ unit: 'binary' }),
        ),
        { maxLength: 6 },
      )
      .map((fields) => `SharedAccessSignature ${fields.map((parts) => parts.join('')).join('&')}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string(), sasLike), (header) => {
        const result = parseSasToken(header);
        if (result.ok) expect(result.token.sr.length).toBeGreaterThan(0);
        else expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
    for (const value of [undefined, null, 42, {}, []]) {
      expect(parseSasToken(value as unknown as string)).toMatchObject({ ok: false });
    }
  });
});

describe('verifyRegistrationSasToken', () => {
  it.each(ENCODINGS)('accepts the %s-sr vector before it expires', async (encoding) => {
    await expect(verifyRegistrationSasToken(TOKENS[encoding], options())).resolves.toEqual({
      ok: true,
      keyIndex: 0,
    });
  });

  it('accepts the secondary key, and says which key matched', async () => {
    const result = await verifyRegistrationSasToken(TOKENS.raw, options({ keys: [OTHER_KEY, DEVICE_KEY] }));
    expect(result).toEqual({ ok: true, keyIndex: 1 });
  });

  it('compares the resource case-insensitively', async () => {
    const token = await createRegistrationSasToken({
      idScope: '0NE00000000',
      registrationId: 'Device-001',
      key: DEVICE_KEY,
      expiresAt: SE,
    });
    await expect(verifyRegistrationSasToken(token, options())).resolves.toEqual({ ok: true, keyIndex: 0 });
  });

  it('rejects a tampered signature', async () => {
    const tampered = TOKENS.raw.replace('sig=Ibf3', 'sig=Ibf4');
    const result = await verifyRegistrationSasToken(tampered, options());
    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
    if (!result.ok) expect(result.message).toMatch(/does not match the device key/);
  });

  it('rejects a token signed with another key, or when no key is usable', async () => {
    await expect(
      verifyRegistrationSasToken(TOKENS.raw, options({ keys: [OTHER_KEY] })),
    ).resolves.toMatchObject({
      code: 'bad-signature',
    });
    await expect(verifyRegistrationSasToken(TOKENS.raw, options({ keys: [] }))).resolves.toMatchObject({
      code: 'bad-signature',
    });
    await expect(
      verifyRegistrationSasToken(TOKENS.raw, options({ keys: ['not base64'] })),
    ).resolves.toMatchObject({
      code: 'bad-signature',
    });
  });

  it('rejects a tampered expiry, since se is signed', async () => {
    const tampered = TOKENS.raw.replace('se=1700000000', 'se=1800000000');
    await expect(verifyRegistrationSasToken(tampered, options())).resolves.toMatchObject({
      code: 'bad-signature',
    });
  });

  it('rejects an expired token, allowing 5 minutes of skew by default', async () => {
    await expect(verifyRegistrationSasToken(TOKENS.raw, options({ now: SE + 299 }))).resolves.toEqual({
      ok: true,
      keyIndex: 0,
    });
    const result = await verifyRegistrationSasToken(TOKENS.raw, options({ now: SE + 3600 }));
    expect(result).toMatchObject({ ok: false, code: 'expired' });
    if (!result.ok) expect(result.message).toMatch(/expired 60 minutes ago .*later "se"/);
    await expect(
      verifyRegistrationSasToken(TOKENS.raw, options({ now: SE + 1, skewSeconds: 0 })),
    ).resolves.toMatchObject({
      code: 'expired',
    });
  });

  it('rejects a token for another ID scope', async () => {
    const result = await verifyRegistrationSasToken(TOKENS.upper, options({ idScope: '0ne00000001' }));
    expect(result).toMatchObject({ ok: false, code: 'wrong-resource' });
    if (!result.ok) expect(result.message).toMatch(/ID scope "0ne00000000", not "0ne00000001"/);
  });

  it('rejects a token for another registration ID', async () => {
    const result = await verifyRegistrationSasToken(TOKENS.lower, options({ registrationId: 'device-002' }));
    expect(result).toMatchObject({ ok: false, code: 'wrong-resource' });
    if (!result.ok)
      expect(result.message).toMatch(/registration ID "device-001", but the request registers "device-002"/);
    const other = await verifyRegistrationSasToken(
      TOKENS.raw.replace('sr=0ne00000000/registrations/device-001', 'sr=somewhere-else'),
      options(),
    );
    expect(other).toMatchObject({ code: 'wrong-resource' });
    if (!other.ok) expect(other.message).toMatch(/must be "0ne00000000\/registrations\/device-001"/);
  });

  it('rejects a key name other than "registration"', async () => {
    const result = await verifyRegistrationSasToken(
      TOKENS.raw.replace('skn=registration', 'skn=iothubowner'),
      options(),
    );
    expect(result).toMatchObject({ ok: false, code: 'wrong-key-name' });
    if (!result.ok)
      expect(result.message).toMatch(/skn="iothubowner"; DPS device tokens use skn=registration/);
    const missing = await verifyRegistrationSasToken(TOKENS.raw.replace('&skn=registration', ''), options());
    expect(missing).toMatchObject({ code: 'wrong-key-name' });
  });

  it('reports malformed tokens', async () => {
    await expect(verifyRegistrationSasToken('Basic dXNlcjpwYXNz', options())).resolves.toMatchObject({
      code: 'malformed',
    });
    await expect(
      verifyRegistrationSasToken(TOKENS.raw.replace('sr=0ne00000000/', 'sr=0ne00000000%ZZ'), options()),
    ).resolves.toMatchObject({ code: 'malformed', message: expect.stringMatching(/%-escape/) });
  });

  it('accepts a token made by the Azure IoT Node SDK (azure-iot-common SharedAccessSignature.create)', async () => {
    const deviceKey = await deriveDeviceKey(generateSymmetricKey(), 'device-001');
    const expiry = Math.ceil(Date.now() / 1000 + 3600);
    const sdkToken = SharedAccessSignature.create(
      '0ne00000000/registrations/device-001',
      'registration',
      deviceKey,
      expiry,
    ).toString();
    expect(sdkToken).toMatch(
      /^SharedAccessSignature sr=0ne00000000\/registrations\/device-001&sig=.+&skn=registration&se=\d+$/,
    );
    await expect(
      verifyRegistrationSasToken(
        sdkToken,
        options({ keys: [deviceKey], now: Math.floor(Date.now() / 1000) }),
      ),
    ).resolves.toEqual({ ok: true, keyIndex: 0 });
  });

  it('accepts a token from the SDK symmetric-key security client', async () => {
    const deviceKey = generateSymmetricKey(32);
    const client = new SymmetricKeySecurityClient('device-001', deviceKey);
    const pending = client.createSharedAccessSignature('0ne00000000');
    if (!pending) throw new Error('createSharedAccessSignature returns a promise when given no callback');
    const sas = await pending;
    const result = await verifyRegistrationSasToken(
      sas.toString(),
      options({ keys: [generateSymmetricKey(), deviceKey], now: Math.floor(Date.now() / 1000) }),
    );
    expect(result).toEqual({ ok: true, keyIndex: 1 });
  });

  it('never throws on garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (header) => {
        const result = await verifyRegistrationSasToken(header, options());
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
