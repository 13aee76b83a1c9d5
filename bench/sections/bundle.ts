// Section "bundle": the initial route's JS, as dist/index.html loads it (entry + modulepreloads), gzipped,
// against the floor page's. The load section adds what the page really fetched before its first rows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { log } from '../lib/stats.ts';
import type { Results, RouteJs } from '../page/types.ts';

export function bundle(results: Results, dist: string, floorDist: string): void {
  const initial = initialRouteJs(dist);
  const floor = initialRouteJs(floorDist);
  results.bundle.initial = initial;
  results.bundle.floor = floor;
  log(
    `Initial route JS: ${(initial.gzip / 1024).toFixed(1)} KB gzipped in ${initial.chunks.length} files (the floor page: ${(floor.gzip / 1024).toFixed(1)} KB)`,
  );
}

function initialRouteJs(dist: string): RouteJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+\.js)"/g))
    files.add(match[1] as string);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    files.add(match[1] as string);
  const chunks = [...files].map((file) => {
    const code = readFileSync(join(dist, file.replace(/^\//, '')));
    return { file, bytes: code.length, gzip: gzipSync(code).length };
  });
  return {
    chunks,
    bytes: chunks.reduce((n, c) => n + c.bytes, 0),
    gzip: chunks.reduce((n, c) => n + c.gzip, 0),
  };
}

export function gzipOf(dist: string, urlPath: string): number {
  const file = join(dist, urlPath.replace(/^\//, ''));
  return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
}

/**
 * The demo backend's JS: the chunk holding src/mocks/browser.ts (main.tsx imports it dynamically in
 * demo builds) and what it imports statically, minus what the app's entry imports anyway. A build for a
 * real application has none of it.
 */
export function demoBackendFiles(dist: string): Set<string> {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const staticImports = new Map(
    files.map((f) => {
      const code = readFileSync(join(assets, f), 'utf8');
      const imports = [
        ...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g),
      ].map((m) => m[1] as string);
      return [f, imports] as const;
    }),
  );
  const closure = (start: string) => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const g of staticImports.get(f) ?? []) visit(g);
    };
    visit(start);
    return seen;
  };
  const demoEntry = files.find((f) => {
    const map = join(assets, `${f}.map`);
    return (
      existsSync(map) &&
      (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.some((s) =>
        s.endsWith('src/mocks/browser.ts'),
      )
    );
  });
  if (!demoEntry) return new Set();
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  const app = entry ? closure(entry) : new Set();
  return new Set([...closure(demoEntry)].filter((f) => !app.has(f)).map((f) => `/assets/${f}`));
}
