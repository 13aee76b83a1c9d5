// The certificate chain a device sent in its TLS handshake, as the handlers read it (TLS_PEER_HEADER):
// base64 DER, leaf first, joined by commas. The TLS layer asks for a certificate but does not judge it;
// the application does, so that a refusal is DPS's own 401 (or the hub's CONNACK) with a reason.
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/** Certificates kept from one handshake: a leaf and its intermediates. */
const MAX_CHAIN = 8;

export function tlsPeerChain(socket: TLSSocket): string | undefined {
  // With no certificate sent, Node gives an empty object.
  const leaf = socket.getPeerCertificate(true) as Partial<DetailedPeerCertificate> | null;
  if (!leaf?.raw) return undefined;
  const seen = new Set<string>();
  const chain: string[] = [];
  let cert = leaf as DetailedPeerCertificate | undefined;
  while (cert?.raw && !seen.has(cert.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(cert.fingerprint256);
    chain.push(cert.raw.toString('base64'));
    cert = cert.issuerCertificate;
  }
  return chain.join(',');
}
