import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeBotApi } from '../../../server/src/channels/telegram/fake-bot-api.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';

let env: BrowserDesk;
let telegram: Awaited<ReturnType<typeof startFakeBotApi>>;
let relay: SMTPServer;

beforeAll(async () => {
  telegram = await startFakeBotApi(TOKEN);
  // The desk's outgoing relay: it wants a password, so the console's test really signs in.
  relay = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kefu' && auth.password === 'relay-secret-pw')
        return callback(null, { user: 'kefu' });
      callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  env = await startBrowserDesk({
    env: {
      EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
      EMAIL_RELAY_URL: `smtp://kefu:relay-secret-pw@127.0.0.1:${(relay.server.address() as AddressInfo).port}`,
    },
  });
}, 60_000);
afterAll(async () => {
  await env?.close();
  await telegram?.close();
  await new Promise<void>((r) => relay?.close(() => r()));
});

async function officialHandles() {
  const res = await env.desk.app.inject({ url: '/api/v1/contact/official-accounts' });
  return (res.json().items as { value: string }[]).map((i) => i.value);
}

describeInBrowser('admin console: channels and mailboxes', () => {
  it('adds a Telegram bot (secret shown once), tests it, edits and turns it off; the mailboxes screen tests the relay', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const language = (lang: string) =>
      desk.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/preferences',
        headers: admin.write,
        payload: { language: lang },
      });
    await language('en');
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await page.getByText('No channels yet').waitFor();

    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.selectOption('select[name=kind]', 'telegram');
    await page.fill('input[name=name]', 'Lumen Telegram');
    await page.fill('input[name=botToken]', TOKEN);
    await page.fill('input[name=apiRoot]', telegram.apiRoot);
    const formBox = await page.locator('form.channel-form').boundingBox();
    expect(formBox!.width).toBeGreaterThan(800);
    await page.getByRole('button', { name: 'Add channel', exact: true }).click();

    // The webhook secret and the inbound URL, shown this once; the list never shows the secret.
    const created = page.getByTestId('channel-created');
    await created.waitFor();
    const secret = await page.getByTestId('secret-webhookSecret').inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('inbound-url').inputValue()).toMatch(/\/api\/v1\/channels\/inbound\//);
    expect(telegram.callsOf('setWebhook').at(-1)!.params.secret_token).toBe(secret);
    const row = page.locator('tr[data-channel="Lumen Telegram"]');
    await row.waitFor();
    expect(await page.locator('.channels-table').textContent()).not.toContain(secret);
    expect(await officialHandles()).toContain(telegram.bot.username);

    await row.getByRole('button', { name: 'Test connection' }).click();
    await row.getByTestId('test-result').getByText(`Connected: @${telegram.bot.username}`).waitFor();
    telegram.webhookFailing('Wrong response from the webhook: 502 Bad Gateway');
    await row.getByRole('button', { name: 'Test connection' }).click();
    await row.getByText('Failed: @lumen_support_bot: Telegram could not deliver: Wrong response').waitFor();
    const table = await page.locator('.channels-table').boundingBox();
    expect(table!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-channels.png'), fullPage: true });

    // Edit: the secret stays set (the field says so) and is not sent unless typed anew.
    await row.getByRole('button', { name: 'Edit' }).click();
    expect(await page.locator('input[name=botToken]').getAttribute('placeholder')).toMatch(/set/);
    await page.fill('input[name=name]', 'Lumen TG');
    await page.getByRole('button', { name: 'Save' }).click();
    const renamed = page.locator('tr[data-channel="Lumen TG"]');
    await renamed.waitFor();

    // Off: the bot leaves the official accounts customers can check.
    await renamed.getByRole('button', { name: 'Turn off' }).click();
    await renamed.getByRole('button', { name: 'Turn on' }).waitFor();
    expect(await officialHandles()).not.toContain(telegram.bot.username);

    // An optional setting set, then emptied in the edit form: gone on the server too.
    const settingsOf = async () => {
      const res = await desk.app.inject({ url: '/api/v1/channels', headers: admin.read });
      const items = res.json().items as { name: string; settings: Record<string, unknown> }[];
      return items.find((c) => c.name === 'Lumen TG')!.settings;
    };
    const link = 'https://app.lumen-exchange.example/support';
    await renamed.getByRole('button', { name: 'Edit' }).click();
    await page.fill('input[name=privateLink]', link);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await settingsOf()).privateLink).toBe(link);
    await page.locator('form.channel-form').waitFor({ state: 'detached' });
    await renamed.getByRole('button', { name: 'Edit' }).click();
    expect(await page.inputValue('input[name=privateLink]')).toBe(link);
    await page.fill('input[name=privateLink]', '');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => 'privateLink' in (await settingsOf())).toBe(false);
    await page.locator('form.channel-form').waitFor({ state: 'detached' });

    // Delete (the dialog is accepted): the row goes, and the API lists it no more.
    await renamed.getByRole('button', { name: 'Delete', exact: true }).click();
    await renamed.waitFor({ state: 'detached' });
    const left = await desk.app.inject({ url: '/api/v1/channels', headers: admin.read });
    expect((left.json().items as unknown[]).length).toBe(0);

    // Mailboxes: servers without passwords, a live relay test, a new address routed to a category.
    await page.getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByRole('heading', { name: 'Support addresses' }).waitFor();
    expect(await page.locator('.mail-admin').textContent()).not.toContain('relay-secret-pw');
    await page.getByRole('button', { name: 'Test connections' }).click();
    await page.getByTestId('mail-test').getByText('Connected: SMTP relay accepted the connection').waitFor();
    await page.fill('input[name=mailboxAddress]', 'security@lumen-exchange.example');
    await page.selectOption('select[name=mailboxNewCategory]', { label: 'Account security' });
    await page.getByRole('button', { name: 'Add address' }).click();
    const box = page.locator('tr[data-mailbox="security@lumen-exchange.example"]');
    await box.waitFor();
    expect(await box.locator('select[name=mailboxCategory] option:checked').textContent()).toBe(
      'Account security',
    );
    await box.locator('input[name=mailboxActive]').click();
    await page.locator('tr.disabled[data-mailbox="security@lumen-exchange.example"]').waitFor();
    expect(
      await page
        .locator('tr[data-mailbox="support@lumen-exchange.example"] input[name=mailboxActive]')
        .isDisabled(),
    ).toBe(true);
    const mailTable = await page.locator('.mail-table').boundingBox();
    expect(mailTable!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-mailboxes.png'), fullPage: true });

    // In Chinese: the tabs, and the server's refusal of a wrong bot token, in the admin's language.
    await language('zh-CN');
    await page.goto(`${baseUrl}/agent/admin/channels`);
    await page.getByRole('link', { name: '渠道', exact: true }).waitFor();
    await page.getByRole('button', { name: '添加渠道' }).first().click();
    await page.fill('input[name=name]', '坏令牌');
    await page.fill('input[name=botToken]', 'not-a-token');
    await page.locator('form.channel-form button[type=submit]').click();
    await page
      .getByRole('alert')
      .getByText('提交的内容有误：机器人令牌（botToken）应为 @BotFather 给出的令牌')
      .waitFor();
    await page.screenshot({ path: screenshotPath('admin-channels-zh.png'), fullPage: true });
    await context.close();
  }, 180_000);
});
