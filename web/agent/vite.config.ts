import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The agent workspace: its own entry, served by the server at /agent/. */
export default defineConfig({
  root: here,
  base: '/agent/',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../dist/agent'),
    emptyOutDir: true,
    // No inline scripts or data: modules: the page's CSP allows only script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The lazy reports chunk carries tree-shaken ECharts (~550 kB, ~190 kB gzip); the inbox does not load it.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
