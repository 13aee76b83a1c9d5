// DPS's device API over HTTPS, as the Azure IoT SDKs and firmware reach it: PUT /{idScope}/registrations/
// {registrationId}/register and GET …/operations/{operationId} at the root of this host, with the TLS
// server asking for a client certificate (X.509 attestation comes from the handshake). The page's DPS
// answers (DemoDps.answer), with the request mapped as /api maps it.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { DPS_GLOBAL_ENDPOINT } from '../../src/lib/dps-protocol';
import type { DemoDps } from '../../src/mocks/dps/registrations';
import { readBody, toFetchRequest } from '../http-adapter';
import type { LocalCa } from './local-ca';
import { tlsPeerChain } from './tls-peer';

/** The answers name DPS's global endpoint in Location; a device here polls this host instead. */
function ownLocation(location: string | undefined, host: string | undefined): string | undefined {
  if (!host || !location?.startsWith(`${DPS_GLOBAL_ENDPOINT}/`)) return location;
  return `https://${host}${location.slice(DPS_GLOBAL_ENDPOINT.length)}`;
}

export function createDpsHttpsServer(dps: DemoDps, ca: LocalCa): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ errorCode: 400004, message: 'The request target must be a path.' }));
    }
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : await readBody(req);
    const request = toFetchRequest(req, new URL(`${DPS_GLOBAL_ENDPOINT}${raw}`), body, tlsPeerChain(req.socket as TLSSocket));
    const answer = await dps.answer(request);
    const location = ownLocation(answer.headers.Location, req.headers.host);
    res.writeHead(answer.status, {
      ...answer.headers,
      ...(location ? { Location: location } : {}),
      'Content-Type': 'application/json',
    });
    res.end(JSON.stringify(answer.body));
  };
  const server = createServer(
    { key: ca.keyPem, cert: ca.certPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        const status = (error as { status?: number }).status === 413 ? 413 : 500;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errorCode: status * 1000, message: (error as Error).message }));
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  return server;
}
