// Console server extension: DPS over HTTPS for the Simulator, through POST /extensions/dpsRelay (see
// extensions.ts). `dpsRelayFetch` is a fetch for lib/dps-client.ts: each DPS request the device client
// makes goes to the relay, and DPS's answer comes back as a Response, so the protocol steps are the same
// code whichever way the Simulator registers.
import { request } from './client';
import type { DpsRelayClientCertificate, DpsRelayExchange, DpsRelayRequest } from './extensions';

export function relayDpsRequest(relayed: DpsRelayRequest, signal?: AbortSignal) {
  return request<DpsRelayExchange>('POST', '/extensions/dpsRelay', { body: relayed, ...(signal ? { signal } : {}) });
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * A fetch that sends each DPS request through the console server's relay to its DPS over HTTPS, with the
 * device's client certificate (for X.509) in the TLS handshake. Only the path and query of the URL count:
 * the relay always calls its own DPS.
 */
export function dpsRelayFetch(clientCertificate?: DpsRelayClientCertificate): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'PUT' && method !== 'GET') throw new TypeError(`The DPS relay sends PUT and GET only, not ${method}.`);
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('The DPS relay sends text bodies only.');
    }
    const exchange = await relayDpsRequest(
      {
        method,
        path: `${url.pathname}${url.search}`,
        headers: headerRecord(init.headers),
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
        ...(clientCertificate ? { clientCertificate } : {}),
      },
      init.signal ?? undefined,
    );
    return new Response(exchange.body || null, { status: exchange.status, headers: exchange.headers });
  };
}
