import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'dist', 'customer');

/** Writes .br and .gz next to each asset so the server sends them pre-compressed (no CPU per request). */
function precompress(): Plugin {
  return {
    name: 'kefu-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) =>
          statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
        );
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg)$/.test(f))) {
        const data = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(data));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** The customer pages (help center now; contact, chat, tickets, verify later): their own small entry. */
export default defineConfig({
  root: here,
  base: '/c/',
  plugins: [react(), precompress()],
  build: { outDir, emptyOutDir: true, target: 'es2020', assetsDir: 'assets', sourcemap: false },
});
