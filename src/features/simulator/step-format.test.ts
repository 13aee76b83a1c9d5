import { describe, expect, it } from 'vitest';
import { displayBody, displayHeaders, maskSasToken, stepTitle } from './step-format';

const TOKEN =
  'SharedAccessSignature sr=0ne00000000/registrations/device-001&sig=Ibf3N85B9pAle%2BlMG2OTAsPMd%2Fi8zMnnsdQZG2x5gKQ%3D&se=1700000000&skn=registration';

describe('step format', () => {
  it('masks the signature of a SAS token and keeps the rest', () => {
    expect(maskSasToken(TOKEN)).toBe(
      'SharedAccessSignature sr=0ne00000000/registrations/device-001&sig=••••••&se=1700000000&skn=registration',
    );
    expect(displayHeaders({ Authorization: TOKEN }, true)).toEqual([['Authorization', TOKEN]]);
  });

  it('masks the X.509 proof and shortens the certificate', () => {
    const cert = 'M'.repeat(900);
    const shown = Object.fromEntries(
      displayHeaders({ 'X-ARR-ClientCert': cert, 'X-Client-Cert-Signature': 'c2ln'.repeat(20) }, false),
    );
    expect(shown['X-Client-Cert-Signature']).toBe('••••••');
    expect(shown['X-ARR-ClientCert']).toBe(`${'M'.repeat(48)}… (900 characters)`);
  });

  it('shortens long strings in bodies and titles steps', () => {
    expect(displayBody({ authenticationKey: 'A'.repeat(500), keyName: 'registration' })).toContain(
      '… (500 characters)',
    );
    expect(stepTitle({ kind: 'response', status: 202, headers: {}, body: {} })).toBe('202 Accepted');
    expect(
      stepTitle({
        kind: 'request',
        method: 'PUT',
        url: 'https://global.azure-devices-provisioning.net/0ne1/registrations/a/register?api-version=2021-10-01',
        headers: {},
      }),
    ).toBe('PUT /0ne1/registrations/a/register?api-version=2021-10-01');
    expect(stepTitle({ kind: 'wait', seconds: 1 })).toBe('Wait 1 second (Retry-After), then poll');
  });
});
