// Helpers for the console server's tests: a server on a free port with its own database, and a client
// that speaks to it over real HTTP as the page does (the demo's SAS-shaped token names the role).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Role } from '../src/api/extensions';
import { startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './app';

export const API_VERSION = '2022-07-31';

export function tokenFor(role: Role): string {
  return `SharedAccessSignature sr=demo&sig=demo&skn=${role}&se=4102444800`;
}

export function tempDataFile(): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'iotc-server-'));
  return { file: join(dir, 'demo.sqlite'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A server on a free port, its data in `file`, serving a one-page build beside it. */
export async function startTestServer(
  file: string,
  options: Pick<ConsoleServerOptions, 'reset' | 'devices' | 'log'> = {},
): Promise<ConsoleServer> {
  const distDir = join(dirname(file), 'dist');
  mkdirSync(distDir, { recursive: true });
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Device console</title>');
  return startConsoleServer({ dataFile: file, port: 0, distDir, ...options });
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One API call; the body is parsed JSON (null for an empty answer). */
export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; role?: Role; raw?: boolean } = {},
): Promise<Answer<T>> {
  const url = options.raw ? `${baseUrl}${path}` : `${baseUrl}/api${path}${path.includes('?') ? '&' : '?'}api-version=${API_VERSION}`;
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: tokenFor(options.role ?? 'administrator'),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export interface ApiDevice {
  id: string;
  etag: string;
  displayName: string;
  enabled: boolean;
  template?: string;
  extensions?: { blocked: boolean; approvalPending: boolean };
}
