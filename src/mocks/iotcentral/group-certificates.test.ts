// The demo backend's X.509 group certificates, through real HTTP (the MSW server of the test setup)
// and the app's own API client, with openssl-made fixtures and certificates signed at test time.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  createEnrollmentGroup,
  createEnrollmentGroupCertificate,
  deleteEnrollmentGroupCertificate,
  generateVerificationCode,
  getEnrollmentGroup,
  getEnrollmentGroupCertificate,
  updateEnrollmentGroup,
  verifyCertificate,
} from '../../api/enrollment-groups';
import type { ExtendedSigningCertificate } from '../../api/extensions';
import type { CertificateEntry } from '../../api/types';
import {
  CERT_FIXTURE_ALGORITHMS,
  FIXTURE_VERIFICATION_CODE,
  readCertFixture,
  readCertFixtureText,
  readFixtureFingerprints,
  type CertFixtureName,
} from '../../testing/fixtures/certs';
import { signVerificationCertificate } from '../../testing/verification-certificates';
import { bytesToBase64 } from '../../lib/base64';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';
import { groupRegistrationProblem } from './enrollment-groups';
import { verifiedSigningCertificates } from './group-certificates';

const GROUP = 'x509-factory';

async function createX509Group(id = GROUP, displayName = 'Factory X.509') {
  return createEnrollmentGroup(id, {
    displayName,
    enabled: true,
    type: 'iot',
    attestation: { type: 'x509' },
  });
}

/** The base64 DER the API carries, from a fixture file. */
const der = (name: CertFixtureName) =>
  readCertFixtureText(name)
    .replace(/-----[A-Z ]+-----/g, '')
    .replace(/\s+/g, '');

async function upload(name: CertFixtureName, entry: CertificateEntry = 'primary', verified = false) {
  return (await createEnrollmentGroupCertificate(GROUP, entry, {
    certificate: der(name),
    verified,
  })) as ExtendedSigningCertificate;
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected the request to fail');
}

/** Pretends the backend's outstanding code is the one the fixtures were made for. */
function useFixtureCode(entry: CertificateEntry = 'primary') {
  const group = store.groups.get(GROUP);
  if (group?.attestation.type !== 'x509' || !group.attestation[entry]) throw new Error('no certificate');
  group.attestation[entry].verificationCode = FIXTURE_VERIFICATION_CODE;
}

