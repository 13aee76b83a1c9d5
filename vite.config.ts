import { rmSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';
import { metaContentSecurityPolicy } from './scripts/csp.js';
import { lazyGridParts } from './scripts/vite/lazy-grid-parts.js';

// Where the API is answered (src/app/config.ts): the demo backend in the page by default; the console
// server with VITE_BACKEND=server (`npm start` builds that way); a real application with VITE_BACKEND=real
// (`npm run build:real`, which the gateway serves) or when IOTC_APP_URL is set. The application's token is
// the gateway's alone (server/gateway): it never reaches the dev server's proxy nor the browser bundle.
const appUrl = process.env.IOTC_APP_URL;
const gatewayUrl = process.env.CONSOLE_GATEWAY_URL ?? 'http://127.0.0.1:4173';
const backendKind =
  appUrl || process.env.VITE_BACKEND === 'real' ? 'real' : process.env.VITE_BACKEND === 'server' ? 'server' : 'page';

/** A real-application build holds no demo code: MSW's service worker (public/) is left out of it. */
const noDemoWorker: Plugin = {
  name: 'no-demo-worker',
  apply: 'build',
  writeBundle(options) {
    if (backendKind === 'real' && options.dir) rmSync(join(options.dir, 'mockServiceWorker.js'), { force: true });
  },
};

/** The production build carries its Content-Security-Policy (scripts/csp.js); the dev server does not. */
const cspMeta: Plugin = {
  name: 'csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  plugins: [react(), cspMeta, lazyGridParts(), noDemoWorker],
  define: { 'import.meta.env.VITE_BACKEND': JSON.stringify(backendKind) },
  build: {
    target: 'es2023',
    // Fonts stay files, even the small subsets: the CSP allows fonts from 'self' only, not data: URIs.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // What the first page needs, in one file: one request, and one gzip context for all of it.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  worker: { format: 'es' },
  server: {
    // Against a real application the dev server sends /api and /auth to the console server in
    // real-application mode (`IOTC_APP_URL=... npm start`, the gateway), which signs operators in, adds the
    // token and forwards only the console's operations. The Host header is kept, so the gateway sees this
    // origin (register http://localhost:5173/auth/callback with the OpenID provider for development).
    proxy: appUrl
      ? {
          '/api': { target: gatewayUrl, changeOrigin: false },
          '/auth': { target: gatewayUrl, changeOrigin: false },
        }
      : undefined,
  },
  test: {
    testTimeout: 20_000,
    pool: 'threads',
    projects: [
      {
        extends: true,
        // The page's code, against the demo backend in MSW (src/testing/setup.ts).
        test: {
          name: 'page',
          environment: 'jsdom',
          setupFiles: ['src/testing/setup.ts'],
          include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        // The console server over real HTTP: no MSW interception in these.
        test: { name: 'server', environment: 'node', include: ['server/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        extends: true,
        // The real-application build (dist-real/) through the gateway in Chromium: `npm run test:real`.
        test: { name: 'real-e2e', environment: 'node', include: ['server/gateway/*.e2e.ts'], testTimeout: 120_000 },
      },
    ],
  },
});
