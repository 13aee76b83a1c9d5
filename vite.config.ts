import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Demo mode (the MSW backend in the page) is the default. A real application is used when
// VITE_IOTC_APP_URL is set at build time; see the README, "Use a real application".
const appUrl = process.env.VITE_IOTC_APP_URL;

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: {
    // Browsers cannot call IoT Central directly (no CORS), so the dev server proxies /api to it.
    proxy: appUrl ? { '/api': { target: appUrl, changeOrigin: true, secure: true } } : undefined,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
});
