// The console server's device side: a local CA, DPS over HTTPS and, on one MQTT listener, DPS over MQTT
// and the IoT hub. app.ts starts it next to the web server; GET /api/extensions/endpoints describes it.
import type { Server } from 'node:net';
import type { DeviceEndpoints, DpsRelayExchange, DpsRelayRequest } from '../../src/api/extensions';
import { assignedHubFor } from '../../src/mocks/dps/provision';
import type { DemoDps } from '../../src/mocks/dps/registrations';
import type { Store } from '../../src/mocks/store/store';
import { listen } from '../listen';
import { createDpsHttpsServer } from './dps-https';
import { createDpsRelay } from './dps-relay';
import type { LocalCa } from './local-ca';
import { createDeviceMqtt, type DeviceMqtt } from './mqtt-listener';

export interface DeviceEndpointOptions {
  /** The host name devices use to reach this machine (in the server certificate and assignedHub). */
  host: string;
  /** The address the listeners bind to. */
  bindHost: string;
  /** DPS over HTTPS; 0 picks a free port. */
  dpsPort: number;
  /** DPS and the hub over MQTT; 0 picks a free port. */
  mqttPort: number;
}

/** The port the C and Python SDKs hard-code for MQTT: with it, the hub is named by its host alone. */
export const MQTT_TLS_PORT = 8883;

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly flag: string,
    what: string,
  ) {
    super(`Port ${port} (${what}) is in use. Choose another with ${flag} N, or --no-devices to run without device endpoints.`);
  }
}

function listenAs(server: Server, port: number, host: string, flag: string, what: string): Promise<number> {
  return listen(server, port, host).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, flag, what) : error;
  });
}

export interface RunningDeviceEndpoints {
  describe(): DeviceEndpoints;
  mqtt: DeviceMqtt;
  /** The hub name DPS assigns devices to. */
  assignedHub: string;
  /** One device request sent to DPS over HTTPS, for the Simulator (POST /api/extensions/dpsRelay). */
  relayDps(request: DpsRelayRequest): Promise<DpsRelayExchange>;
  close(): Promise<void>;
}

/**
 * Starts the device listeners, which answer with the demo DPS alone (createHandlerSets' `dps`). It must be
 * built with `deviceSide.assignedHub` as its assignedHub, so DPS sends devices to this hub: call `prepare`
 * first, build the handlers, then `start`.
 */
export function prepareDeviceEndpoints(options: DeviceEndpointOptions, ca: LocalCa) {
  // The hub's host as devices dial it: the port is part of the name unless it is MQTT's own 8883.
  let mqttPort = options.mqttPort;
  const assignedHub = () => (mqttPort === MQTT_TLS_PORT ? options.host : `${options.host}:${mqttPort}`);
  return {
    assignedHub,
    async start(store: Store, dps: DemoDps, log: (line: string) => void): Promise<RunningDeviceEndpoints> {
      const dpsServer = createDpsHttpsServer(dps, ca);
      const mqtt = await createDeviceMqtt({
        store,
        dps,
        ca,
        hubNames: () => [assignedHub(), assignedHubFor(store.settings.idScope)],
        log,
      });
      const dpsPort = await listenAs(dpsServer, options.dpsPort, options.bindHost, '--dps-port', 'DPS over HTTPS');
      try {
        mqttPort = await listenAs(mqtt.server, options.mqttPort, options.bindHost, '--mqtt-port', 'DPS and the IoT hub over MQTT');
      } catch (error) {
        await new Promise((resolve) => dpsServer.close(resolve));
        throw error;
      }
      const wildcard = options.bindHost === '0.0.0.0' || options.bindHost === '::';
      const relay = createDpsRelay(ca, {
        host: wildcard ? '127.0.0.1' : options.bindHost,
        port: () => dpsPort,
        serverName: options.host,
      });
      return {
        mqtt,
        relayDps: relay.relay,
        get assignedHub() {
          return assignedHub();
        },
        describe: () => ({
          idScope: store.settings.idScope,
          dps: { https: `${options.host}:${dpsPort}`, mqtts: `${options.host}:${mqttPort}` },
          hub: { mqtts: `${options.host}:${mqttPort}` },
          assignedHub: assignedHub(),
          caCertificate: ca.caPem,
        }),
        close: async () => {
          relay.close();
          dpsServer.closeAllConnections();
          await Promise.all([new Promise((resolve) => dpsServer.close(resolve)), mqtt.close()]);
        },
      };
    },
  };
}
