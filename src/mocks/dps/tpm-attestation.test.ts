// The TPM round trip through the demo DPS: a virtual TPM (WebCrypto RSA 2048 EK and SRK) enrolled on a
// device, the 401 challenge with the activation blob, the SAS signed with the activated identity key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceAttestation, createOrReplaceDevice } from '../../api/devices';
import { bytesToBase64 } from '../../lib/base64';
import type { DpsStep, TpmSigner } from '../../lib/dps-client';
import { X509_HEADERS, type TpmChallengeBody } from '../../lib/dps-protocol';
import { createVirtualTpm, type VirtualTpm } from '../../lib/virtual-tpm';
import { store } from '../node';
import { dpsControls } from './registrations';
import { putRegistration, register } from './testing';

let tpm: VirtualTpm;

async function enroll(device: VirtualTpm, id = device.registrationId) {
  await createOrReplaceDevice(id, { displayName: 'TPM device' });
  await createDeviceAttestation(id, { type: 'tpm', tpm: { endorsementKey: device.endorsementKey } });
}

beforeEach(async () => {
  dpsControls.assignmentDelayMs = 0;
  tpm = await createVirtualTpm();
});
afterEach(() => {
  dpsControls.assignmentDelayMs = 1000;
});

describe('TPM attestation', () => {
  it('derives the registration ID from the EK', () => {
    expect(tpm.registrationId).toMatch(/^[a-z2-7]{52}$/);
  });

  it('round-trips: challenge, activation, SAS signed with the identity key, then Provisioned', async () => {
    await enroll(tpm);
    const steps: DpsStep[] = [];
    const result = await register(
      tpm.registrationId,
      { type: 'tpm', tpm },
      { onStep: (step) => steps.push(step) },
    );
    expect(result.registrationState).toMatchObject({ status: 'assigned', deviceId: tpm.registrationId });
    expect(store.devices.get(tpm.registrationId)).toMatchObject({ provisioned: true });
    expect(store.devices.get(tpm.registrationId)?.history.at(-1)?.detail).toBe('TPM, individual enrollment');

    const responses = steps
      .filter((s) => s.kind === 'response')
      .map((s) => s.kind === 'response' && s.status);
    expect(responses).toEqual([401, 202, 200]);
    const [firstPut, secondPut] = steps.filter((s) => s.kind === 'request');
    expect(firstPut?.kind === 'request' && firstPut.headers.Authorization).toBeUndefined();
    expect(secondPut?.kind === 'request' && secondPut.headers.Authorization).toMatch(
      new RegExp(
        `^SharedAccessSignature sr=${store.settings.idScope}%2Fregistrations%2F${tpm.registrationId}&sig=.+&se=\\d+&skn=registration$`,
      ),
    );
    // The result carries another activation blob for the hub key, which this TPM can install.
    const hubKey = result.registrationState.tpm?.authenticationKey ?? '';
    await expect(tpm.activateIdentityKey(hubKey)).resolves.toBeUndefined();
  });

  it('answers the first request with 401 and an authenticationKey only this TPM can activate', async () => {
    await enroll(tpm);
    const body = {
      registrationId: tpm.registrationId,
      tpm: { endorsementKey: tpm.endorsementKey, storageRootKey: tpm.storageRootKey },
    };
    const response = await putRegistration(tpm.registrationId, {}, body);
    expect(response.status).toBe(401);
    const challenge = (await response.json()) as TpmChallengeBody;
    expect(challenge.keyName).toBe('registration');
    const other = await createVirtualTpm();
    await expect(other.activateIdentityKey(challenge.authenticationKey)).rejects.toThrow(/another TPM/);
    await expect(tpm.activateIdentityKey(challenge.authenticationKey)).resolves.toBeUndefined();
  });

  it('refuses a holder of the EK public key that cannot activate the blob', async () => {
    await enroll(tpm);
    const impostor: TpmSigner = {
      endorsementKey: tpm.endorsementKey,
      storageRootKey: tpm.storageRootKey,
      activateIdentityKey: async () => undefined,
      signWithIdentityKey: async () => bytesToBase64(crypto.getRandomValues(new Uint8Array(32))),
    };
    await expect(register(tpm.registrationId, { type: 'tpm', tpm: impostor })).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/not signed with the identity key from the TPM challenge/),
    });
    expect(store.devices.get(tpm.registrationId)?.provisioned).toBe(false);
  });

  it('refuses another TPM on an enrolled device, and a TPM without an enrollment', async () => {
    await enroll(tpm);
    const other = await createVirtualTpm();
    await expect(register(tpm.registrationId, { type: 'tpm', tpm: other })).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/endorsement key does not match the one enrolled/),
    });
    await expect(register(other.registrationId, { type: 'tpm', tpm: other })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining(
        `create device "${other.registrationId}" (the ID derived from this EK)`,
      ),
    });
    expect(store.devices.has(other.registrationId)).toBe(false);
  });

  it('refuses a signed request without a challenge, and a TPM device presenting a certificate', async () => {
    await enroll(tpm);
    const body = {
      registrationId: tpm.registrationId,
      tpm: { endorsementKey: tpm.endorsementKey, storageRootKey: tpm.storageRootKey },
    };
    const response = await putRegistration(
      tpm.registrationId,
      { Authorization: 'SharedAccessSignature sr=a&sig=YQ%3D%3D&se=9999999999&skn=registration' },
      body,
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/no outstanding TPM challenge/);

    const x509 = await putRegistration(tpm.registrationId, { [X509_HEADERS.certificate]: 'AAAA' });
    expect(x509.status).toBe(401);
  });

  it('says what is wrong with a malformed EK', async () => {
    await enroll(tpm);
    const response = await putRegistration(
      tpm.registrationId,
      {},
      { registrationId: tpm.registrationId, tpm: { endorsementKey: 'not base64!' } },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /Endorsement key: Not valid base64/,
    );
  });
});
