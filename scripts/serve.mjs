// Serves the production build (dist/) as a single-page app: unknown paths get index.html.
// Used by `npm start`, `npm run preview`, the e2e tests and the benchmark (which also serves its floor
// page with `--dir bench-results/floor-dist`).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf } from './content-types.js';
import { securityHeaders } from './csp.js';

const dirArg = process.argv.indexOf('--dir');
const root = dirArg > 0 ? resolve(process.argv[dirArg + 1] ?? 'dist') + sep : fileURLToPath(new URL('../dist/', import.meta.url));
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}. Run \`npm run build\` first (\`npm start\` does both).`);
  process.exit(1);
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(root, 'index.html');
  }
  const isHashed = file.includes(`${root}assets`);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': contentTypeOf(extname(file)),
    'Cache-Control': isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}).listen(port, host, () => {
  console.log(`Device console (demo mode) is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
