import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: builds the agent workspace and the customer pages once per test run
 * (~1 s), so the browser tests always exercise the current source and the server finds
 * web/dist/agent and web/dist/customer when it starts. Once, not per test file: two files
 * building into the same directory at the same time would empty it under each other.
 */
export default async function buildWebApps() {
  const { build } = await import('vite');
  // Vitest runs with NODE_ENV=test, which would give React's development build; test what ships.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const config of ['./agent/vite.config.ts', './customer/vite.config.ts']) {
      await build({
        configFile: fileURLToPath(new URL(config, import.meta.url)),
        mode: 'production',
        logLevel: 'warn',
      });
    }
  } finally {
    process.env.NODE_ENV = previous;
  }
}
