import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMx } from '../../../server/src/channels/email/test-kit.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, signedInPage, startBrowserDesk } from './browser-desk.ts';

const PASSWORD = 'new-relay-pw-42';

let env: BrowserDesk;
let envRelay: Awaited<ReturnType<typeof startMx>>;
let newRelay: SMTPServer;
let newPort: number;

beforeAll(async () => {
  envRelay = await startMx();
  // The relay the admin moves to: it wants a password and refuses a wrong one in its own words.
  newRelay = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kefu' && auth.password === PASSWORD) return callback(null, { user: 'kefu' });
      callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
  });
  await new Promise<void>((r) => newRelay.listen(0, '127.0.0.1', () => r()));
  newPort = (newRelay.server.address() as AddressInfo).port;
  env = await startBrowserDesk({
    env: {
      EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${envRelay.port}`,
    },
  });
}, 60_000);
afterAll(async () => {
  await env?.close();
  await envRelay?.close();
  await new Promise<void>((r) => newRelay?.close(() => r()));
});

describeInBrowser('admin console: mail servers', () => {
  it('edits the relay, tests the typed values, saves it and never shows the password', async () => {
    const { auth, context, page } = await signedInPage(env, 'admin', 'en', 30_000);
    await page.goto(`${env.baseUrl}/agent/admin/mail`);
    const relayLine = page.locator('dd[data-server="relay"]');
    await relayLine.getByText('(from the environment)').waitFor();

    await page.getByRole('button', { name: 'Edit: Outgoing relay (SMTP)' }).click();
    const form = page.getByRole('form', { name: 'Edit: Outgoing relay (SMTP)' });
    await form.locator('input[name=port]').fill(String(newPort));
    await form.locator('input[name=user]').fill('kefu');
    await form.locator('input[name=password]').fill('wrong-password');
    await form.getByRole('button', { name: 'Test these values' }).click();
    // The relay's own refusal, in plain words, before anything is saved.
    await form
      .getByTestId('mail-edit-test')
      .getByText(/Failed: .*Authentication credentials invalid/)
      .waitFor();
    await form.locator('input[name=password]').fill(PASSWORD);
    await form.getByRole('button', { name: 'Test these values' }).click();
    await form
      .getByTestId('mail-edit-test')
      .getByText('Connected: SMTP relay accepted the connection')
      .waitFor();
    await page.screenshot({ path: screenshotPath('admin-mailboxes-edit.png'), fullPage: true });
    // Each address carries its health on the list (nothing in or out yet here), in a column of its own.
    const health = page.locator('tr[data-mailbox] td.mailbox-health').first();
    await health.getByText('↓ —').waitFor();
    const box = await health.boundingBox();
    expect(box!.width).toBeGreaterThan(40);
    expect(box!.height).toBeLessThan(80);

    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await relayLine.getByText(`127.0.0.1:${newPort} · kefu · password set`).waitFor();
    await relayLine.getByText('(set here)').waitFor();
    expect(await page.locator('.mail-admin').textContent()).not.toContain(PASSWORD);

    // Saved: the console's test now reaches the new relay with the stored password.
    await page.getByRole('button', { name: 'Test connections' }).click();
    await page.getByTestId('mail-test').getByText('Connected: SMTP relay accepted the connection').waitFor();
    const view = await env.desk.app.inject({ url: '/api/v1/admin/email', headers: auth.read });
    expect(view.json().relay).toMatchObject({
      port: newPort,
      user: 'kefu',
      passwordSet: true,
      source: 'console',
    });
    expect(view.body).not.toContain(PASSWORD);

    // Editing again leaves the password field empty; saving it empty keeps the stored one.
    await page.getByRole('button', { name: 'Edit: Outgoing relay (SMTP)' }).click();
    expect(await form.locator('input[name=password]').inputValue()).toBe('');
    expect(await form.locator('input[name=password]').getAttribute('placeholder')).toContain('set');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const again = await env.desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/test',
      headers: auth.write,
    });
    expect(again.json().relay).toMatchObject({ ok: true });
    await context.close();
  }, 180_000);
});
