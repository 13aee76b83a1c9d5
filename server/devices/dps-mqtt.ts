// DPS over MQTT, as the SDKs speak it (azure-iot-provisioning-device-mqtt, the C SDK's
// prov_transport_mqtt_common.c): CONNECT with client id = registration ID, user name
// `{idScope}/registrations/{registrationId}/api-version=…`, password = the SAS token (or the certificate
// of the TLS handshake); PUBLISH `$dps/registrations/PUT/iotdps-register/?$rid={rid}` with the
// DeviceRegistration, and `$dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={id}`
// to poll; the answers come on `$dps/registrations/res/{status}/?$rid={rid}[&retry-after={s}]`.
// Each message becomes the HTTP request it stands for, answered by the same DPS handlers as HTTPS.
import { getResponse, type RequestHandler } from 'msw';
import { DPS_DEFAULT_API_VERSION, DPS_GLOBAL_ENDPOINT } from '../../src/lib/dps-protocol';
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

/** Answers one DPS request message with the response message, through the DPS handlers. */
export async function answerDpsMessage(
  handlers: RequestHandler[],
  session: DpsSession,
  topic: string,
  payload: Uint8Array,
): Promise<DpsReply> {
  const register = REGISTER.exec(topic);
  const query = new URLSearchParams((register ?? POLL.exec(topic))?.[1] ?? '');
  const rid = query.get('$rid') ?? '';
  const base = `${DPS_GLOBAL_ENDPOINT}/${encodeURIComponent(session.idScope)}/registrations/${encodeURIComponent(session.registrationId)}`;
  const version = `?api-version=${encodeURIComponent(session.apiVersion)}`;
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (session.password) headers.set('Authorization', session.password);
  if (session.tlsPeerChain) headers.set(TLS_PEER_HEADER, session.tlsPeerChain);
  const request = register
    ? new Request(`${base}/register${version}`, { method: 'PUT', headers, body: payload as Uint8Array<ArrayBuffer> })
    : new Request(`${base}/operations/${encodeURIComponent(query.get('operationId') ?? '')}${version}`, { headers });
  const response = await getResponse(handlers, request);
  const status = response?.status ?? 404;
  const retryAfter = response?.headers.get('Retry-After');
  const body = response
    ? await response.text()
    : JSON.stringify({ errorCode: 404001, message: 'No DPS operation answers this request.' });
  return {
    topic: `$dps/registrations/res/${status}/?$rid=${encodeURIComponent(rid)}${retryAfter ? `&retry-after=${retryAfter}` : ''}`,
    payload: body,
  };
}
