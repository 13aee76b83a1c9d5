// DPS over MQTT, as the SDKs speak it (azure-iot-provisioning-device-mqtt, the C SDK's
// prov_transport_mqtt_common.c): CONNECT with client id = registration ID, user name
// `{idScope}/registrations/{registrationId}/api-version=…`, password = the SAS token (or the certificate
// of the TLS handshake); PUBLISH `$dps/registrations/PUT/iotdps-register/?$rid={rid}` with the
// DeviceRegistration, and `$dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={id}`
// to poll; the answers come on `$dps/registrations/res/{status}/?$rid={rid}[&retry-after={s}]`.
// Each message becomes the request it stands for, answered by the same DPS as HTTPS (DemoDps.answer),
// without HTTP's machinery (a Fetch Request and Response per message were a fifth of the server's time).
import { DPS_DEFAULT_API_VERSION, DPS_GLOBAL_ENDPOINT } from '../../src/lib/dps-protocol';
import type { DpsRequest } from '../../src/mocks/dps/http';
import type { DemoDps } from '../../src/mocks/dps/registrations';
import { TLS_PEER_HEADER } from '../../src/mocks/dps/x509-attestation';

export interface DpsSession {
  kind: 'dps';
  idScope: string;
  registrationId: string;
  apiVersion: string;
  /** The CONNECT password: a SAS token, sent with every request as HTTP's Authorization would be. */
  password: string | undefined;
  tlsPeerChain: string | undefined;
}

const USER_NAME = /^([^/]+)\/registrations\/([^/]+)\/(.*)$/;

export const isDpsUserName = (userName: string | undefined): boolean => USER_NAME.test(userName ?? '');

/** A DPS session from a CONNECT user name, or undefined when the user name is not DPS's. */
export function parseDpsUserName(
  userName: string,
  password: string | undefined,
  tlsPeerChain: string | undefined,
): DpsSession | undefined {
  const match = USER_NAME.exec(userName);
  if (!match) return undefined;
  const query = new URLSearchParams(match[3] ?? '');
  return {
    kind: 'dps',
    idScope: match[1] ?? '',
    registrationId: match[2] ?? '',
    apiVersion: query.get('api-version') ?? DPS_DEFAULT_API_VERSION,
    password,
    tlsPeerChain,
  };
}

export const DPS_RESPONSE_TOPICS = '$dps/registrations/res/#';
const REGISTER = /^\$dps\/registrations\/PUT\/iotdps-register\/\?(.*)$/;
const POLL = /^\$dps\/registrations\/GET\/iotdps-get-operationstatus\/\?(.*)$/;

export interface DpsReply {
  topic: string;
  payload: string;
}

/** Whether a device may publish to `topic` in a DPS session. */
export function isDpsRequestTopic(topic: string): boolean {
  return REGISTER.test(topic) || POLL.test(topic);
}

const utf8 = new TextDecoder();

/** Answers one DPS request message with the response message. */
export async function answerDpsMessage(
  dps: DemoDps,
  session: DpsSession,
  topic: string,
  payload: Uint8Array,
): Promise<DpsReply> {
  const register = REGISTER.exec(topic);
  const query = new URLSearchParams((register ?? POLL.exec(topic))?.[1] ?? '');
  const rid = query.get('$rid') ?? '';
  const base = `${DPS_GLOBAL_ENDPOINT}/${encodeURIComponent(session.idScope)}/registrations/${encodeURIComponent(session.registrationId)}`;
  const version = `?api-version=${encodeURIComponent(session.apiVersion)}`;
  // Header names in lower case, as HTTP's are compared.
  const headers = new Map<string, string>([['content-type', 'application/json']]);
  if (session.password) headers.set('authorization', session.password);
  if (session.tlsPeerChain) headers.set(TLS_PEER_HEADER, session.tlsPeerChain);
  const request: DpsRequest = {
    method: register ? 'PUT' : 'GET',
    url: register
      ? `${base}/register${version}`
      : `${base}/operations/${encodeURIComponent(query.get('operationId') ?? '')}${version}`,
    headers: {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      has: (name) => headers.has(name.toLowerCase()),
    },
    text: async () => (register ? utf8.decode(payload) : ''),
  };
  const answer = await dps.answer(request);
  const retryAfter = answer.headers['Retry-After'];
  return {
    topic: `$dps/registrations/res/${answer.status}/?$rid=${encodeURIComponent(rid)}${retryAfter ? `&retry-after=${retryAfter}` : ''}`,
    payload: JSON.stringify(answer.body),
  };
}
