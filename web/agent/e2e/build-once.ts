import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: builds the agent workspace once per test run (~0.5 s), so the browser
 * tests always exercise the current source and the server finds web/dist/agent when it starts.
 */
export default async function buildAgentApp() {
  const { build } = await import('vite');
  // Vitest runs with NODE_ENV=test, which would give React's development build; test what ships.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
