// Builds the benchmark's floor page (bench/floor) on its own, into bench-results/floor-dist, so the
// app's build is unaffected. `npm run bench` runs it.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./floor/', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    target: 'es2023',
    outDir: fileURLToPath(new URL('../bench-results/floor-dist/', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
