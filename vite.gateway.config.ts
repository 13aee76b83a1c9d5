// The gateway's bundle (server/gateway/main.ts → dist-gateway/main.js): the console server in
// real-application mode. Built apart from the demo server (vite.server.config.ts), so it holds no demo code.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'server/gateway/main.ts',
    outDir: 'dist-gateway',
    target: 'node22',
    sourcemap: true,
    emptyOutDir: true,
  },
  ssr: { target: 'node' },
});
