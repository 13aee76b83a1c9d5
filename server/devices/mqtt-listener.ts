// One MQTT listener (TLS, port 8883 by default, which the C and Python SDKs hard-code) for DPS and the
// IoT hub, told apart by the CONNECT user name: `{idScope}/registrations/{registrationId}/…` is DPS,
// `{hub}/{deviceId}/?…` is the hub. aedes speaks MQTT; every message is answered to its own client
// (never routed between devices), and a device may publish and subscribe only to its own topics.
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { DemoDps } from '../../src/mocks/dps/registrations';
import type { Store } from '../../src/mocks/store/store';
import {
  answerDpsMessage,
  DPS_RESPONSE_TOPICS,
  isDpsRequestTopic,
  isDpsUserName,
  parseDpsUserName,
  type DpsSession,
} from './dps-mqtt';
import { allowedHubSubscription, DeviceHub, parseHubUserName, type HubSession } from './hub-mqtt';
import type { LocalCa } from './local-ca';
import { tlsPeerChain } from './tls-peer';

type Session = DpsSession | HubSession;

const noop = () => undefined;

export interface DeviceMqtt {
  server: Server;
  hub: DeviceHub;
  close(): Promise<void>;
}

const NOT_AUTHORIZED = 5;
const BAD_USER_NAME = 4;

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export async function createDeviceMqtt(options: {
  store: Store;
  /** The DPS (createHandlerSets' `dps`): what a DPS message may reach. */
  dps: DemoDps;
  ca: LocalCa;
  hubNames: () => readonly string[];
  log: (line: string) => void;
}): Promise<DeviceMqtt> {
  const { store, dps, ca, log } = options;
  const hub = new DeviceHub(store, options.hubNames, log);
  const sessions = new WeakMap<Client, Session>();

  const broker = await Aedes.createBroker({
    // DPS keeps no session. The SDKs connect with clean session off; a session kept for each registration
    // ID (its subscription) would pile up for the life of the server, one per device that ever registered.
    // The CONNACK says so (session present: no), and the device subscribes anew, as the SDKs always do.
    preConnect: (_client, packet, done) => {
      if (isDpsUserName(packet.username)) packet.clean = true;
      done(null, true);
    },

    authenticate: (client, userName, password, done) => {
      const peer = tlsPeerChain(client.conn as TLSSocket);
      const secret = password?.toString('utf8') || undefined;
      const dps = parseDpsUserName(userName ?? '', secret, peer);
      if (dps) {
        if (client.id !== dps.registrationId) {
          log(`DPS: refused "${client.id.slice(0, 128)}": the client ID must be the registration ID of the user name.`);
          return done(authError(NOT_AUTHORIZED, 'client id'), false);
        }
        // The credentials are checked by the register request, which answers with DPS's reason.
        sessions.set(client, dps);
        return done(null, true);
      }
      const hubSession = parseHubUserName(userName ?? '');
      if (!hubSession) {
        log(`MQTT: refused a connection: the user name is neither DPS's "{idScope}/registrations/{registrationId}/api-version=…" nor the hub's "{hub}/{deviceId}/?api-version=…".`);
        return done(authError(BAD_USER_NAME, 'user name'), false);
      }
      hub.admit(client, hubSession, secret, peer).then(
        (ok) => {
          if (ok) sessions.set(client, hubSession);
          done(ok ? null : authError(NOT_AUTHORIZED, 'not authorized'), ok);
        },
        (error: unknown) => {
          log(`Hub: could not check "${hubSession.deviceId}": ${(error as Error).message}`);
          done(authError(3, 'server unavailable'), false);
        },
      );
    },

    authorizeSubscribe: (client, subscription, done) => {
      const session = sessions.get(client);
      const allowed =
        session?.kind === 'dps'
          ? subscription.topic === DPS_RESPONSE_TOPICS
          : session !== undefined && allowedHubSubscription(session, subscription.topic);
      // A refused topic gets a failure code in the SUBACK; the connection stays.
      done(null, allowed ? subscription : null);
    },

    authorizePublish: (client, packet, done) => {
      const session = client && sessions.get(client);
      if (!client || !session) return done(new Error('not connected'));
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      if (session.kind === 'dps') {
        if (!isDpsRequestTopic(packet.topic)) return done(new Error(`DPS has no topic ${packet.topic}`));
        answerDpsMessage(dps, session, packet.topic, payload).then(
          (reply) =>
            client.publish({ cmd: 'publish', topic: reply.topic, payload: reply.payload, qos: 0, dup: false, retain: false }, noop),
          (error: unknown) => {
            log(`DPS: failed to answer "${session.registrationId}": ${(error as Error).message}`);
            client.close();
          },
        );
        return done(null);
      }
      if (hub.telemetry(session, packet.topic, payload)) return done(null);
      // Twin requests get an empty twin, so that SDK samples that read or report properties carry on.
      const twin = /^\$iothub\/twin\/(GET|PATCH\/properties\/reported)\/\?\$rid=([^&]*)/.exec(packet.topic);
      if (twin) {
        const isGet = twin[1] === 'GET';
        client.publish({
          cmd: 'publish',
          topic: `$iothub/twin/res/${isGet ? 200 : 204}/?$rid=${twin[2] ?? ''}${isGet ? '' : '&$version=1'}`,
          payload: isGet ? JSON.stringify({ desired: { $version: 1 }, reported: { $version: 1 } }) : '',
          qos: 0,
          dup: false,
          retain: false,
        }, noop);
        return done(null);
      }
      log(`Hub: disconnected "${session.deviceId}": it published to "${packet.topic.slice(0, 200)}", which is not one of its topics.`);
      return done(new Error('topic not allowed'));
    },

    // Nothing is routed from one device to another: a message reaches a client only when the server
    // answers that client (client.publish), on a topic of its own session.
    authorizeForward: (client, packet) => {
      const session = sessions.get(client);
      if (session?.kind === 'dps') return packet.topic.startsWith('$dps/registrations/res/') ? packet : null;
      if (session?.kind === 'hub') return packet.topic.startsWith('$iothub/twin/res/') ? packet : null;
      return null;
    },
  });

  broker.on('clientReady', (client) => {
    const session = sessions.get(client);
    if (session?.kind === 'hub') hub.connected(client, session);
  });
  broker.on('clientDisconnect', (client) => {
    const session = sessions.get(client);
    if (session?.kind === 'hub') hub.disconnected(client, session);
  });

  // noDelay: an answer goes out at once. With Nagle's algorithm it waited for the device's delayed ACK of
  // the previous packet: a registration took 145 ms instead of 28 ms, one at a time, on this machine.
  const server = createServer(
    { key: ca.keyPem, cert: ca.certPem, requestCert: true, rejectUnauthorized: false, noDelay: true },
    (socket) => broker.handle(socket),
  );
  // A TLS handshake that fails (a device that does not trust the CA) says so in the server's log.
  server.on('tlsClientError', (error) => {
    if (!/ECONNRESET|socket hang up/.test(error.message)) log(`MQTT: a TLS handshake failed: ${error.message}`);
  });

  return {
    server,
    hub,
    close: async () => {
      hub.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
