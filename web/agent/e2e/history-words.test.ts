import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmailChannel } from '../../../server/src/channels/email/channel.ts';
import { emailMessages } from '../../../server/src/channels/email/schema.ts';
import {
  buildMail,
  dnsFile,
  mailDeskEnv,
  sendRaw,
  startMx,
} from '../../../server/src/channels/email/test-kit.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

/**
 * Issue #18, polish the agent sees: the history reads as sentences (names, never ids or JSON), a
 * mail that failed SPF/DKIM/DMARC carries a warning on the message itself, the workspace has a
 * dark mode it remembers, and the account page no longer promises live chat.
 */
const SUPPORT = 'support@lumen-exchange.example';
let env: BrowserDesk;
let mx: Awaited<ReturnType<typeof startMx>>;

beforeAll(async () => {
  mx = await startMx();
  env = await startBrowserDesk({
    env: mailDeskEnv(mx.port, {
      // The sender's domain publishes SPF for another host and DMARC p=reject: an unsigned mail
      // from 127.0.0.1 fails all three checks, as a forged From would.
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
        'customer.example TXT': 'v=spf1 ip4:192.0.2.1 -all',
        '_dmarc.customer.example TXT': 'v=DMARC1; p=reject',
      }),
    }),
  });
}, 120_000);
afterAll(async () => {
  await env?.close();
  await mx?.close();
});

