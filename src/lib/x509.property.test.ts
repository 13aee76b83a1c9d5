// Property tests for the certificate reader with mutated PEMs: the openssl-made fixtures rewritten
// the harmless ways editors and tools do (re-wrapped, CRLF, indented, with prose around) must read
// back as the same certificate; damaged the ways uploads go wrong (cut off, a line lost, a character
// changed, the wrong label, a key pasted in) they must be refused with a message, never a throw.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCertFixtureText, type CertFixtureName } from '../testing/fixtures/certs';
import {
  checkCaCertificate,
  checkDeviceCertificate,
  checkValidity,
  parseCertificateFile,
  verifyChain,
  type CertificateInfo,
  type ParseResult,
} from './x509';

const NOW = new Date('2030-06-01T00:00:00Z');
const FIXTURES: CertFixtureName[] = [
  'rsa-root-ca.pem',
  'ec-root-ca.pem',
  'rsa-intermediate-ca.pem',
  'ec-intermediate-ca.pem',
  'rsa-device-001.pem',
  'ec-device-001.pem',
  'rsa-verification.pem',
  'ec-self-signed-device-001.pem',
];

interface Pem {
  name: CertFixtureName;
  text: string;
  /** The base64 body, without line breaks. */
  body: string;
  sha256: string;
}

const pems: Pem[] = [];

beforeAll(async () => {
  for (const name of FIXTURES) {
    const text = readCertFixtureText(name);
    const body =
      /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text)?.[1]?.replace(/\s+/g, '') ??
      '';
    const parsed = await parseCertificateFile(text);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
    pems.push({ name, text, body, sha256: parsed.cert.sha256Thumbprint });
  }
});

const pem = fc.nat().map((i) => pems[i % pems.length] as Pem);

function wrap(body: string, width: number, newline: string): string {
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  return lines.join(newline);
}

const block = (label: string, body: string, newline = '\n') =>
  `-----BEGIN ${label}-----${newline}${wrap(body, 64, newline)}${newline}-----END ${label}-----${newline}`;

/** A refusal an operator can act on: a reason and a sentence that says what to upload instead. */
function expectClearRefusal(result: ParseResult): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(['empty', 'not-certificate', 'private-key']).toContain(result.reason);
  expect(result.message).toMatch(/^\S.{30,}\.$/s);
}

/** Whatever was read, the checks built on it answer without throwing. */
async function expectChecksAnswer(cert: CertificateInfo): Promise<void> {
  expect(() => checkValidity(cert, NOW)).not.toThrow();
  expect(() => checkCaCertificate(cert, NOW)).not.toThrow();
  expect(() => checkDeviceCertificate(cert, 'device-001', NOW)).not.toThrow();
  const chain = await verifyChain({ leaf: cert, intermediates: [], trustAnchors: [], now: NOW });
  expect(chain.ok).toBe(false);
  if (!chain.ok) expect(chain.message.length).toBeGreaterThan(20);
}