describe('PUT /enrollmentGroups/{id}/certificates/{entry}', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)(
    'stores a %s root CA as Unverified, with the SHA-1 thumbprint openssl printed',
    async (alg) => {
      await createX509Group();
      const result = await upload(`${alg}-root-ca.pem`);
      const expected = readFixtureFingerprints().find((f) => f.file === `${alg}-root-ca.pem`);
      expect(result).toMatchObject({
        verified: false,
        info: { sha1Thumbprint: expected?.sha1 },
        extensions: { verifiedOnUpload: false },
      });
      expect(result.certificate).toBe(der(`${alg}-root-ca.pem`));
      const read = await getEnrollmentGroupCertificate(GROUP, 'primary');
      expect(read).toMatchObject({ verified: false, info: { sha1Thumbprint: expected?.sha1 } });
      const group = await getEnrollmentGroup(GROUP);
      expect(group.attestation).toMatchObject({
        type: 'x509',
        x509: {
          signingCertificates: { primary: { verified: false, info: { sha1Thumbprint: expected?.sha1 } } },
        },
      });
    },
  );

  it('takes an intermediate CA, PEM text and DER bytes alike', async () => {
    await createX509Group();
    const intermediate = await createEnrollmentGroupCertificate(GROUP, 'primary', {
      certificate: readCertFixtureText('ec-intermediate-ca.pem'),
      verified: false,
    });
    expect(intermediate.info?.sha1Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    const root = await createEnrollmentGroupCertificate(GROUP, 'secondary', {
      certificate: bytesToBase64(readCertFixture('rsa-root-ca.der')),
      verified: false,
    });
    expect(root.info?.sha1Thumbprint).toBe(
      readFixtureFingerprints().find((f) => f.file === 'rsa-root-ca.der')?.sha1,
    );
  });

  it.each<[CertFixtureName, RegExp]>([
    ['rsa-device-001.pem', /device \(leaf\) certificate \("device-001"\), not a CA certificate/],
    ['ec-self-signed-device-001.pem', /not marked CA:TRUE/],
    ['rsa-expired-ca.pem', /expired on 2001-01-01 00:00 UTC/],
    ['ec-expired-ca.pem', /expired on 2001-01-01/],
    ['garbage-cert.pem', /damaged and cannot be read/],
    ['garbage.txt', /not an X.509 certificate/],
    ['rsa-device-001.key.pem', /This is a private key, not a certificate/],
    ['rsa-device-001.csr.pem', /certificate signing request \(CSR\)/],
  ])('rejects %s with a 400 that says why', async (name, message) => {
    await createX509Group();
    const error = await apiError(
      createEnrollmentGroupCertificate(GROUP, 'primary', {
        certificate: readCertFixtureText(name),
        verified: false,
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(error.message).toMatch(message);
    expect((await getEnrollmentGroup(GROUP)).attestation).toEqual({
      type: 'x509',
      x509: { signingCertificates: {} },
    });
  });

  it('rejects a missing certificate, a bad entry and a SAS group', async () => {
    await createX509Group();
    const missing = await apiError(createEnrollmentGroupCertificate(GROUP, 'primary', { verified: false }));
    expect(missing.message).toMatch(/"certificate" is required/);
    const entry = await apiError(
      createEnrollmentGroupCertificate(GROUP, 'tertiary' as CertificateEntry, {
        certificate: der('rsa-root-ca.pem'),
        verified: false,
      }),
    );
    expect(entry.message).toBe('The certificate entry must be "primary" or "secondary", not "tertiary".');
    const sas = await apiError(
      createEnrollmentGroupCertificate(DEFAULT_SAS_GROUP_ID, 'primary', {
        certificate: der('rsa-root-ca.pem'),
        verified: false,
      }),
    );
    expect(sas).toMatchObject({ status: 400 });
    expect(sas.message).toMatch(/uses shared access signatures \(SAS\), not X\.509/);
    const unknown = await apiError(getEnrollmentGroupCertificate('nope', 'primary'));
    expect(unknown.status).toBe(404);
  });

  it('"Verified on upload" marks it verified without proof, and says so', async () => {
    await createX509Group();
    const result = await upload('rsa-root-ca.pem', 'primary', true);
    expect(result).toMatchObject({ verified: true, extensions: { verifiedOnUpload: true } });
  });

  it('refuses a CA certificate that another entry or group already holds', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    const same = await apiError(upload('rsa-root-ca.pem', 'secondary'));
    expect(same).toMatchObject({ status: 409 });
    expect(same.message).toMatch(/already this group's primary certificate/);
    await createX509Group('x509-other', 'Other line');
    const other = await apiError(
      createEnrollmentGroupCertificate('x509-other', 'primary', {
        certificate: der('rsa-root-ca.pem'),
        verified: false,
      }),
    );
    expect(other.message).toMatch(/already the primary certificate of enrollment group "Factory X.509"/);
    // Replacing an entry with the certificate it already holds is fine.
    await expect(upload('rsa-root-ca.pem')).resolves.toMatchObject({ verified: false });
  });

  it('checks the etag of the entry it replaces', async () => {
    await createX509Group();
    const first = await upload('rsa-root-ca.pem');
    await upload('ec-root-ca.pem');
    const stale = await apiError(
      createEnrollmentGroupCertificate(GROUP, 'primary', {
        certificate: der('rsa-intermediate-ca.pem'),
        verified: false,
        etag: first.etag,
      }),
    );
    expect(stale).toMatchObject({ status: 412, code: 'PreconditionFailed' });
  });

  it('DELETE removes the entry; a second DELETE is a 404', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    await deleteEnrollmentGroupCertificate(GROUP, 'primary');
    expect((await apiError(getEnrollmentGroupCertificate(GROUP, 'primary'))).status).toBe(404);
    expect((await apiError(deleteEnrollmentGroupCertificate(GROUP, 'primary'))).status).toBe(404);
  });
});

describe('POST .../generateVerificationCode', () => {
  it('returns 48 upper-case hex characters, a new one each time', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    const first = await generateVerificationCode(GROUP, 'primary');
    const second = await generateVerificationCode(GROUP, 'primary');
    expect(first.verificationCode).toMatch(/^[0-9A-F]{48}$/);
    expect(second.verificationCode).toMatch(/^[0-9A-F]{48}$/);
    expect(second.verificationCode).not.toBe(first.verificationCode);
  });

  it('needs a certificate, and none for a verified one', async () => {
    await createX509Group();
    expect((await apiError(generateVerificationCode(GROUP, 'primary'))).status).toBe(404);
    await upload('rsa-root-ca.pem', 'primary', true);
    expect((await apiError(generateVerificationCode(GROUP, 'primary'))).message).toMatch(/already verified/);
  });
});

