// `IOTC_APP_URL=https://myapp.azureiotcentral.com npm start`: the console server in real-application mode
// (scripts/start.mjs runs this bundle, dist-gateway/main.js, when IOTC_APP_URL is set). It serves the
// real-application build (dist-real/, no demo code) and forwards the console's operations to the
// application with its token, for operators who signed in. Settings: config.ts and the README.
//   --port N  PORT  default 4173      --host NAME  HOST  default 127.0.0.1      --dist DIR  default dist-real/
//   --data FILE  IOTC_GATEWAY_DATA  default ./.data/gateway.sqlite: the Device operations' reports (imports, exports)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quietSqliteWarning } from '../quiet-sqlite';

quietSqliteWarning();
// Loaded after the filter is in place: the reports' store imports node:sqlite.
const { startGateway } = await import('./app');
const { ConfigError, gatewayConfigFromEnv } = await import('./config');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    dist: { type: 'string' },
    data: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  strict: false,
});

const port = Number(values.port ?? process.env.PORT ?? 4173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be a port number from 0 to 65535.');
  process.exit(2);
}
const distDir = resolve(
  typeof values.dist === 'string' ? values.dist : new URL('../dist-real', import.meta.url).pathname,
);
if (!existsSync(resolve(distDir, 'index.html'))) {
  console.error(
    `No real-application build in ${distDir}. Run \`IOTC_APP_URL=... npm start\`, which builds first.`,
  );
  process.exit(1);
}

const reportsFile = resolve(
  typeof values.data === 'string' ? values.data : (process.env.IOTC_GATEWAY_DATA ?? '.data/gateway.sqlite'),
);

try {
  const config = gatewayConfigFromEnv(process.env);
  const host = typeof values.host === 'string' ? values.host : (process.env.HOST ?? '127.0.0.1');
  const gateway = await startGateway({
    config,
    distDir,
    port,
    host,
    reportsFile,
    ...(values.quiet ? {} : { log: (line: string) => console.log(`${new Date().toISOString()} ${line}`) }),
  });
  console.log(`Device console (real application) is running at ${config.publicOrigin ?? gateway.url}/`);
  console.log(`  Application: ${config.appOrigin} (the console's operations only; the token stays here)`);
  console.log(`  Reports:     ${reportsFile} (imports and exports, run here through the public API)`);
  console.log(`  Sign-in:     ${config.oidc.issuer.href} (role from the "${config.oidc.roles.claim}" claim)`);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if ((error as { code?: string }).code === 'EADDRINUSE')
    console.error(`Port ${port} is in use. Choose another with --port N.`);
  else console.error('The console could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