describe('parseCertificateFile, properties', () => {
  it('reads the same certificate however the PEM is wrapped, indented, or surrounded', async () => {
    await fc.assert(
      fc.asyncProperty(
        pem,
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
        fc.constantFrom('', '\uFEFF', 'Subject: CN=whatever\nIssuer: CN=whoever\n', '   \t\n'),
        fc.constantFrom('', '\n', '\n\n-- \nsent from my phone\n', '    '),
        fc.constantFrom('', '  ', '\t'),
        fc.boolean(),
        async (p, width, newline, before, after, indent, dropPadding) => {
          const body = dropPadding ? p.body.replace(/=+$/, '') : p.body;
          const lines = wrap(body, width, newline)
            .split(newline)
            .map((line) => indent + line);
          const text = `${before}-----BEGIN CERTIFICATE-----${newline}${lines.join(newline)}${newline}-----END CERTIFICATE-----${after}`;
          const result = await parseCertificateFile(text);
          expect(result.ok && result.cert.sha256Thumbprint).toBe(p.sha256);
          const bytes = await parseCertificateFile(new TextEncoder().encode(text));
          expect(bytes.ok && bytes.cert.sha256Thumbprint).toBe(p.sha256);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses a PEM cut off anywhere before its end line', async () => {
    await fc.assert(
      fc.asyncProperty(pem, fc.nat(), async (p, at) => {
        const end = p.text.indexOf('-----END CERTIFICATE-----') + '-----END CERTIFICATE-----'.length;
        const cut = p.text.slice(0, at % end);
        expectClearRefusal(await parseCertificateFile(cut));
        expectClearRefusal(await parseCertificateFile(new TextEncoder().encode(cut)));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a PEM with a line of base64 lost', async () => {
    await fc.assert(
      fc.asyncProperty(pem, fc.nat(), async (p, line) => {
        const lines = wrap(p.body, 64, '\n').split('\n');
        lines.splice(line % lines.length, 1);
        expectClearRefusal(await parseCertificateFile(block('CERTIFICATE', lines.join(''))));
      }),
      { numRuns: 120 },
    );
  });

  it('never reads a changed character as the original certificate', async () => {
    const replacement = fc.constantFrom('A', 'z', '0', '+', '/', '=', '!', '-', '*', ' ', '\u00e9', '\u0000');
    await fc.assert(
      fc.asyncProperty(pem, fc.nat(), replacement, async (p, at, char) => {
        const i = at % p.body.length;
        fc.pre(p.body[i] !== char);
        const result = await parseCertificateFile(
          block('CERTIFICATE', p.body.slice(0, i) + char + p.body.slice(i + 1)),
        );
        if (result.ok) {
          // Only base64 characters can still decode; then it is a different DER (or the same bytes when
          // the change fell in a final character's unused bits), and every check still answers.
          if (result.cert.sha256Thumbprint === p.sha256)
            expect(i).toBeGreaterThanOrEqual(p.body.replace(/=+$/, '').length - 1);
          await expectChecksAnswer(result.cert);
        } else {
          expectClearRefusal(result);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('says what a file is when its label is not a certificate, and never accepts a key', async () => {
    const labels = [
      ['PRIVATE KEY', /private key/],
      ['RSA PRIVATE KEY', /private key/],
      ['EC PRIVATE KEY', /private key/],
      ['ENCRYPTED PRIVATE KEY', /private key/],
      ['CERTIFICATE REQUEST', /signing request \(CSR\)/],
      ['NEW CERTIFICATE REQUEST', /signing request \(CSR\)/],
      ['PUBLIC KEY', /public key, not a certificate/],
      ['X509 CRL', /"X509 CRL" block, not a certificate/],
      ['OPENSSH PRIVATE KEY', /private key/],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        pem,
        fc.constantFrom(...labels),
        fc.boolean(),
        async (p, [label, message], withCertificate) => {
          const text = (withCertificate ? p.text : '') + block(label, p.body);
          const result = await parseCertificateFile(text);
          if (withCertificate && !label.includes('PRIVATE KEY')) {
            // A certificate next to a CSR or a CRL is still that certificate.
            expect(result.ok && result.cert.sha256Thumbprint).toBe(p.sha256);
            return;
          }
          expectClearRefusal(result);
          if (result.ok) return;
          if (label.includes('PRIVATE KEY')) {
            expect(result.reason).toBe('private-key');
            expect(result.message).toMatch(
              withCertificate ? /as well as a certificate/ : /keep the key secret/,
            );
          } else {
            expect(result.message).toMatch(message);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses mismatched or missing armour lines, and garbage between them', async () => {
    const damage = fc.constantFrom(
      (p: Pem) => p.text.replace('-----END CERTIFICATE-----', ''),
      (p: Pem) => p.text.replace('-----BEGIN CERTIFICATE-----', ''),
      (p: Pem) => p.text.replace('-----END CERTIFICATE-----', '-----END PRIVATE KEY-----'),
      (p: Pem) => p.text.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CERTIFICATE----'),
      (p: Pem) => p.text.replace(/\n(?=[A-Za-z0-9+/])/, '\n!!!\n'),
      (p: Pem) => block('CERTIFICATE', p.body.slice(0, p.body.length >> 1)),
      () => block('CERTIFICATE', ''),
    );
    await fc.assert(
      fc.asyncProperty(pem, damage, async (p, mutate) => {
        const text = mutate(p);
        const result = await parseCertificateFile(text);
        if (result.ok) {
          // Without its BEGIN line the text is not PEM; the reader never guesses a certificate out of it.
          throw new Error(
            `read a damaged PEM as ${result.cert.subject}: ${JSON.stringify(text.slice(0, 80))}`,
          );
        }
        expectClearRefusal(result);
      }),
      { numRuns: 150 },
    );
  });
});
