// Ready-to-run device code for the console server's endpoints: the Azure IoT Node SDK and the Python SDK
// (azure-iot-device v2), filled with this device's values. Each provisions through DPS, connects to the
// hub DPS assigns and sends one telemetry message. The server's CA is read from the downloaded file.
import type { DeviceEndpoints } from '../../api/extensions';

export type SnippetLanguage = 'node' | 'python';

export type SnippetCredentials =
  | { kind: 'sas'; key: string }
  | { kind: 'x509' }
  /** TPM needs a TPM (or its simulator); the snippets say where to read on. */
  | { kind: 'tpm' };

export interface SnippetInput {
  endpoints: DeviceEndpoints;
  deviceId: string;
  credentials: SnippetCredentials;
  /** The device template's model ID, sent in the registration payload. */
  modelId?: string;
}

/** The name the CA file is saved as (Download CA certificate). */
export const CA_FILE_NAME = 'iotc-console-ca.pem';

const js = (text: string) => JSON.stringify(text);
const py = (text: string) => JSON.stringify(text);

const hostAndPort = (hostPort: string): [string, number] => {
  const at = hostPort.lastIndexOf(':');
  return [hostPort.slice(0, at), Number(hostPort.slice(at + 1))];
};

function nodeSnippet({ endpoints, deviceId, credentials, modelId }: SnippetInput): string {
  const isX509 = credentials.kind === 'x509';
  const security = isX509
    ? `new X509Security(deviceId, { cert: fs.readFileSync(${js(`${deviceId}.pem`)}, 'utf8'), key: fs.readFileSync(${js(`${deviceId}.key`)}, 'utf8') })`
    : 'new SymmetricKeySecurityClient(deviceId, deviceKey)';
  const hubCredential = isX509 ? ';x509=true' : ';SharedAccessKey=${deviceKey}';
  return `// npm install azure-iot-provisioning-device azure-iot-provisioning-device-mqtt ${isX509 ? 'azure-iot-security-x509' : 'azure-iot-security-symmetric-key'} azure-iot-mqtt-base azure-iot-device azure-iot-device-mqtt
const fs = require('node:fs');
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const { Mqtt: ProvisioningMqtt } = require('azure-iot-provisioning-device-mqtt');
const { ${isX509 ? 'X509Security' : 'SymmetricKeySecurityClient'} } = require(${js(isX509 ? 'azure-iot-security-x509' : 'azure-iot-security-symmetric-key')});
const { MqttBase } = require('azure-iot-mqtt-base');
const { Client, Message } = require('azure-iot-device');
const { Mqtt } = require('azure-iot-device-mqtt');

const ca = fs.readFileSync(${js(CA_FILE_NAME)}, 'utf8'); // Connect > Download CA certificate
const idScope = ${js(endpoints.idScope)};
const deviceId = ${js(deviceId)};
${isX509 ? `// The device certificate (CN = ${deviceId}, followed by its intermediates) and its key.` : `const deviceKey = ${js(credentials.kind === 'sas' ? credentials.key : '')};`}

async function main() {
  // DPS over MQTT: the transport dials mqtts:// + host, so host:port works.
  const mqttBase = new MqttBase();
  mqttBase.setOptions({ ca });
  const provisioning = ProvisioningDeviceClient.create(${js(endpoints.dps.mqtts)}, idScope, new ProvisioningMqtt(mqttBase), ${security});
${modelId ? `  provisioning.setProvisioningPayload({ modelId: ${js(modelId)} });\n` : ''}  const result = await provisioning.register();
  console.log('Assigned to', result.assignedHub);

  const client = Client.fromConnectionString(\`HostName=\${result.assignedHub};DeviceId=\${result.deviceId}${hubCredential}\`, Mqtt);
  await client.setOptions(${isX509 ? `{ ca, cert: fs.readFileSync(${js(`${deviceId}.pem`)}, 'utf8'), key: fs.readFileSync(${js(`${deviceId}.key`)}, 'utf8') }` : '{ ca }'});
  await client.open();
  const message = new Message(JSON.stringify({ temperature: 21.5 }));
  message.contentType = 'application/json';
  message.contentEncoding = 'utf-8';
  await client.sendEvent(message);
  console.log('Telemetry sent');
  await client.close();
}

main().catch((error) => {
  console.error(error.message, error.result ?? '');
  process.exit(1);
});
`;
}

function pythonSnippet({ endpoints, deviceId, credentials, modelId }: SnippetInput): string {
  const [dpsHost, mqttPort] = hostAndPort(endpoints.dps.mqtts);
  const isX509 = credentials.kind === 'x509';
  const portNote =
    mqttPort === 8883
      ? ''
      : `# The Python SDK always uses MQTT port 8883; start the console server with --mqtt-port 8883 (now ${mqttPort}).\n`;
  const x509 = `X509(cert_file=${py(`${deviceId}.pem`)}, key_file=${py(`${deviceId}.key`)})`;
  const provisioningCreate = isX509
    ? `ProvisioningDeviceClient.create_from_x509_certificate(
        provisioning_host=${py(dpsHost)}, registration_id=DEVICE_ID, id_scope=ID_SCOPE,
        x509=${x509}, server_verification_cert=ca)`
    : `ProvisioningDeviceClient.create_from_symmetric_key(
        provisioning_host=${py(dpsHost)}, registration_id=DEVICE_ID, id_scope=ID_SCOPE,
        symmetric_key=DEVICE_KEY, server_verification_cert=ca)`;
  const hubCreate = isX509
    ? `IoTHubDeviceClient.create_from_x509_certificate(
        x509=${x509}, hostname=state.assigned_hub, device_id=state.device_id, server_verification_cert=ca)`
    : `IoTHubDeviceClient.create_from_symmetric_key(
        symmetric_key=DEVICE_KEY, hostname=state.assigned_hub, device_id=state.device_id, server_verification_cert=ca)`;
  return `# pip install azure-iot-device
${portNote}import asyncio
import json
from azure.iot.device import Message${isX509 ? ', X509' : ''}
from azure.iot.device.aio import IoTHubDeviceClient, ProvisioningDeviceClient

ID_SCOPE = ${py(endpoints.idScope)}
DEVICE_ID = ${py(deviceId)}
${isX509 ? `# The device certificate (CN = ${deviceId}, followed by its intermediates) and its key.` : `DEVICE_KEY = ${py(credentials.kind === 'sas' ? credentials.key : '')}`}


async def main():
    with open(${py(CA_FILE_NAME)}) as file:  # Connect > Download CA certificate
        ca = file.read()
    provisioning = ${provisioningCreate}
${modelId ? `    provisioning.provisioning_payload = {"modelId": ${py(modelId)}}\n` : ''}    result = await provisioning.register()
    state = result.registration_state
    print("Assigned to", state.assigned_hub)

    client = ${hubCreate}
    await client.connect()
    await client.send_message(Message(json.dumps({"temperature": 21.5}), content_encoding="utf-8", content_type="application/json"))
    print("Telemetry sent")
    await client.shutdown()


asyncio.run(main())
`;
}

/** The snippet for `language`, or a note when the credentials need more than a snippet (TPM). */
export function deviceSnippet(language: SnippetLanguage, input: SnippetInput): string {
  if (input.credentials.kind === 'tpm') {
    return `${language === 'node' ? '//' : '#'} A TPM device proves its endorsement key with its TPM: see the SDK's TPM sample and docs/devices.md.
${language === 'node' ? '//' : '#'} DPS over HTTPS: ${input.endpoints.dps.https}, ID scope ${input.endpoints.idScope}, registration ID ${input.deviceId}.`;
  }
  return language === 'node' ? nodeSnippet(input) : pythonSnippet(input);
}
