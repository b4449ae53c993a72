import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
/**
 * A browser test drives a whole desk and a Chromium; with both cores busy in CI (the rest of the
 * suite beside it) one that takes 13 s alone took over 30. Its time is not what it tests, so it
 * gets two minutes unless it says otherwise; a test that hangs still fails.
 */
const BROWSER_TEST_TIMEOUT = 120_000;

/** `describe` for browser tests: skipped without Chromium, with the browser tests' timeout. */
export function describeInBrowser(name: string, body: () => void): void {
  if (available) describe(name, { timeout: BROWSER_TEST_TIMEOUT }, body);
  else describe.skip(name, body);
}

/** The flags a headless Chromium needs on these machines (no sandbox as root, no background traffic). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches the system's Chromium for a browser test. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** Makes a test desk listen on a free loopback port; returns its base URL. */
export async function listenOnFreePort(app: { listen(o: { port: number; host: string }): Promise<string> }) {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** A phone inside an app's webview: the context options every customer-page test opens with. */
export const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** docs/screenshots/ when KEFU_SCREENSHOTS=1; otherwise a temporary directory (the repository stays clean). */
export const SHOTS = process.env.KEFU_SCREENSHOTS
  ? join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots')
  : join(tmpdir(), 'kefu-screenshots');
