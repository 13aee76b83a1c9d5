// The gateway as a value: sign-in discovered from the OpenID provider, the listener, the HTTP server.
// main.ts starts one from the environment; the tests start one per suite.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config';
import { createGatewayListener } from './gateway';
import { createSignIn } from './sign-in';

export interface GatewayServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startGateway(options: {
  config: GatewayConfig;
  distDir: string;
  port: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<GatewayServer> {
  const signIn = await createSignIn(options.config.oidc, options.config.sessionHours);
  const server = createServer(
    createGatewayListener({
      config: options.config,
      signIn,
      distDir: options.distDir,
      ...(options.log ? { log: options.log } : {}),
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
