import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../lib/base64';
import { FIXTURE_DEVICE_ID, readCertFixture } from '../../testing/fixtures/certs';
import { readCertificateUpload, type CertificateUpload } from './certificate-upload';
import {
  symmetricKeyRequest,
  symmetricKeySchema,
  tpmRequest,
  tpmSchema,
  x509Request,
  x509Schema,
} from './enrollment-schemas';

// azure-iot-cli-extension TEST_ENDORSEMENT_KEY (dps-protocol.md §5).
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';
const KEY_32 = bytesToBase64(new Uint8Array(32).fill(7));
const NOW = new Date('2030-06-01T00:00:00Z');

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

async function upload(file: Parameters<typeof readCertFixture>[0]): Promise<CertificateUpload> {
  return readCertificateUpload(new File([readCertFixture(file)], file), FIXTURE_DEVICE_ID, NOW);
}

describe('symmetricKeySchema', () => {
  it('accepts base64 of 16 to 64 bytes, trimming pasted whitespace', () => {
    const result = symmetricKeySchema.safeParse({ primaryKey: ` ${KEY_32}\n`, secondaryKey: KEY_32 });
    expect(result.success && symmetricKeyRequest(result.data)).toEqual({
      attestation: { type: 'symmetricKey', symmetricKey: { primaryKey: KEY_32, secondaryKey: KEY_32 } },
      isPatch: false,
    });
  });

  it('says what is wrong with bad base64 and wrong lengths', () => {
    const result = symmetricKeySchema.safeParse({ primaryKey: 'abc$def=', secondaryKey: 'AAAAAAAAAAA=' });
    expect(messages(result)).toEqual([
      'primaryKey: Not valid base64: "$" is not a base64 character; use only A-Z, a-z, 0-9, + and /, padded with =.',
      'secondaryKey: Key is 8 bytes; use 16 to 64 bytes (e.g. press Generate).',
    ]);
    expect(
      messages(
        symmetricKeySchema.safeParse({ primaryKey: '', secondaryKey: bytesToBase64(new Uint8Array(65)) }),
      ),
    ).toEqual([
      'primaryKey: Enter a key: base64 of 16 to 64 bytes (or press Generate).',
      'secondaryKey: Key is 65 bytes; use 16 to 64 bytes (e.g. press Generate).',
    ]);
  });
});

describe('tpmSchema', () => {
  it('takes the EK with line breaks and sends it compact', () => {
    const result = tpmSchema.safeParse({
      endorsementKey: `${CLI_TEST_EK.slice(0, 64)}\n  ${CLI_TEST_EK.slice(64)}\n`,
    });
    expect(result.success && tpmRequest(result.data).attestation).toEqual({
      type: 'tpm',
      tpm: { endorsementKey: CLI_TEST_EK },
    });
  });

  it('rejects what is not an RSA 2048 or ECC P-256 EK public area', () => {
    expect(messages(tpmSchema.safeParse({ endorsementKey: KEY_32 }))[0]).toMatch(/^endorsementKey: /);
    expect(messages(tpmSchema.safeParse({ endorsementKey: '' }))).toEqual([
      'endorsementKey: Enter the endorsement key: base64 of the TPM2B_PUBLIC (tpm_device_provision prints it).',
    ]);
  });
});

describe('x509Schema and x509Request', () => {
  it('needs a primary certificate for a new enrollment', () => {
    expect(messages(x509Schema({}).safeParse({}))).toEqual([
      'primary: Upload the primary certificate (.pem, .cer or .crt).',
    ]);
  });

  it('shows the reason of a rejected upload on its slot', async () => {
    const result = x509Schema({}).safeParse({
      primary: await upload('rsa-self-signed-device-001.pem'),
      secondary: await upload('rsa-root-ca.pem'),
    });
    expect(messages(result)).toEqual([expect.stringMatching(/^secondary: This is a CA certificate/)]);
  });

  it('a new enrollment is a PUT of base64 DER certificates', async () => {
    const values = {
      primary: await upload('rsa-self-signed-device-001.pem'),
      secondary: await upload('ec-self-signed-device-001.der'),
    };
    expect(x509Schema({}).safeParse(values).success).toBe(true);
    expect(x509Request(values, {})).toEqual({
      attestation: {
        type: 'x509',
        x509: {
          clientCertificates: {
            primary: { certificate: bytesToBase64(readCertFixture('rsa-self-signed-device-001.der')) },
            secondary: { certificate: bytesToBase64(readCertFixture('ec-self-signed-device-001.der')) },
          },
        },
      },
      isPatch: false,
    });
  });

  it('changing a saved enrollment is a PATCH of what was uploaded; nothing uploaded is an error', async () => {
    const saved = { primary: 'A'.repeat(40) };
    expect(messages(x509Schema(saved).safeParse({}))).toEqual([
      'primary: Upload a new primary or secondary certificate to change the enrollment.',
    ]);
    const values = { secondary: await upload('ec-self-signed-device-001.pem') };
    expect(x509Schema(saved).safeParse(values).success).toBe(true);
    expect(x509Request(values, saved)).toEqual({
      attestation: {
        type: 'x509',
        x509: {
          clientCertificates: {
            secondary: { certificate: bytesToBase64(readCertFixture('ec-self-signed-device-001.der')) },
          },
        },
      },
      isPatch: true,
    });
  });
});
