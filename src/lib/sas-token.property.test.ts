// Property tests for DPS SAS tokens with near-valid tokens: real tokens made for random scopes,
// registration IDs, keys and expiries, then rewritten (meaning kept: the token still verifies) or
// damaged (cut off, a character changed, a field dropped or altered: refused with a reason).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';
import {
  createRegistrationSasToken,
  parseSasToken,
  verifyRegistrationSasToken,
  type SasVerifyFailureCode,
} from './sas-token';

const NOW = 1_750_000_000;
const SCHEME = 'SharedAccessSignature ';

const tokenInput = fc.record({
  idScope: fc.stringMatching(/^0ne[0-9A-F]{8}$/),
  registrationId: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
  key: fc.uint8Array({ minLength: 16, maxLength: 64 }).map(bytesToBase64),
  expiresAt: fc.integer({ min: NOW + 60, max: NOW + 10 * 365 * 86_400 }),
  srEncoding: fc.constantFrom('raw', 'upper', 'lower') as fc.Arbitrary<'raw' | 'upper' | 'lower'>,
});
type TokenInput = typeof tokenInput extends fc.Arbitrary<infer T> ? T : never;

async function makeToken(input: TokenInput): Promise<string> {
  return createRegistrationSasToken(input);
}

const verifyOptions = (input: TokenInput, keys: readonly string[] = [input.key]) => ({
  idScope: input.idScope,
  registrationId: input.registrationId,
  keys,
  now: NOW,
});

function fieldsOf(token: string): string[] {
  return token.slice(SCHEME.length).split('&');
}

function withFields(fields: readonly string[]): string {
  return SCHEME + fields.join('&');
}

const CODES: readonly SasVerifyFailureCode[] = [
  'malformed',
  'wrong-resource',
  'wrong-key-name',
  'expired',
  'bad-signature',
];

