import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: builds the customer app once per run, before any test file starts. Each
 * browser test building it itself would race: two builds empty web/dist/customer under each other.
 */
export default async function buildCustomerApp() {
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
