import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'shared/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['server/src/testing/global-setup.ts', 'web/build-for-tests.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only queue for them.
    maxWorkers: 2,
    // Statements kept per shape are compared with a fresh compile on every use (db/shaped.ts).
    env: { KEFU_CHECK_SHAPES: '1' },
  },
});
