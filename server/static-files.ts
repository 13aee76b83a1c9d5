// The production build as files, for both HTTP fronts (the console server's http-adapter.ts and the
// gateway): where a request path lands inside the build, and how a file is sent.
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../scripts/content-types.js';
import { securityHeaders } from '../scripts/csp.js';
import { HttpError } from './http-body';

export interface DistPath {
  /** The build's folder, ending with a separator. */
  root: string;
  /** The file the path names inside it (never outside: `..` segments are dropped). */
  target: string;
  /** Undefined when there is no such file inside the build. */
  info: Stats | undefined;
}

/** Where `url`'s path lands inside `distDir`; 400 for a path that is not valid percent-encoding. */
export async function resolveDistPath(distDir: string, url: URL): Promise<DistPath> {
  const root = distDir.endsWith(sep) ? distDir : distDir + sep;
  let path: string;
  try {
    path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  } catch {
    throw new HttpError(400, 'BadRequest', 'The request path is not valid percent-encoding.');
  }
  const target = join(root, path);
  const info = target.startsWith(root) ? await stat(target).catch(() => undefined) : undefined;
  return { root, target, info };
}

/** Sends `target` with the security headers; hashed assets are cached for good, the rest revalidated. */
export function sendFile(req: IncomingMessage, res: ServerResponse, root: string, target: string): void {
  const isHashed = target.startsWith(`${root}assets`);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': contentTypeOf(extname(target)),
    'Cache-Control': isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(target).pipe(res);
}