describe('POST .../verify (proof of possession)', () => {
  it.each(CERT_FIXTURE_ALGORITHMS)(
    'verifies a %s root with the openssl-made verification certificate',
    async (alg) => {
      await createX509Group();
      await upload(`${alg}-root-ca.pem`);
      await generateVerificationCode(GROUP, 'primary');
      useFixtureCode();
      await verifyCertificate(GROUP, 'primary', der(`${alg}-verification.pem`));
      expect(await getEnrollmentGroupCertificate(GROUP, 'primary')).toMatchObject({
        verified: true,
        extensions: { verifiedOnUpload: false },
      });
    },
  );

  it.each(CERT_FIXTURE_ALGORITHMS)(
    'verifies a %s root with a certificate signed now for the code the backend generated; the code is used once',
    async (alg) => {
      await createX509Group();
      await upload(`${alg}-root-ca.pem`);
      const { verificationCode } = await generateVerificationCode(GROUP, 'primary');
      const pem = await signVerificationCertificate({
        caCertPem: readCertFixtureText(`${alg}-root-ca.pem`),
        signingKeyPem: readCertFixtureText(`${alg}-root-ca.key.pem`),
        commonName: verificationCode ?? '',
      });
      await verifyCertificate(GROUP, 'primary', pem);
      expect((await getEnrollmentGroupCertificate(GROUP, 'primary')).verified).toBe(true);
      const again = await apiError(verifyCertificate(GROUP, 'primary', pem));
      expect(again.message).toMatch(/already verified/);
      const group = store.groups.get(GROUP);
      expect(
        group?.attestation.type === 'x509' && group.attestation.primary?.verificationCode,
      ).toBeUndefined();
    },
  );

  it('verifies an intermediate CA signed with the intermediate key', async () => {
    await createX509Group();
    await upload('rsa-intermediate-ca.pem', 'secondary');
    const { verificationCode } = await generateVerificationCode(GROUP, 'secondary');
    const pem = await signVerificationCertificate({
      caCertPem: readCertFixtureText('rsa-intermediate-ca.pem'),
      signingKeyPem: readCertFixtureText('rsa-intermediate-ca.key.pem'),
      commonName: verificationCode ?? '',
    });
    await verifyCertificate(GROUP, 'secondary', pem);
    expect((await getEnrollmentGroupCertificate(GROUP, 'secondary')).verified).toBe(true);
  });

  it.each(CERT_FIXTURE_ALGORITHMS)('refuses a %s verification certificate with the wrong CN', async (alg) => {
    await createX509Group();
    await upload(`${alg}-root-ca.pem`);
    await generateVerificationCode(GROUP, 'primary');
    useFixtureCode();
    const error = await apiError(
      verifyCertificate(GROUP, 'primary', der(`${alg}-verification-wrong-cn.pem`)),
    );
    expect(error).toMatchObject({ status: 400 });
    expect(error.message).toMatch(
      `common name (CN) is "A901A843EFF75419AC1F0EB460E85DF153092A0547AA30F5", but the current verification code is "${FIXTURE_VERIFICATION_CODE}"`,
    );
    expect((await getEnrollmentGroupCertificate(GROUP, 'primary')).verified).toBe(false);
  });

  it.each(CERT_FIXTURE_ALGORITHMS)(
    'refuses a %s verification certificate signed by another key',
    async (alg) => {
      await createX509Group();
      await upload(`${alg}-root-ca.pem`);
      await generateVerificationCode(GROUP, 'primary');
      useFixtureCode();
      const error = await apiError(
        verifyCertificate(GROUP, 'primary', der(`${alg}-verification-wrong-key.pem`)),
      );
      expect(error.message).toMatch(/names "Test Root CA .*" as its issuer but was signed by another key/);
      expect((await getEnrollmentGroupCertificate(GROUP, 'primary')).verified).toBe(false);
    },
  );

  it.each(CERT_FIXTURE_ALGORITHMS)('refuses an expired %s verification certificate', async (alg) => {
    await createX509Group();
    await upload(`${alg}-root-ca.pem`);
    await generateVerificationCode(GROUP, 'primary');
    useFixtureCode();
    const error = await apiError(verifyCertificate(GROUP, 'primary', der(`${alg}-verification-expired.pem`)));
    expect(error.message).toBe(
      'The verification certificate expired on 2001-01-01 00:00 UTC. Use a certificate that is still valid, or renew this one.',
    );
  });

  it('refuses a certificate signed now with another key (ECDSA CA, RSA signer)', async () => {
    await createX509Group();
    await upload('ec-root-ca.pem');
    const { verificationCode } = await generateVerificationCode(GROUP, 'primary');
    const pem = await signVerificationCertificate({
      caCertPem: readCertFixtureText('ec-root-ca.pem'),
      signingKeyPem: readCertFixtureText('rsa-root-ca.key.pem'),
      commonName: verificationCode ?? '',
    });
    expect((await apiError(verifyCertificate(GROUP, 'primary', pem))).message).toMatch(
      /signed by another key/,
    );
  });

  it('refuses a certificate issued by another CA', async () => {
    await createX509Group();
    await upload('ec-root-ca.pem');
    await generateVerificationCode(GROUP, 'primary');
    useFixtureCode();
    const error = await apiError(verifyCertificate(GROUP, 'primary', der('rsa-verification.pem')));
    expect(error.message).toMatch(/was issued by ".*Test Root CA RSA", not by this CA/);
  });

  it('calls a certificate made for a replaced code stale, and accepts one for the new code', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    const old = (await generateVerificationCode(GROUP, 'primary')).verificationCode ?? '';
    const current = (await generateVerificationCode(GROUP, 'primary')).verificationCode ?? '';
    const sign = (code: string) =>
      signVerificationCertificate({
        caCertPem: readCertFixtureText('rsa-root-ca.pem'),
        signingKeyPem: readCertFixtureText('rsa-root-ca.key.pem'),
        commonName: code,
      });
    const error = await apiError(verifyCertificate(GROUP, 'primary', await sign(old)));
    expect(error.message).toBe(
      `This verification certificate was made for an old verification code (${old}): a newer code replaced it. Make a new verification certificate with CN=${current}, the current code.`,
    );
    expect((await getEnrollmentGroupCertificate(GROUP, 'primary')).verified).toBe(false);
    await verifyCertificate(GROUP, 'primary', await sign(current));
    expect((await getEnrollmentGroupCertificate(GROUP, 'primary')).verified).toBe(true);
  });

  it('asks for a code first when none was generated', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    const error = await apiError(verifyCertificate(GROUP, 'primary', der('rsa-verification.pem')));
    expect(error.message).toMatch(/There is no current verification code/);
  });

  it('a new upload replaces the certificate and forgets the code', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    await generateVerificationCode(GROUP, 'primary');
    useFixtureCode();
    await upload('rsa-root-ca.pem');
    const error = await apiError(verifyCertificate(GROUP, 'primary', der('rsa-verification.pem')));
    expect(error.message).toMatch(/There is no current verification code/);
  });

  it('rejects garbage and a private key as the verification certificate', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem');
    await generateVerificationCode(GROUP, 'primary');
    const garbage = await apiError(verifyCertificate(GROUP, 'primary', readCertFixtureText('garbage.txt')));
    expect(garbage.message).toMatch(/^Verification certificate: This file is not an X.509 certificate/);
    const key = await apiError(
      verifyCertificate(GROUP, 'primary', readCertFixtureText('rsa-root-ca.key.pem')),
    );
    expect(key.message).toMatch(/private key/);
  });
});

