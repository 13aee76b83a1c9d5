// The demo backend's individual enrollments, through real HTTP (the API client and MSW), on
// certificates openssl made (src/testing/fixtures/certs) and the published TPM vector.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  createDeviceAttestation,
  createOrReplaceDevice,
  deleteDeviceAttestation,
  getDeviceAttestation,
  getDeviceCredentials,
  getDeviceHistory,
  updateDeviceAttestation,
} from '../../api/devices';
import type { Attestation } from '../../api/types';
import { bytesToBase64 } from '../../lib/base64';
import { deriveDeviceKey } from '../../lib/sas-keys';
import {
  FIXTURE_DEVICE_ID,
  readCertFixture,
  readCertFixtureText,
  readFixtureFingerprints,
  type CertFixtureName,
} from '../../testing/fixtures/certs';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';

// azure-iot-cli-extension azext_iot/tests/dps/__init__.py TEST_ENDORSEMENT_KEY (dps-protocol.md §5).
const CLI_TEST_EK =
  'AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEAibym9HQP9vxCGF5dVc1QQsAGe021aUGJzNol1/gycBx3jFsTpwmWbISRwnFvflWd0w2Mc44FAAZNaJOAAxwZvG8GvyLlHh6fGKdh+mSBL4iLH2bZ4Ry22cB3CJVjXmdGoz9Y/j3/NwLndBxQC+baNvzvyVQZ4/A2YL7vzIIj2ik4y+ve9ir7U0GbNdnxskqK1KFIITVVtkTIYyyFTIR0BySjPrRIDj7r7Mh5uF9HBppGKQCBoVSVV8dI91lNazmSdpGWyqCkO7iM4VvUMv2HT/ym53aYlUrau+Qq87Tu+uQipWYgRdF11KDfcpMHqqzBQQ1NpOJVhrsTrhyJzO7KNw==';

const KEY_A = bytesToBase64(Uint8Array.from({ length: 32 }, (_, i) => i));
const KEY_B = bytesToBase64(Uint8Array.from({ length: 64 }, (_, i) => 255 - i));
const sha1Of = (file: CertFixtureName) => readFixtureFingerprints().find((f) => f.file === file)?.sha1;
const x509 = (primary: string, secondary?: string): Attestation => ({
  type: 'x509',
  x509: {
    clientCertificates: {
      primary: { certificate: primary },
      ...(secondary ? { secondary: { certificate: secondary } } : {}),
    },
  },
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeEach(async () => {
  store.now = () => new Date('2030-06-01T00:00:00Z');
  await createOrReplaceDevice(FIXTURE_DEVICE_ID, { displayName: 'Device 001' });
  return () => {
    store.now = () => new Date();
  };
});

describe('GET /devices/{id}/attestation', () => {
  it('is 404 while the device connects through its group, and for an unknown device', async () => {
    const none = await apiError(getDeviceAttestation(FIXTURE_DEVICE_ID));
    expect(none.status).toBe(404);
    expect(none.message).toMatch(/no individual enrollment/);
    expect((await apiError(getDeviceAttestation('no-such-device'))).status).toBe(404);
  });
});

describe('symmetric-key enrollment', () => {
  it('is saved, read back, and takes precedence over the group keys in the credentials', async () => {
    const saved = await createDeviceAttestation(FIXTURE_DEVICE_ID, {
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_A, secondaryKey: KEY_B },
    });
    expect(saved).toEqual({ type: 'symmetricKey', symmetricKey: { primaryKey: KEY_A, secondaryKey: KEY_B } });
    expect(await getDeviceAttestation(FIXTURE_DEVICE_ID)).toEqual(saved);
    const credentials = await getDeviceCredentials(FIXTURE_DEVICE_ID);
    expect(credentials.symmetricKey).toEqual({ primaryKey: KEY_A, secondaryKey: KEY_B });
    expect(credentials.idScope).toBe(store.settings.idScope);

    const history = (await getDeviceHistory(FIXTURE_DEVICE_ID)).value;
    expect(history.at(-1)).toMatchObject({
      action: 'enrollment-changed',
      by: 'operator',
      detail: 'Individual enrollment: shared access signature (SAS)',
    });
  });

  it('rejects keys that are not base64 or not 16 to 64 bytes, naming the field', async () => {
    const bad = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, {
        type: 'symmetricKey',
        symmetricKey: { primaryKey: 'not base64!', secondaryKey: KEY_B },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/^Primary key \(symmetricKey\.primaryKey\): Not valid base64/);

    const short = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, {
        type: 'symmetricKey',
        symmetricKey: { primaryKey: KEY_A, secondaryKey: 'AAAAAAAAAAA=' },
      }),
    );
    expect(short.message).toBe(
      'Secondary key (symmetricKey.secondaryKey): Key is 8 bytes; use 16 to 64 bytes (e.g. press Generate).',
    );
    expect((await apiError(getDeviceAttestation(FIXTURE_DEVICE_ID))).status).toBe(404);
  });

  it('PATCH changes one key and keeps the other', async () => {
    await createDeviceAttestation(FIXTURE_DEVICE_ID, {
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_A, secondaryKey: KEY_A },
    });
    const patched = await updateDeviceAttestation(FIXTURE_DEVICE_ID, {
      symmetricKey: { secondaryKey: KEY_B },
    } as Partial<Attestation>);
    expect(patched).toEqual({
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_A, secondaryKey: KEY_B },
    });
  });
});

