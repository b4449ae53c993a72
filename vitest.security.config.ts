import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:security`: the attacks an outsider found, replayed against the app (files named
 * `*.security.ts`, beside the code they attack). Kept out of `npm test` so CI runs them once.
 * (Not mergeConfig: it would add this include to the base one and run the whole suite.)
 */
export default defineConfig({
  test: { ...base.test, include: ['server/src/**/*.security.ts'] },
});