/** A forged-looking mail opens a ticket; an agent then sets its category, team, priority and owner. */
async function ticketFromUnverifiedMail() {
  const { desk } = env;
  const port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  const raw = await buildMail({
    from: 'Bob <bob@customer.example>',
    to: SUPPORT,
    subject: '请把我的提现地址改成 TXYZnew',
    messageId: '<bob-1@customer.example>',
    text: '我换了钱包，请把提现地址改成 TXYZnew，今天就要提。',
  });
  await sendRaw(port, raw, { from: 'bob@customer.example', to: [SUPPORT] });
  const row = await eventually(async () => {
    const [r] = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, 'bob-1@customer.example'));
    return r?.ticketId ? r : null;
  });
  const lin = await desk.signIn('lin');
  const admin = await desk.signIn('admin');
  const lists = async (path: string) =>
    (await desk.app.inject({ url: `/api/v1/${path}`, headers: admin.read })).json().items as Array<{
      id: string;
      code?: string;
      email?: string;
    }>;
  const category = (await lists('categories')).find((c) => c.code === 'deposit_withdrawal')!;
  const team = (await lists('teams')).find((t) => t.code === 'funds')!;
  const linId = (await lists('agents')).find((a) => a.email === 'lin@lumen-exchange.example')!.id;
  const patched = await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${row.ticketId}`,
    headers: lin.write,
    payload: { categoryId: category.id, teamId: team.id, priority: 'high', assigneeId: linId },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  const detail = (
    await desk.app.inject({ url: `/api/v1/tickets/${row.ticketId}`, headers: lin.read })
  ).json() as { number: string; history: Array<{ kind: string }> };
  // The server recorded the mail's verdict; the page must put it into words.
  expect(detail.history.map((h) => h.kind)).toContain('email_unverified');
  return { number: detail.number };
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function open(page: Page, number: string) {
  await page.goto(`${env.baseUrl}/agent/tickets/${number}`);
  await page.locator('.panel.history li').first().waitFor();
}

describeInBrowser('the ticket in words, the mail warning, dark mode', () => {
  it('reads the history as sentences and warns on the forged-looking mail itself (zh-CN and en)', async () => {
    const { number } = await ticketFromUnverifiedMail();
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await open(page, number);

    const history = page.locator('.panel.history');
    await history.getByText('分类设为 充值提现').waitFor();
    await history.getByText('团队：充提组').waitFor();
    await history.getByText('优先级：低 → 高').waitFor();
    await history.getByText('来自 bob@customer.example 的邮件未通过 SPF / DKIM / DMARC 验证').waitFor();
    await history.getByText(/已分配给 林/).waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).not.toMatch(uuid);
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toMatch(/\b(category|team|email_unverified|system)\b/);

    // The warning sits on the mail itself, inside its message box, above its text.
    const message = page.locator(`.thread li.message:has(.mail-warning)`);
    expect(await message.count()).toBe(1);
    const warning = message.locator('.mail-warning');
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.textContent()).toContain('SPF / DKIM / DMARC');
    expect(await warning.textContent()).toContain('请勿据此邮件处理账户事项');
    expect(await message.locator('.body').textContent()).toContain('TXYZnew');
    const [box, warnBox, bodyBox] = await Promise.all([
      message.boundingBox(),
      warning.boundingBox(),
      message.locator('.body').boundingBox(),
    ]);
    expect(warnBox!.y).toBeGreaterThanOrEqual(box!.y);
    expect(warnBox!.y + warnBox!.height).toBeLessThanOrEqual(bodyBox!.y + 1);
    expect(warnBox!.width).toBeGreaterThan(box!.width * 0.8);
    expect(warnBox!.height).toBeGreaterThan(20);
    const style = await warning.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, border: s.borderLeftWidth };
    });
    expect(style.bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(style.border).toBe('4px');
    await page.screenshot({ path: screenshotPath('ticket-history-mail-warning.png'), fullPage: true });

    // In English the same sentences, with the English names.
    await page.getByLabel('语言').selectOption('en');
    await history.getByText('Category set to Deposits & withdrawals').waitFor();
    await history.getByText('Team: Deposits & withdrawals').waitFor();
    await history.getByText('Mail from bob@customer.example failed SPF / DKIM / DMARC').waitFor();
    expect(await warning.textContent()).toContain('Do not act on account matters');
    await page.getByLabel('Language').selectOption('zh-CN');
    await context.close();
  });

  it('switches to dark mode, keeps it after a reload, and the account page no longer says chat is coming', async () => {
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${env.baseUrl}/agent/settings`);
    await page.getByRole('button', { name: '深色模式' }).waitFor();
    const colours = () =>
      page.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        bg: getComputedStyle(document.documentElement).backgroundColor,
        text: getComputedStyle(document.documentElement).color,
        panel: getComputedStyle(document.querySelector('.panel, main')!).backgroundColor,
      }));
    expect((await colours()).theme).toBe('light');
    expect((await colours()).bg).toBe('rgb(245, 246, 248)');

    // The account page tells where chat status and capacity live, not that they are coming.
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('将随在线客服功能');
    expect(body).toContain('顶栏');

    const toggle = page.getByRole('button', { name: '深色模式' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const dark = await colours();
    expect(dark.theme).toBe('dark');
    expect(dark.bg).toBe('rgb(15, 20, 26)');
    expect(dark.text).toBe('rgb(228, 233, 239)');
    await page.reload();
    await page.getByRole('button', { name: '深色模式' }).waitFor();
    expect((await colours()).theme).toBe('dark');

    // A ticket in dark mode: panels dark, the text light, the layout unchanged.
    await page.goto(`${env.baseUrl}/agent/`);
    await page.locator('.tickets tbody tr').first().waitFor();
    const row = page.locator('.tickets tbody tr').first();
    const rowStyle = await row.evaluate((el) => getComputedStyle(el).color);
    expect(rowStyle).toBe('rgb(228, 233, 239)');
    const number = (await row.locator('td').filter({ hasText: /^KF-/ }).first().textContent())?.trim();
    await open(page, number!);
    const thread = await page
      .locator('.thread li.message')
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { bg: s.backgroundColor, color: s.color };
      });
    expect(thread.color).toBe('rgb(228, 233, 239)');
    expect(thread.bg).not.toBe('rgb(255, 255, 255)');
    // Every chip (status, priority, SLA clocks) readable: its text at least 4.5:1 on its own
    // background, WCAG AA for small text. The SLA chips were dark green on a darkened chip.
    await page.locator('.badge[class*="sla-"]').first().waitFor();
    const chips = await page.locator('.badge').evaluateAll((els) => {
      const luminance = (rgb: string) => {
        const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      return els.map((el) => {
        const s = getComputedStyle(el);
        const [a, b] = [luminance(s.color), luminance(s.backgroundColor)].sort((x, y) => y - x);
        return { chip: `${el.className}: ${el.textContent}`, ratio: (a! + 0.05) / (b! + 0.05) };
      });
    });
    for (const { chip, ratio } of chips) expect(ratio, chip).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: screenshotPath('ticket-dark.png') });

    // Back to light, remembered as well.
    await page.getByRole('button', { name: '深色模式' }).click();
    await page.reload();
    await page.locator('.panel.history li').first().waitFor();
    expect((await colours()).theme).toBe('light');
    await context.close();
  });
});
