import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contractForTheBrowser } from './build/contract-plugin.js';

const api = process.env.ORDO_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [contractForTheBrowser(fileURLToPath(new URL('../src/contract/endpoint.ts', import.meta.url))), react()],
  resolve: {
    alias: {
      '@ordo/domain': fileURLToPath(new URL('../src/domain', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      // The Host header is kept (no changeOrigin) so the API's same-origin check sees the page's
      // own origin; the event stream passes through unbuffered.
      '/api': { target: api, changeOrigin: false },
    },
  },
});
