// POST /api/extensions/dpsRelay: the Simulator's way to the console server's DPS over HTTPS. The page sends
// one DPS request (and, for X.509, the device's certificate and key); the server sends it over TLS to its
// own DPS endpoint and returns the exchange. Only the console server has the endpoint (server/devices/
// dps-relay.ts does the TLS); the in-page demo answers 404 with what to do instead.
import { http, HttpResponse } from 'msw';
import type { DpsRelayExchange, DpsRelayRequest } from '../../api/extensions';
import { badRequest, DomainError } from '../../lib/domain-error';
import { handler } from '../http';

/** The largest relayed body: a DeviceRegistration with a TPM's keys and a payload is a few KB. */
const MAX_BODY_CHARS = 64 * 1024;
const MAX_CHAIN = 8;
const FORWARDED_HEADERS = ['authorization', 'content-type', 'accept'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** DPS's two device operations, on the raw path: a segment is never empty, "." or "..". */
const SEGMENT = '(?!\\.\\.?[/?])[^/?#]+';
const REGISTER = new RegExp(`^/${SEGMENT}/registrations/${SEGMENT}/register\\?api-version=[^&#]+$`);
const OPERATION = new RegExp(`^/${SEGMENT}/registrations/${SEGMENT}/operations/${SEGMENT}\\?api-version=[^&#]+$`);

/** The request as the relay may send it, or a 400 that says what to change. */
export function checkRelayRequest(body: Record<string, unknown>): DpsRelayRequest {
  const { method, path, headers, body: text, clientCertificate } = body;
  if (method !== 'PUT' && method !== 'GET') throw badRequest('"method" must be "PUT" (register) or "GET" (operation status).');
  if (typeof path !== 'string' || !(method === 'PUT' ? REGISTER : OPERATION).test(path)) {
    throw badRequest(
      method === 'PUT'
        ? '"path" must be /{idScope}/registrations/{registrationId}/register?api-version=… (the relay sends DPS\'s device requests only).'
        : '"path" must be /{idScope}/registrations/{registrationId}/operations/{operationId}?api-version=… (the relay sends DPS\'s device requests only).',
    );
  }
  const forwarded: Record<string, string> = {};
  if (headers !== undefined) {
    if (!headers || typeof headers !== 'object' || Array.isArray(headers)) throw badRequest('"headers" must be an object of strings.');
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string' || value.length > 8192) throw badRequest(`Header "${name}" must be a string of at most 8192 characters.`);
      if (FORWARDED_HEADERS.includes(name.toLowerCase())) forwarded[name.toLowerCase()] = value;
    }
  }
  if (text !== undefined && (typeof text !== 'string' || text.length > MAX_BODY_CHARS)) {
    throw badRequest(`"body" must be the request body as text, at most ${MAX_BODY_CHARS} characters.`);
  }
  if (method === 'GET' && text) throw badRequest('A GET has no body.');
  let certificate: DpsRelayRequest['clientCertificate'];
  if (clientCertificate !== undefined) {
    const { chain, privateKey } = (clientCertificate ?? {}) as Record<string, unknown>;
    if (
      !Array.isArray(chain) ||
      chain.length === 0 ||
      chain.length > MAX_CHAIN ||
      !chain.every((c): c is string => typeof c === 'string' && BASE64.test(c))
    ) {
      throw badRequest(`"clientCertificate.chain" must list 1 to ${MAX_CHAIN} certificates, base64 DER, the device's first.`);
    }
    if (typeof privateKey !== 'string' || !BASE64.test(privateKey)) {
      throw badRequest('"clientCertificate.privateKey" must be the device certificate\'s private key, base64 DER (PKCS#8).');
    }
    certificate = { chain, privateKey };
  }
  return {
    method,
    path,
    headers: forwarded,
    ...(typeof text === 'string' && text ? { body: text } : {}),
    ...(certificate ? { clientCertificate: certificate } : {}),
  };
}

export type DpsRelay = (request: DpsRelayRequest) => Promise<DpsRelayExchange>;

export function dpsRelayHandlers(relay: DpsRelay | undefined) {
  return [
    http.post(
      '*/api/extensions/dpsRelay',
      handler(async ({ json }) => {
        if (!relay)
          throw new DomainError(
            404,
            'NotFound',
            'This backend has no DPS endpoint over HTTPS: the in-page demo runs in the browser. Register through the in-page DPS, or run the console server (npm start).',
          );
        return HttpResponse.json(await relay(checkRelayRequest(await json())));
      }),
    ),
  ];
}