describe('SAS tokens, properties', () => {
  it('verifies tokens rewritten without changing their meaning: field order, name case, empty fields, escapes', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokenInput,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(' ', '\t', '\n', ''),
        async (input, order, upper, extraAmpersands, lowerEscapes, padding) => {
          const token = await makeToken(input);
          let fields = fieldsOf(token).map((field, i) => {
            const [name = '', value = ''] = field.split('=');
            const shownName = upper[i] ? name.toUpperCase() : name;
            // %2B and %2b are the same escape once URL-decoded (not in sr, which is signed as written).
            const shownValue =
              lowerEscapes && name !== 'sr' ? value.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()) : value;
            return `${shownName}=${shownValue}`;
          });
          fields = fields
            .map((field, i) => ({ field, rank: order[i] ?? 0 }))
            .sort((a, b) => a.rank - b.rank)
            .map((f) => f.field);
          if (extraAmpersands) fields = ['', ...fields, ''];
          const rewritten = padding + withFields(fields) + padding;
          const otherKey = bytesToBase64(new Uint8Array(32).fill(7));
          await expect(
            verifyRegistrationSasToken(rewritten, verifyOptions(input, [otherKey, input.key])),
            rewritten,
          ).resolves.toEqual({ ok: true, keyIndex: 1 });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses every strict prefix of a valid token, with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(tokenInput, fc.nat(), async (input, cut) => {
        const token = await makeToken(input);
        const prefix = token.slice(0, cut % token.length);
        const result = await verifyRegistrationSasToken(prefix, verifyOptions(input));
        expect(result.ok, prefix).toBe(false);
        if (!result.ok) {
          expect(CODES).toContain(result.code);
          expect(result.message).toMatch(/^\S.{15,}[.)]$/s);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a token with any one character inserted, deleted or replaced, unless its meaning is unchanged', async () => {
    const edit = fc.record({
      at: fc.nat(),
      how: fc.constantFrom('insert', 'delete', 'replace'),
      char: fc.constantFrom('a', 'Z', '0', '+', '/', '=', '&', '%', ' ', '.', '-', '\u00e9', '\u0000'),
    });
    await fc.assert(
      fc.asyncProperty(tokenInput, edit, async (input, { at, how, char }) => {
        const token = await makeToken(input);
        const i = at % token.length;
        const edited =
          how === 'insert'
            ? token.slice(0, i) + char + token.slice(i)
            : how === 'delete'
              ? token.slice(0, i) + token.slice(i + 1)
              : token.slice(0, i) + char + token.slice(i + 1);
        const result = await verifyRegistrationSasToken(edited, verifyOptions(input));
        if (result.ok) {
          // Only edits that keep what was signed (sr, se) and the signature can pass: e.g. a field
          // name's case, or an extra "&". Anything else would be a forged token.
          const before = parseSasToken(token);
          const after = parseSasToken(edited);
          expect(after.ok && before.ok && [after.token.sr, after.token.seText, after.token.sig]).toEqual(
            before.ok && [before.token.sr, before.token.seText, before.token.sig],
          );
        } else {
          expect(CODES).toContain(result.code);
          expect(result.message).toMatch(/^\S.{15,}[.)]$/s);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('names what is wrong: another scope, another registration ID, the key name, the expiry, the signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokenInput,
        fc.constantFrom('scope', 'registration', 'skn', 'expired', 'key', 'no-skn', 'sig-plus'),
        async (input, damage) => {
          const token = await makeToken(input);
          let options = verifyOptions(input);
          let header = token;
          let expected: SasVerifyFailureCode;
          let message: RegExp;
          switch (damage) {
            case 'scope':
              options = { ...options, idScope: '0ne99999999' };
              expected = 'wrong-resource';
              message = new RegExp(`ID scope "${input.idScope}", not "0ne99999999"`);
              break;
            case 'registration':
              options = { ...options, registrationId: `${input.registrationId}x` };
              expected = 'wrong-resource';
              message = /registration ID ".*", but the request registers/;
              break;
            case 'skn':
              header = token.replace('skn=registration', 'skn=iothubowner');
              expected = 'wrong-key-name';
              message = /skn="iothubowner"/;
              break;
            case 'no-skn':
              header = token.replace('&skn=registration', '');
              expected = 'wrong-key-name';
              message = /has no skn/;
              break;
            case 'expired':
              options = { ...options, now: input.expiresAt + 3600 };
              expected = 'expired';
              message = /expired 60 minutes ago/;
              break;
            case 'sig-plus':
              header = token.replace(/sig=[^&]*/, (sig) => `${sig.replace(/%2B/g, '+')}+`);
              expected = 'malformed';
              message = /unencoded "\+"/;
              break;
            default:
              options = { ...options, keys: [bytesToBase64(new Uint8Array(32).fill(1))] };
              expected = 'bad-signature';
              message = /does not match the device key/;
          }
          const result = await verifyRegistrationSasToken(header, options);
          expect(result).toMatchObject({ ok: false, code: expected });
          expect(!result.ok && result.message).toMatch(message);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('parses tokens assembled from fields with arbitrary values without throwing', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.stringMatching(/^[A-Za-z0-9%+/=.]{0,60}$/),
      fc.constantFrom(
        '%',
        '%2',
        '%ZZ',
        '%E9',
        '%C3%A9',
        '%ED%A0%80',
        '%F0%9F%98%80',
        '1e3',
        '-1',
        '1.5',
        '99999999999999999',
      ),
    );
    const field = fc.tuple(
      fc.constantFrom('sr', 'sig', 'se', 'skn', 'SE', 'Sig', 'x', ''),
      fc.constantFrom('=', '==', ''),
      value,
    );
    fc.assert(
      fc.property(
        fc.array(field, { maxLength: 7 }),
        fc.constantFrom(SCHEME, 'sharedaccesssignature ', 'SharedAccessSignature  ', ''),
        (fields, scheme) => {
          const header = scheme + fields.map((parts) => parts.join('')).join('&');
          const result = parseSasToken(header);
          if (result.ok) {
            expect(result.token.sr.length).toBeGreaterThan(0);
            expect(result.token.sig).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
            expect(Number.isFinite(result.token.se)).toBe(true);
          } else {
            expect(result.error).toMatch(/^Malformed SAS token: \S.{8,}[.)]$/s);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