describe('X.509 enrollment', () => {
  it('stores a PEM certificate as base64 DER and returns only its SHA-1 thumbprint', async () => {
    const saved = await createDeviceAttestation(
      FIXTURE_DEVICE_ID,
      x509(readCertFixtureText('rsa-self-signed-device-001.pem')),
    );
    const thumbprint = sha1Of('rsa-self-signed-device-001.pem');
    expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(saved).toEqual({
      type: 'x509',
      x509: { clientCertificates: { primary: { info: { sha1Thumbprint: thumbprint } } } },
    });
    expect(JSON.stringify(await getDeviceAttestation(FIXTURE_DEVICE_ID))).not.toContain('certificate"');

    const record = store.devices.get(FIXTURE_DEVICE_ID);
    const stored =
      record?.attestation?.type === 'x509'
        ? record.attestation.x509.clientCertificates?.primary.certificate
        : undefined;
    expect(stored).toBe(bytesToBase64(readCertFixture('rsa-self-signed-device-001.der')));
    expect((await getDeviceCredentials(FIXTURE_DEVICE_ID)).x509).toEqual({
      clientCertificates: { primary: { info: { sha1Thumbprint: thumbprint } } },
    });
    expect((await getDeviceHistory(FIXTURE_DEVICE_ID)).value.at(-1)?.detail).toBe(
      `Individual enrollment: X.509 certificates (primary thumbprint ${thumbprint})`,
    );
  });

  it('takes DER as base64, and a secondary certificate', async () => {
    const der = bytesToBase64(readCertFixture('ec-self-signed-device-001.der'));
    const saved = await createDeviceAttestation(
      FIXTURE_DEVICE_ID,
      x509(der, readCertFixtureText('rsa-self-signed-device-001.pem')),
    );
    expect(saved).toEqual({
      type: 'x509',
      x509: {
        clientCertificates: {
          primary: { info: { sha1Thumbprint: sha1Of('ec-self-signed-device-001.der') } },
          secondary: { info: { sha1Thumbprint: sha1Of('rsa-self-signed-device-001.pem') } },
        },
      },
    });
  });

  it.each<[string, CertFixtureName | string, RegExp]>([
    [
      'a CN that is not the device ID',
      'rsa-self-signed-other-device.pem',
      /common name \(CN\) is "other-device", but the device ID is "device-001"/,
    ],
    ['an expired certificate', 'ec-expired-leaf.pem', /expired on 2001-01-01 00:00 UTC/],
    ['a CA certificate', 'rsa-root-ca.pem', /This is a CA certificate \("Test Root CA RSA"\)/],
    ['a private key', 'rsa-self-signed-device-001.key.pem', /This is a private key, not a certificate/],
    ['garbage', 'garbage.txt', /not an X\.509 certificate/],
    ['a damaged certificate block', 'garbage-cert.pem', /damaged/],
  ])('rejects %s with the reason', async (_, file, reason) => {
    const error = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, x509(readCertFixtureText(file as CertFixtureName))),
    );
    expect(error.status).toBe(400);
    expect(error.message).toMatch(
      /^Primary certificate \(x509\.clientCertificates\.primary\.certificate\): /,
    );
    expect(error.message).toMatch(reason);
  });

  it('rejects a certificate that is not valid yet, by the backend clock', async () => {
    store.now = () => new Date('2020-01-01T00:00:00Z');
    const error = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, x509(readCertFixtureText('ec-self-signed-device-001.pem'))),
    );
    expect(error.message).toMatch(/is not valid until/);
  });

  it('needs a primary certificate and names a bad secondary one', async () => {
    const missing = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, {
        type: 'x509',
        x509: { clientCertificates: {} },
      } as unknown as Attestation),
    );
    expect(missing.message).toMatch(/primary.*required/);
    const badSecondary = await apiError(
      createDeviceAttestation(
        FIXTURE_DEVICE_ID,
        x509(readCertFixtureText('rsa-self-signed-device-001.pem'), readCertFixtureText('ec-root-ca.pem')),
      ),
    );
    expect(badSecondary.message).toMatch(/^Secondary certificate/);
  });

  it('PATCH adds a secondary certificate and keeps the primary', async () => {
    await createDeviceAttestation(
      FIXTURE_DEVICE_ID,
      x509(readCertFixtureText('rsa-self-signed-device-001.pem')),
    );
    const patched = await updateDeviceAttestation(FIXTURE_DEVICE_ID, {
      x509: {
        clientCertificates: {
          secondary: { certificate: readCertFixtureText('ec-self-signed-device-001.pem') },
        },
      },
    } as Partial<Attestation>);
    expect(patched).toMatchObject({
      x509: {
        clientCertificates: {
          primary: { info: { sha1Thumbprint: sha1Of('rsa-self-signed-device-001.pem') } },
          secondary: { info: { sha1Thumbprint: sha1Of('ec-self-signed-device-001.pem') } },
        },
      },
    });
  });
});

