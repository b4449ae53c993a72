import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmailChannel } from '../../../server/src/channels/email/channel.ts';
import { buildMail, dnsFile, sendRaw, startMx } from '../../../server/src/channels/email/test-kit.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

const SUPPORT = 'support@lumen-exchange.example';
const PARTNER = 'ops@partner.example';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let env: BrowserDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
beforeAll(async () => {
  mx = await startMx();
  env = await startBrowserDesk({
    env: {
      EMAIL_MAILBOXES: `${SUPPORT}=general`,
      SMTP_PORT: '0',
      SMTP_HOST: '127.0.0.1',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile({ 'partner.example TXT': 'v=spf1 -all' }),
    },
  });
}, 60_000);
afterAll(async () => {
  await env?.close();
  await mx?.close();
});

describeInBrowser('side conversations in the browser', () => {
  it('an agent starts one with a file, reads the partner’s reply in the panel, replies and closes it', async () => {
    const { desk, baseUrl } = env;
    const customer = await desk.customer('side-e2e');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'TRC20 提现未到账', description: 'USDT 提现两个小时还在处理中' },
    });
    const ticket = created.json() as { id: string; number: string };
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const panel = page.getByTestId('side-conversations');
    await panel.getByText('还没有协作会话。').waitFor();
    await panel.getByRole('button', { name: '新建协作会话' }).click();
    await panel.locator('input[name=sideTo]').fill(PARTNER);
    await panel.locator('input[name=sideSubject]').fill('请协助核查 TRC20 提现');
    await panel.locator('textarea[name=sideBody]').fill('你好，用户的提现卡在链上，TxID 见附件。');
    await panel
      .locator('input[name=sideFiles]')
      .setInputFiles({ name: 'txid.png', mimeType: 'image/png', buffer: PNG });
    await panel.locator('.side-files', { hasText: 'txid.png' }).waitFor();
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    const conversation = panel.getByTestId('side-conversation');
    await conversation.getByText('请协助核查 TRC20 提现').waitFor();
    const sent = await eventually(async () => mx.inbox.find((m) => m.rcptTo.includes(PARTNER)), 15_000);
    expect(sent.mail.attachments.map((a) => a.filename)).toEqual(['txid.png']);

    // The partner answers the Reply-To address; the panel shows it after a reload.
    const replyTo = sent.mail.replyTo!.value[0]!.address!;
    const port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
    await sendRaw(
      port,
      await buildMail({
        from: PARTNER,
        to: replyTo,
        subject: `Re: ${sent.mail.subject}`,
        messageId: '<e2e-p1@partner.example>',
        inReplyTo: sent.mail.messageId,
        text: 'Checked: the transaction was re-broadcast at block 61234567.',
      }),
      { from: PARTNER, to: [replyTo] },
    );
    await eventually(async () => {
      const res = await desk.app.inject({
        url: `/api/v1/tickets/${ticket.id}/side-conversations`,
        headers: (await desk.signIn('lin')).read,
      });
      return res.json().items[0].messages.length === 2;
    });
    await page.reload();
    await conversation.getByText('re-broadcast at block 61234567').waitFor();
    // Unsigned and SPF fails: the panel warns the agent.
    await conversation.getByText('发件人未通过验证（DMARC），请勿据此处理账户事项。').waitFor();
    await conversation.getByText('已发送').first().waitFor();

    // Layout: as wide as the other side panels, nothing sticks out, messages wrap inside.
    const side = (await page.locator('.side-column .panel').first().boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(Math.abs(box.width - side.width)).toBeLessThan(1);
    expect(box.height).toBeGreaterThan(150);
    const overflow = await panel.evaluate((el) =>
      [...el.querySelectorAll('input, textarea, button, .side-message')].some(
        (c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.5,
      ),
    );
    expect(overflow).toBe(false);
    await page.screenshot({ path: screenshotPath('side-conversations.png'), fullPage: true });

    await conversation.locator('textarea[name=sideReply]').fill('谢谢，我们这边已确认到账。');
    await conversation.getByRole('button', { name: '回复', exact: true }).click();
    await conversation.getByText('谢谢，我们这边已确认到账。').waitFor();
    await eventually(async () => mx.inbox.find((m) => m.mail.text?.includes('已确认到账')), 15_000);
    await conversation.getByRole('button', { name: '关闭', exact: true }).click();
    await conversation.locator('.badge.side-closed').waitFor();
    await conversation.getByRole('button', { name: '重新打开' }).waitFor();

    // The ticket's own thread never shows it, nor does the customer's page.
    expect(await page.locator('.main-column').textContent()).not.toContain('re-broadcast');
    const mine = await desk.app.inject({ url: `/api/v1/me/tickets/${ticket.id}`, headers: customer.headers });
    expect(mine.body).not.toMatch(/re-broadcast|partner\.example|请协助核查/);
    await context.close();
  }, 120_000);
});
