// The gateway as a value: sign-in discovered from the OpenID provider, the listener, the HTTP server.
// main.ts starts one from the environment; the tests start one per suite.
import { createServer, type Server } from 'node:http';
import type { GatewayConfig } from './config';
import { createDeviceOperations } from './device-operations';
import { createGatewayListener } from './gateway';
import { openOperationReports } from './operation-reports';
import { createPacedClient, type PacingOptions } from './paced-client';
import { createSignIn } from './sign-in';
import { listen, localUrl } from '../listen';

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
  /** The SQLite file of the Device operations' reports; default ':memory:' (main.ts passes .data/gateway.sqlite). */
  reportsFile?: string;
  /** How the gateway's own requests (import, export) are paced; default DEFAULT_PACING. */
  pacing?: PacingOptions;
}): Promise<GatewayServer> {
  const signIn = await createSignIn(options.config.oidc, options.config.sessionHours);
  const reports = openOperationReports(options.reportsFile ?? ':memory:');
  const client = createPacedClient({
    appOrigin: options.config.appOrigin,
    authorization: options.config.authorization,
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const server = createServer(
    createGatewayListener({
      config: options.config,
      signIn,
      operations: createDeviceOperations({ client, reports }),
      distDir: options.distDir,
      ...(options.log ? { log: options.log } : {}),
    }),
  );
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, options.port, options.host ?? '127.0.0.1');
  return {
    url: localUrl(options.host, port),
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      reports.close();
    },
  };
}
