// The Simulator's way to DPS over HTTPS (POST /api/extensions/dpsRelay, src/mocks/iotcentral/dps-relay.ts):
// the console server sends one device request to its own DPS endpoint over TLS, trusting its local CA and
// presenting the device's client certificate when the page gave one, and returns the exchange. A page can
// do neither (it cannot present a client certificate nor trust the local CA), so the server does it for it.
// The key is used for this request's handshake only and never kept beyond the connection pool's life.
import { createPrivateKey } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import type { DpsRelayExchange, DpsRelayRequest } from '../../src/api/extensions';
import { DomainError } from '../../src/lib/domain-error';
import type { LocalCa } from './local-ca';

/** The DPS headers a device reads. */
const ANSWER_HEADERS = ['retry-after', 'location', 'x-ms-request-id', 'x-ms-error-code', 'content-type'];
const TIMEOUT_MS = 30_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

const pem = (label: string, base64: string) =>
  `-----BEGIN ${label}-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

export interface DpsRelayTarget {
  /** The address to dial (the listener's bind address; 127.0.0.1 for a wildcard). */
  host: string;
  /** DPS over HTTPS's port, once it listens. */
  port: () => number;
  /** The host name devices use (shown in the exchange's URL, and the TLS server name). */
  serverName: string;
}

export function createDpsRelay(ca: LocalCa, target: DpsRelayTarget) {
  // Connections are pooled per client identity: the agent keys them by cert and key too.
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: ca.caPem });
  const relay = (request: DpsRelayRequest): Promise<DpsRelayExchange> => {
    let identity: { cert: string; key: string } | undefined;
    if (request.clientCertificate) {
      try {
        const key = createPrivateKey({ key: Buffer.from(request.clientCertificate.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
        identity = {
          cert: request.clientCertificate.chain.map((der) => pem('CERTIFICATE', der)).join(''),
          key: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
        };
      } catch {
        throw new DomainError(400, 'BadRequest', 'The private key cannot be read: send it as base64 DER (PKCS#8).');
      }
    }
    const port = target.port();
    const url = `https://${target.serverName}:${port}${request.path}`;
    const refused = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/.test(error.message)
          ? 'the private key does not belong to the certificate.'
          : error.message;
      return new DomainError(502, 'BadGateway', `The console server could not reach its DPS over HTTPS: ${reason}`);
    };
    return new Promise<DpsRelayExchange>((resolve, reject) => {
      const outgoing = httpsRequest(
        {
          agent,
          host: target.host,
          port,
          servername: target.serverName,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            // As a device that dials the name it was given.
            host: `${target.serverName}:${port}`,
            ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }),
          },
          ...(identity ?? {}),
          timeout: TIMEOUT_MS,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          let size = 0;
          answer.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) return void answer.destroy(new Error('DPS answered with too large a body.'));
            chunks.push(chunk);
          });
          answer.on('error', reject);
          answer.on('end', () => {
            const headers: Record<string, string> = {};
            for (const name of ANSWER_HEADERS) {
              const value = answer.headers[name];
              if (typeof value === 'string') headers[name] = value;
            }
            resolve({
              method: request.method,
              url,
              status: answer.statusCode ?? 502,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`DPS did not answer within ${TIMEOUT_MS / 1000} seconds.`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => reject(refused(error)));
      outgoing.end(request.body);
    }).catch((error: unknown) => {
      // A key that does not fit its certificate fails while the TLS context is built, before any 'error' event.
      throw error instanceof DomainError ? error : refused(error as NodeJS.ErrnoException);
    });
  };
  return { relay, close: () => agent.destroy() };
}
