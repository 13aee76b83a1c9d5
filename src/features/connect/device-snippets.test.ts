import { describe, expect, it } from 'vitest';
import type { DeviceEndpoints } from '../../api/extensions';
import { deviceSnippet } from './device-snippets';

const endpoints: DeviceEndpoints = {
  idScope: '0ne0000ABCD',
  dps: { https: 'localhost:8443', mqtts: 'localhost:8883' },
  hub: { mqtts: 'localhost:8883' },
  assignedHub: 'localhost',
  caCertificate: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n',
};

describe('deviceSnippet', () => {
  it("fills the Node.js code with the device's values and the model ID (the server test runs it)", () => {
    const code = deviceSnippet('node', { endpoints, deviceId: 'dev-1', credentials: { kind: 'sas', key: 'a2V5' }, modelId: 'dtmi:x:y;1' });
    expect(code).toContain('const idScope = "0ne0000ABCD";');
    expect(code).toContain('const deviceKey = "a2V5";');
    expect(code).toContain("ProvisioningDeviceClient.create(\"localhost:8883\"");
    expect(code).toContain('setProvisioningPayload({ modelId: "dtmi:x:y;1" })');
  });

  it('gives Python the host without a port, and says when the MQTT port is not the 8883 the SDK needs', () => {
    const python = deviceSnippet('python', { endpoints, deviceId: 'dev-1', credentials: { kind: 'sas', key: 'a2V5' } });
    expect(python).toContain('provisioning_host="localhost"');
    expect(python).toContain('DEVICE_KEY = "a2V5"');
    expect(python).not.toContain('--mqtt-port');
    const elsewhere = deviceSnippet('python', {
      endpoints: { ...endpoints, dps: { ...endpoints.dps, mqtts: 'localhost:9883' } },
      deviceId: 'dev-1',
      credentials: { kind: 'sas', key: 'a2V5' },
    });
    expect(elsewhere).toContain('start the console server with --mqtt-port 8883 (now 9883)');
  });

  it('reads the certificate and key files for X.509, and quotes IDs as string literals', () => {
    const code = deviceSnippet('node', { endpoints, deviceId: 'dev-"1"', credentials: { kind: 'x509' } });
    expect(code).toContain('new X509Security(deviceId');
    expect(code).toContain('const deviceId = "dev-\\"1\\"";');
    expect(code).toContain(';x509=true');
    expect(deviceSnippet('python', { endpoints, deviceId: 'dev-1', credentials: { kind: 'x509' } })).toContain('create_from_x509_certificate');
  });
});
