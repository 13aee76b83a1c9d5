// A device developer's journey on the console server: a real device (the Azure IoT Node SDK, here in the
// test's own process) provisions through the server's DPS over MQTT, connects to its IoT hub and sends
// telemetry; the operator sees it connect and its message arrive without a reload, blocks it, and it is
// disconnected. Connect shows the endpoints, the CA to download and the code to run.
import deviceSdk from 'azure-iot-device';
import deviceMqtt from 'azure-iot-device-mqtt';
import iotCommon from 'azure-iot-common';
import mqttBase from 'azure-iot-mqtt-base';
import provisioning from 'azure-iot-provisioning-device';
import provisioningMqtt from 'azure-iot-provisioning-device-mqtt';
import symmetricKey from 'azure-iot-security-symmetric-key';
import { createHmac } from 'node:crypto';
import { ADMIN_AUTH, expect, test } from './fixtures';

interface Endpoints {
  idScope: string;
  dps: { mqtts: string };
  caCertificate: string;
}

test('a real device provisions, connects and sends data; the operator sees it live and Block disconnects it', async ({
  page,
  request,
}) => {
  const headers = { Authorization: ADMIN_AUTH };
  const endpoints = (await (await request.get('/api/extensions/endpoints?api-version=2022-07-31', { headers })).json()) as Endpoints;
  const group = (await (await request.get('/api/enrollmentGroups/SAS-IoT-Devices?api-version=2022-07-31', { headers })).json()) as {
    attestation: { symmetricKey: { primaryKey: string } };
  };
  const id = 'bench-sensor-1';
  // The device key as dps-keygen derives it from the group key.
  const key = createHmac('sha256', Buffer.from(group.attestation.symmetricKey.primaryKey, 'base64')).update(id).digest('base64');

  const ca = endpoints.caCertificate;
  const base = new mqttBase.MqttBase();
  base.setOptions({ ca });
  const registration = (await provisioning.ProvisioningDeviceClient.create(
    endpoints.dps.mqtts,
    endpoints.idScope,
    new provisioningMqtt.Mqtt(base as never),
    new symmetricKey.SymmetricKeySecurityClient(id, key) as never,
  ).register()) as provisioning.RegistrationResult;

  await page.goto(`/devices/${id}`);
  const connection = page.getByRole('table', { name: 'Connection' });
  await expect(connection.getByText('Not connected')).toBeVisible();

  const client = deviceSdk.Client.fromConnectionString(
    `HostName=${registration.assignedHub};DeviceId=${id};SharedAccessKey=${key}`,
    deviceMqtt.Mqtt,
  );
  await client.setOptions({ ca });
  client.setRetryPolicy(new iotCommon.NoRetry());
  try {
    await client.open();
    await client.sendEvent(new deviceSdk.Message(JSON.stringify({ temperature: 22.5, humidity: 41 })));
    await expect(connection.getByText('Connected to the IoT hub')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Connection' }).getByLabel('Last message')).toHaveText(
      '{"temperature":22.5,"humidity":41}',
    );
    await page.screenshot({ path: 'docs/device-connection.png', fullPage: true });

    const disconnected = new Promise<void>((resolve) => client.once('disconnect', () => resolve()));
    await page.getByRole('button', { name: 'Block' }).click();
    await expect(page.getByRole('region', { name: 'Overview' }).getByText('Blocked', { exact: true })).toBeVisible();
    await disconnected;
    await expect(connection.getByText('Not connected')).toBeVisible();
  } finally {
    await client.close().catch(() => undefined);
  }
});

test('Connect shows the local endpoints, the CA to download and the device code, its key masked', async ({ page }) => {
  await page.goto('/devices/thermostat-0001');
  await page.getByRole('button', { name: 'Connect' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Connect a device on this machine' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'DPS endpoint (MQTT)' })).toHaveValue(/^localhost:\d+$/);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CA certificate' }).click();
  expect((await download).suggestedFilename()).toBe('iotc-console-ca.pem');

  const code = dialog.getByRole('tabpanel', { name: /Node\.js code for thermostat-0001/ });
  await expect(code).toContainText("const deviceId = \"thermostat-0001\";");
  await expect(code).toContainText('const deviceKey = "••••');
  await dialog.getByRole('button', { name: 'Show key' }).click();
  await expect(code).not.toContainText('••••');
  await dialog.getByRole('tab', { name: 'Python' }).click();
  await expect(dialog.getByRole('tabpanel', { name: /Python code/ })).toContainText('ProvisioningDeviceClient.create_from_symmetric_key');
  await dialog.screenshot({ path: 'docs/connect-local-endpoints.png' });
});
