import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/** The system's Chromium (Debian's package); playwright-core drives it, it downloads nothing. */
export const CHROMIUM_PATH = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Browser tests run wherever Chromium is installed, and always in CI (`.ci/run` installs it, and a
 * missing browser must fail there, not skip). On a newcomer's machine with only Node and npm they
 * are skipped with a line saying how to run them.
 */
const available = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';
if (!available) {
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-wqy-microhei, or set KEFU_CHROMIUM).`,
  );
}
export const describeInBrowser: typeof describe = available ? describe : (describe.skip as typeof describe);