describe('verifiedSigningCertificates (for DPS attestation)', () => {
  it('lists only verified certificates of enabled X.509 groups', async () => {
    await createX509Group();
    await upload('rsa-root-ca.pem', 'primary');
    await upload('ec-root-ca.pem', 'secondary', true);
    expect(verifiedSigningCertificates(store)).toEqual([
      {
        groupId: GROUP,
        entry: 'secondary',
        certificate: der('ec-root-ca.pem'),
        sha1Thumbprint: readFixtureFingerprints().find((f) => f.file === 'ec-root-ca.pem')?.sha1,
        enabled: true,
      },
    ]);

    await generateVerificationCode(GROUP, 'primary');
    useFixtureCode();
    await verifyCertificate(GROUP, 'primary', der('rsa-verification.pem'));
    expect(verifiedSigningCertificates(store).map((c) => c.entry)).toEqual(['primary', 'secondary']);

    const { etag } = await getEnrollmentGroup(GROUP);
    await updateEnrollmentGroup(GROUP, { enabled: false, etag });
    expect(verifiedSigningCertificates(store)).toEqual([]);
    expect(verifiedSigningCertificates(store, { includeDisabled: true }).map((c) => c.enabled)).toEqual([
      false,
      false,
    ]);
  });
});

describe('groupRegistrationProblem', () => {
  it('refuses registrations through a disabled group', () => {
    expect(groupRegistrationProblem({ id: 'g', displayName: 'Line 1', enabled: true })).toBeNull();
    expect(groupRegistrationProblem({ id: 'g', displayName: 'Line 1', enabled: false })).toMatch(
      /Enrollment group "Line 1" \(g\) is disabled, so devices cannot register through it/,
    );
  });
});
