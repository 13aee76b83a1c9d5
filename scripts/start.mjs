// `npm start`: builds the console (page and server) when the sources are newer than the last build, then
// runs the console server (server/main.ts, bundled to dist-server/main.js). Arguments go to the server:
// `npm start -- --port 8080 --data my.sqlite --reset`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// With IOTC_APP_URL: the console server in real-application mode (the gateway, server/gateway/), serving a
// build without demo code (dist-real/). Otherwise the demo console server.
const isReal = Boolean(process.env.IOTC_APP_URL);
const SOURCES = ['src', 'server', 'public', 'index.html', 'vite.config.ts', 'vite.server.config.ts', 'vite.gateway.config.ts', 'package-lock.json'];
const OUTPUTS = isReal ? ['dist-real/index.html', 'dist-gateway/main.js'] : ['dist/index.html', 'dist-server/main.js'];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const outputs = OUTPUTS.map((p) => join(root, p));
const isBuilt = outputs.every(existsSync);
const builtAt = isBuilt ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
const changedAt = Math.max(...SOURCES.map((p) => join(root, p)).filter(existsSync).map(newest));
if (!isBuilt || changedAt > builtAt) {
  console.log(isBuilt ? 'Sources changed since the last build: building ...' : 'Building the console ...');
  const build = spawnSync('npm', ['run', '--silent', isReal ? 'build:real' : 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync(process.execPath, [join(root, isReal ? 'dist-gateway/main.js' : 'dist-server/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
