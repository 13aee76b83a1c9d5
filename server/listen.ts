// Starting a listener, for every server the console runs (the web server, the gateway, the device
// endpoints): the port it got (0 picks a free one), and the URL a client on this machine uses.
import type { Server } from 'node:net';

/** Listens on `port` at `host`; resolves with the port, rejects with the listen error (EADDRINUSE …). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** http://host:port for a client on this machine (0.0.0.0, all addresses, is reached at 127.0.0.1). */
export function localUrl(host: string | undefined, port: number): string {
  return `http://${host === undefined || host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
}
