import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:faults`: dependencies failing under a running desk (nodes killed, PostgreSQL and
 * Redis restarted) and hostile input walked over the OpenAPI document (files named `*.faults.ts`).
 * Kept out of `npm test`: they start their own PostgreSQL and Redis and take minutes.
 * (Not mergeConfig: it would add this include to the base one and run the whole suite.)
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['server/src/**/*.faults.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