describe('TPM enrollment', () => {
  it('accepts an RSA 2048 EK (whitespace removed) and rejects what is not one', async () => {
    const saved = await createDeviceAttestation(FIXTURE_DEVICE_ID, {
      type: 'tpm',
      tpm: { endorsementKey: `${CLI_TEST_EK.slice(0, 100)}\n${CLI_TEST_EK.slice(100)}` },
    });
    expect(saved).toEqual({ type: 'tpm', tpm: { endorsementKey: CLI_TEST_EK } });
    expect((await getDeviceCredentials(FIXTURE_DEVICE_ID)).tpm).toEqual({ endorsementKey: CLI_TEST_EK });

    const error = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, { type: 'tpm', tpm: { endorsementKey: KEY_B } }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Endorsement key \(tpm\.endorsementKey\): /);
  });
});

describe('body checks', () => {
  it('names a missing or unknown type', async () => {
    const error = await apiError(
      createDeviceAttestation(FIXTURE_DEVICE_ID, { type: 'password' } as unknown as Attestation),
    );
    expect(error.message).toBe('"type" must be one of "symmetricKey", "x509", "tpm"; got "password".');
  });

  it('PATCH without an enrollment is 404, and another type needs the whole body', async () => {
    expect((await apiError(updateDeviceAttestation(FIXTURE_DEVICE_ID, { type: 'tpm' }))).status).toBe(404);
    await createDeviceAttestation(FIXTURE_DEVICE_ID, {
      type: 'symmetricKey',
      symmetricKey: { primaryKey: KEY_A, secondaryKey: KEY_B },
    });
    expect((await apiError(updateDeviceAttestation(FIXTURE_DEVICE_ID, { type: 'tpm' }))).message).toBe(
      '"tpm" is required and must be an object.',
    );
  });
});

describe('DELETE /devices/{id}/attestation', () => {
  it('returns the device to the SAS group: derived keys again, and a history entry', async () => {
    await createDeviceAttestation(FIXTURE_DEVICE_ID, { type: 'tpm', tpm: { endorsementKey: CLI_TEST_EK } });
    await deleteDeviceAttestation(FIXTURE_DEVICE_ID);
    expect((await apiError(getDeviceAttestation(FIXTURE_DEVICE_ID))).status).toBe(404);

    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    if (group?.attestation.type !== 'symmetricKey') throw new Error('the seed has a SAS group');
    const credentials = await getDeviceCredentials(FIXTURE_DEVICE_ID);
    expect(credentials.tpm).toBeUndefined();
    expect(credentials.symmetricKey).toEqual({
      primaryKey: await deriveDeviceKey(group.attestation.primaryKey, FIXTURE_DEVICE_ID),
      secondaryKey: await deriveDeviceKey(group.attestation.secondaryKey, FIXTURE_DEVICE_ID),
    });
    expect((await getDeviceHistory(FIXTURE_DEVICE_ID)).value.at(-1)?.detail).toBe(
      'Individual enrollment removed: the device connects through the SAS-IoT-Devices group',
    );
    // Idempotent: removing again is fine and adds no history.
    const entries = (await getDeviceHistory(FIXTURE_DEVICE_ID)).value.length;
    await deleteDeviceAttestation(FIXTURE_DEVICE_ID);
    expect((await getDeviceHistory(FIXTURE_DEVICE_ID)).value).toHaveLength(entries);
  });
});
