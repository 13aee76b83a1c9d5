// X.509 attestation through the demo DPS with chains openssl made (src/testing/fixtures/certs):
// the leaf and its chain in headers, a proof signed with the leaf's key, then enrollment resolution.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceAttestation } from '../../api/devices';
import { bytesToBase64 } from '../../lib/base64';
import type { DpsCredential } from '../../lib/dps-client';
import { X509_HEADERS, type RegistrationOperationStatus } from '../../lib/dps-protocol';
import { importPrivateKey } from '../../lib/private-key';
import { parseCertificateFile } from '../../lib/x509';
import {
  CERT_FIXTURE_ALGORITHMS,
  FIXTURE_DEVICE_ID,
  readCertFixtureText,
  type CertFixtureAlgorithm,
  type CertFixtureName,
} from '../../testing/fixtures/certs';
import { store } from '../node';
import { dpsControls } from './registrations';
import { putRegistration, register, registerUrl } from './testing';

const NOW = new Date('2030-06-01T00:00:00Z');

async function der(name: CertFixtureName): Promise<{ base64: string; sha1: string; chain: string[] }> {
  const parsed = await parseCertificateFile(readCertFixtureText(name));
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    base64: parsed.cert.derBase64,
    sha1: parsed.cert.sha1Thumbprint,
    chain: parsed.chain.map((c) => c.derBase64),
  };
}

async function credential(certificate: CertFixtureName, key: CertFixtureName): Promise<DpsCredential> {
  const cert = await der(certificate);
  const privateKey = await importPrivateKey(readCertFixtureText(key));
  if (!privateKey.ok) throw new Error(privateKey.message);
  return { type: 'x509', certificate: cert.base64, chain: cert.chain, privateKey: privateKey.key };
}

async function addGroup(
  id: string,
  caFile: CertFixtureName,
  options: { verified?: boolean; enabled?: boolean } = {},
) {
  const ca = await der(caFile);
  store.groups.set(id, {
    id,
    displayName: `${id} devices`,
    enabled: options.enabled ?? true,
    type: 'iot',
    etag: 'e',
    attestation: {
      type: 'x509',
      primary: {
        certificate: ca.base64,
        sha1Thumbprint: ca.sha1,
        verified: options.verified ?? true,
        etag: 'c',
      },
    },
  });
}

const x509Register = (registrationId: string, cred: DpsCredential) =>
  register(registrationId, cred, { now: () => NOW.getTime() });

beforeEach(() => {
  dpsControls.assignmentDelayMs = 0;
  store.now = () => NOW;
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
  store.now = () => new Date();
});

