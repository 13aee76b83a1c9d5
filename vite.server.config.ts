// The console server's bundle (server/main.ts → dist-server/main.js): Vite builds it as it builds the page,
// so the shared demo backend code (import.meta.glob of the model repository, TypeScript) runs in Node as is.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist-server',
    target: 'node22',
    sourcemap: true,
    emptyOutDir: true,
  },
  ssr: { target: 'node' },
});
