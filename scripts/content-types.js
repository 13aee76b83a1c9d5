// The Content-Type of each file the build holds, for the two servers that serve it: the console server
// (server/http-adapter.ts) and the static one (scripts/serve.mjs).
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pem': 'application/x-pem-file',
};

/** The Content-Type for a file extension (".js"); unknown ones are bytes. */
export function contentTypeOf(extension) {
  return Object.hasOwn(CONTENT_TYPES, extension) ? CONTENT_TYPES[extension] : 'application/octet-stream';
}