describe.each(CERT_FIXTURE_ALGORITHMS)('X.509 (%s)', (alg: CertFixtureAlgorithm) => {
  it('accepts a chain that leads to a verified CA of an enabled group (root or intermediate)', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    const result = await x509Register(
      FIXTURE_DEVICE_ID,
      await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
    );
    const leaf = await der(`${alg}-device-001.pem`);
    expect(result.registrationState).toMatchObject({
      status: 'assigned',
      deviceId: FIXTURE_DEVICE_ID,
      x509: {
        enrollmentGroupId: 'x509-root',
        certificateInfo: { sha1Thumbprint: leaf.sha1, subjectName: 'CN=device-001', version: 3 },
        signingCertificateInfo: { sha1Thumbprint: (await der(`${alg}-root-ca.pem`)).sha1 },
      },
    });
    expect(store.devices.get(FIXTURE_DEVICE_ID)).toMatchObject({ provisioned: true });
    expect(store.devices.get(FIXTURE_DEVICE_ID)?.history[0]?.detail).toBe(
      'X.509, enrollment group x509-root devices',
    );
  });

  it('accepts a verified intermediate CA without the root', async () => {
    await addGroup('x509-intermediate', `${alg}-intermediate-ca.pem`);
    const result = await x509Register(
      FIXTURE_DEVICE_ID,
      await credential(`${alg}-device-001.pem`, `${alg}-device-001.key.pem`),
    );
    expect(result.registrationState.x509?.enrollmentGroupId).toBe('x509-intermediate');
  });

  it('refuses a chain that leads to an unverified CA, and creates nothing', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`, { verified: false });
    await expect(
      x509Register(
        FIXTURE_DEVICE_ID,
        await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({
      status: 401,
      errorCode: 401002,
      message: expect.stringMatching(/not verified\. Verify it \(proof of possession\)/),
    });
    expect(store.devices.has(FIXTURE_DEVICE_ID)).toBe(false);
  });

  it('refuses a CN that is not the registration ID', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    await expect(
      x509Register(
        'device-002',
        await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/common name \(CN\) is "device-001", but the device ID is "device-002"/),
    });
    expect(store.devices.has('device-002')).toBe(false);
  });

  it('refuses an expired leaf', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    await expect(
      x509Register(
        FIXTURE_DEVICE_ID,
        await credential(`${alg}-expired-leaf.pem`, `${alg}-self-signed-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/expired on 2001-01-01/) });
  });

  it('refuses a chain missing its intermediate, and a CA signed by an impostor', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    await expect(
      x509Register(FIXTURE_DEVICE_ID, await credential(`${alg}-device-001.pem`, `${alg}-device-001.key.pem`)),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/No certificate was found for .*Intermediate/),
    });
    store.groups.clear();
    await addGroup('impostor', `${alg}-impostor-root-ca.pem`);
    await expect(
      x509Register(
        FIXTURE_DEVICE_ID,
        await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a proof made with another key than the certificate's", async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    await expect(
      x509Register(
        FIXTURE_DEVICE_ID,
        await credential(`${alg}-device-001-chain.pem`, `${alg}-self-signed-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/proof of possession does not verify/),
    });
  });

  it('refuses the devices of a disabled group with status disabled', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`, { enabled: false });
    const result = await x509Register(
      FIXTURE_DEVICE_ID,
      await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
    );
    expect(result.registrationState).toMatchObject({ status: 'disabled' });
    expect(store.devices.has(FIXTURE_DEVICE_ID)).toBe(false);
  });

  it('takes the individual enrollment (by thumbprint) over the groups', async () => {
    await addGroup('x509-root', `${alg}-root-ca.pem`);
    const selfSigned = await der(`${alg}-self-signed-device-001.pem`);
    store.devices.set(FIXTURE_DEVICE_ID, {
      id: FIXTURE_DEVICE_ID,
      displayName: 'Device 001',
      simulated: false,
      organizations: [],
      etag: 'e',
      approvalPending: false,
      blocked: false,
      provisioned: false,
      template: undefined,
      history: [],
    });
    await createDeviceAttestation(FIXTURE_DEVICE_ID, {
      type: 'x509',
      x509: { clientCertificates: { primary: { certificate: selfSigned.base64 } } },
    });
    const result = await x509Register(
      FIXTURE_DEVICE_ID,
      await credential(`${alg}-self-signed-device-001.pem`, `${alg}-self-signed-device-001.key.pem`),
    );
    expect(result.registrationState).toMatchObject({
      status: 'assigned',
      x509: { certificateInfo: { sha1Thumbprint: selfSigned.sha1 } },
    });
    expect(result.registrationState.x509?.enrollmentGroupId).toBeUndefined();
    // The group's chain would be trusted, but the device's own enrollment names another certificate.
    await expect(
      x509Register(
        FIXTURE_DEVICE_ID,
        await credential(`${alg}-device-001-chain.pem`, `${alg}-device-001.key.pem`),
      ),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(
        /matches neither certificate of device "device-001"'s individual enrollment/,
      ),
    });
  });
});

describe('X.509 proof of possession', () => {
  it('refuses a replayed proof, a stale timestamp and a missing proof', async () => {
    await addGroup('x509-root', 'ec-root-ca.pem');
    const cred = await credential('ec-device-001-chain.pem', 'ec-device-001.key.pem');
    if (cred.type !== 'x509') throw new Error('x509');
    const path = new URL(registerUrl(FIXTURE_DEVICE_ID)).pathname;
    const headersAt = async (timestamp: number, nonce = crypto.randomUUID()) => {
      const message = new TextEncoder().encode(`PUT ${path}\n${timestamp}\n${nonce}`);
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        cred.privateKey,
        message,
      );
      return {
        [X509_HEADERS.certificate]: cred.certificate,
        [X509_HEADERS.chain]: (cred.chain ?? []).join(','),
        [X509_HEADERS.timestamp]: String(timestamp),
        [X509_HEADERS.nonce]: nonce,
        [X509_HEADERS.signature]: bytesToBase64(new Uint8Array(signature)),
      };
    };
    const nowSeconds = Math.floor(NOW.getTime() / 1000);
    const headers = await headersAt(nowSeconds);
    const first = await putRegistration(FIXTURE_DEVICE_ID, headers);
    expect(first.status).toBe(202);
    expect(((await first.json()) as RegistrationOperationStatus).status).toBe('assigning');

    const replay = await putRegistration(FIXTURE_DEVICE_ID, headers);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toMatch(/already used/);

    const stale = await putRegistration(FIXTURE_DEVICE_ID, await headersAt(nowSeconds - 3600));
    expect(((await stale.json()) as { message: string }).message).toMatch(
      /60 minutes away from the service's clock/,
    );

    const bare = await putRegistration(FIXTURE_DEVICE_ID, { [X509_HEADERS.certificate]: cred.certificate });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { message: string }).message).toMatch(
      /Prove that the device holds the certificate's private key/,
    );
  });

  it('says what is wrong with a header that is not a certificate', async () => {
    const response = await putRegistration(FIXTURE_DEVICE_ID, {
      [X509_HEADERS.certificate]: 'bm90IGEgY2VydA==',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /X-ARR-ClientCert does not hold a certificate/,
    );
  });
});
