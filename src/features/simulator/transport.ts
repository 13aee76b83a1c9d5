// How the Simulator's device reaches DPS. `page`: the DPS the page can call itself (in the page, or /dps on
// the console server), with X.509 proved in headers. `https`: the console server's DPS over HTTPS, through
// its relay (api/dps-relay.ts), with X.509 from the TLS handshake as a real device does it.
import { apiConfig } from '../../api/config';
import { dpsRelayFetch } from '../../api/dps-relay';
import type { DpsRelayClientCertificate } from '../../api/extensions';
import type { RegisterDeviceOptions } from '../../lib/dps-client';

export type DpsTransport = { kind: 'page' } | { kind: 'https'; endpoint: string };

export const PAGE_TRANSPORT: DpsTransport = { kind: 'page' };

/** registerDevice's options for `transport`; `clientCertificate` is the X.509 device's, for the handshake. */
export function transportOptions(
  transport: DpsTransport,
  clientCertificate?: DpsRelayClientCertificate,
): Pick<RegisterDeviceOptions, 'endpoint' | 'fetch' | 'isCertificateInHandshake'> {
  if (transport.kind === 'page') {
    const { dpsEndpoint } = apiConfig();
    return dpsEndpoint ? { endpoint: dpsEndpoint } : {};
  }
  return {
    endpoint: transport.endpoint,
    fetch: dpsRelayFetch(clientCertificate),
    isCertificateInHandshake: clientCertificate !== undefined,
  };
}
