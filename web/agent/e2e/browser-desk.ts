import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../server/src/testing/browser.ts';
import { freePort } from '../../../server/src/testing/free-port.ts';
import { createTestDesk, DEMO_PASSWORDS, type TestDesk } from '../../../server/src/testing/harness.ts';

export interface BrowserDesk {
  desk: TestDesk;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies), tablet- or desktop-sized. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** Signs a demo agent in through the API and puts the session cookie into the context. */
  signInContext(context: BrowserContext, who: keyof typeof DEMO_PASSWORDS): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server on a free port (PGlite demo desk) and a headless Chromium to drive it. With
 * `sameOrigin`, PUBLIC_URL is the server's own address, as the agent WebSocket's Origin check needs;
 * `env` adds settings (a mail relay, an IMAP mailbox).
 */
export async function startBrowserDesk(
  options: { sameOrigin?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserDesk> {
  const wanted = options.sameOrigin ? await freePort() : 0;
  // The XSS test writes a dozen customer messages at once: a script's pace, by design.
  const desk = await createTestDesk({
    CUSTOMER_MESSAGES_PER_10S: '100',
    ...options.env,
    ...(options.sameOrigin ? { PUBLIC_URL: `http://127.0.0.1:${wanted}` } : {}),
  });
  await desk.app.listen({ port: wanted, host: '127.0.0.1' });
  const { port } = desk.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  return {
    desk,
    baseUrl,
    browser,
    context: (viewport = { width: 1280, height: 860 }) => browser.newContext({ viewport, locale: 'zh-CN' }),
    async signInContext(context, who) {
      const auth = await desk.signIn(who);
      const value = (auth.read.cookie ?? '').replace(/^kefu_session=/, '');
      await context.addCookies([{ name: 'kefu_session', value, url: baseUrl }]);
    },
    async close() {
      await browser.close();
      await desk.close();
    },
  };
}

/** Turns two-factor on for an agent through the API, as the enrolment screen would; returns the secret. */
export async function enrolTwoFactor(desk: TestDesk, who: keyof typeof DEMO_PASSWORDS): Promise<string> {
  const auth = await desk.signIn(who);
  const { password } = DEMO_PASSWORDS[who];
  const enrol = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/auth/2fa/enrol',
    headers: auth.write,
    payload: { password },
  });
  const { secret } = enrol.json() as { secret: string };
  const confirm = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/auth/2fa/confirm',
    headers: auth.write,
    payload: { password, code: totpCode(secret) },
  });
  if (confirm.statusCode !== 200) throw new Error(`2fa confirm failed: ${confirm.body}`);
  return secret;
}

/** The code an authenticator app shows at `at` (ms). */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });
}

/** Collects anything a payload could do to announce itself: dialogs and page errors. */
export function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/**
 * Where a screenshot goes: docs/screenshots/ when KEFU_SCREENSHOTS=1 (to refresh the committed
 * ones), otherwise a temporary directory, so an ordinary test run leaves the repository clean.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.KEFU_SCREENSHOTS
    ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
    : tmpdir();
  return join(dir, name);
}

/**
 * A demo agent in their own browser profile, with the workspace language set first: the page the
 * admin-console tests start from.
 */
export async function signedInPage(
  env: BrowserDesk,
  who: keyof typeof DEMO_PASSWORDS,
  language: 'zh-CN' | 'en',
  timeoutMs: number,
): Promise<{ auth: Awaited<ReturnType<TestDesk['signIn']>>; context: BrowserContext; page: Page }> {
  const auth = await env.desk.signIn(who);
  await env.desk.app.inject({
    method: 'PATCH',
    url: '/api/v1/me/preferences',
    headers: auth.write,
    payload: { language },
  });
  const context = await env.context();
  await env.signInContext(context, who);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  return { auth, context, page };
}
