import { eq, like } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmailChannel } from '../../../server/src/channels/email/channel.ts';
import { buildMail, dnsFile, sendRaw, startMx } from '../../../server/src/channels/email/test-kit.ts';
import { channelDeliveries } from '../../../server/src/channels/schema.ts';
import { startFakeBotApi } from '../../../server/src/channels/telegram/fake-bot-api.ts';
import { sideConversationMessages } from '../../../server/src/side-conversations/schema.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

const SUPPORT = 'support@lumen-exchange.example';
const PARTNER = 'ops@partner.example';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const BOT_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';

let env: BrowserDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
let telegram: Awaited<ReturnType<typeof startFakeBotApi>>;
beforeAll(async () => {
  mx = await startMx();
  telegram = await startFakeBotApi(BOT_TOKEN);
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
  await telegram?.close();
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
    expect(await sticksOut(panel)).toBe(false);
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

  it('an agent starts one in a Telegram group through the desk’s bot and reads the partner’s reply there', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: {
        kind: 'telegram',
        name: 'Lumen bot',
        settings: { apiRoot: telegram.apiRoot },
        secrets: { botToken: BOT_TOKEN },
      },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json() as { inboundUrl: string; generatedSecrets: { webhookSecret: string } };
    let updateId = 1;
    const deliver = async (message: Record<string, unknown>) => {
      const res = await desk.app.inject({
        method: 'POST',
        url: new URL(channel.inboundUrl).pathname,
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': channel.generatedSecrets.webhookSecret,
        },
        payload: JSON.stringify({
          update_id: updateId++,
          message: { date: Math.floor(Date.now() / 1000), ...message },
        }),
      });
      expect(res.statusCode).toBe(200);
    };

    // A customer writes to the bot in private: that chat is theirs, never a side conversation's.
    const carol = { id: 777001, is_bot: false, first_name: 'Carol' };
    await deliver({
      message_id: 10,
      chat: { id: carol.id, type: 'private' },
      from: carol,
      text: '提现没到账',
    });
    await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(channelDeliveries)
        .where(eq(channelDeliveries.platformMessageId, `${carol.id}:10`));
      return row?.status === 'processed';
    });

    const customer = await desk.customer('side-e2e-telegram');
    const ticket = (
      await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title: 'ERC20 充值未入账', description: '充值 500 USDT 三小时未到账' },
      })
    ).json() as { id: string; number: string };
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const panel = page.getByTestId('side-conversations');
    await panel.getByRole('button', { name: '新建协作会话' }).click();
    // Mail is the default; choosing the channel swaps the addresses for the group's chat ID.
    const via = panel.getByLabel('发送方式');
    expect(await via.inputValue()).toBe('');
    await panel.locator('input[name=sideTo]').waitFor();
    await via.selectOption({ label: 'Telegram · Lumen bot' });
    expect(await panel.locator('input[name=sideTo]').count()).toBe(0);
    await panel
      .getByText('我方机器人必须是其成员。客户的会话和官方群组会被拒绝。', { exact: false })
      .waitFor();
    const chat = panel.locator('input[name=sideChat]');
    await panel.locator('input[name=sideSubject]').fill('请协助核查 ERC20 充值');
    await panel
      .locator('textarea[name=sideBody]')
      .fill('你好，用户的充值 0x9f3c 在链上已确认，请协助核查入账。');

    // The customer's own chat is refused, in the agent's language, and nothing goes there.
    await chat.fill(String(carol.id));
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    await panel.locator('.side-start .error', { hasText: '协作会话不能发到客户的私聊' }).waitFor();
    expect(await panel.getByTestId('side-conversation').count()).toBe(0);
    const withBody = () =>
      telegram.callsOf('sendMessage').filter((c) => String(c.params.text ?? '').includes('0x9f3c'));
    expect(withBody()).toEqual([]);

    const GROUP = '-1001234567890';
    await chat.fill(GROUP);
    expect(await panel.locator('.side-start .error').count()).toBe(0);
    await panel.screenshot({ path: screenshotPath('side-conversations-telegram-start.png') });
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    const conversation = panel.getByTestId('side-conversation');
    await conversation.getByText(`Telegram · Lumen bot · ${GROUP}`).waitFor();
    const sent = await eventually(
      async () => telegram.callsOf('sendMessage').find((c) => String(c.params.chat_id) === GROUP),
      15_000,
    );
    expect(String(sent.params.text)).toContain('用户的充值 0x9f3c 在链上已确认');
    expect(withBody().every((c) => String(c.params.chat_id) === GROUP)).toBe(true);

    // A partner in the group answers the bot's message, by the id the desk kept of it.
    const botMessageId = await eventually(async () => {
      const [row] = await desk.services.db
        .select({ id: sideConversationMessages.platformMessageId })
        .from(sideConversationMessages)
        .where(like(sideConversationMessages.platformMessageId, `${GROUP}:%`));
      return row?.id ? Number(row.id.split(':')[1]) : null;
    });
    const group = { id: Number(GROUP), type: 'supergroup', title: 'Lumen × Partner ops' };
    const alice = { id: 12345, is_bot: false, first_name: 'Alice', last_name: 'Wang' };
    await deliver({
      message_id: 31,
      chat: group,
      from: alice,
      text: 'Checked: deposit 0x9f3c credited on our side at 14:02 UTC.',
      reply_to_message: {
        message_id: botMessageId,
        date: Math.floor(Date.now() / 1000),
        chat: group,
        from: {
          id: telegram.bot.id,
          is_bot: true,
          first_name: 'Lumen Support',
          username: telegram.bot.username,
        },
        text: sent.params.text,
      },
    });
    await eventually(async () => {
      const res = await desk.app.inject({
        url: `/api/v1/tickets/${ticket.id}/side-conversations`,
        headers: (await desk.signIn('lin')).read,
      });
      return res.json().items[0]?.messages.length === 2;
    }, 15_000);
    await page.reload();
    await conversation.getByText('credited on our side at 14:02 UTC').waitFor();
    await conversation.getByText('Alice Wang (telegram 12345)').waitFor();
    await conversation.locator('.side-message.inbound .side-channel', { hasText: 'Telegram' }).waitFor();
    await conversation.getByText('2 条消息', { exact: false }).waitFor();
    // Mail's authentication says nothing about a chat: no DMARC warning on a channel's message.
    expect(await conversation.locator('p.warning').count()).toBe(0);

    expect(await sticksOut(panel)).toBe(false);
    await page.screenshot({ path: screenshotPath('side-conversations-telegram.png'), fullPage: true });

    // The agent's reply goes to the same group; the thread of the ticket never shows the chat.
    await conversation.locator('textarea[name=sideReply]').fill('收到，谢谢！');
    await conversation.getByRole('button', { name: '回复', exact: true }).click();
    await conversation.getByText('收到，谢谢！').waitFor();
    await eventually(async () =>
      telegram
        .callsOf('sendMessage')
        .find((c) => String(c.params.chat_id) === GROUP && String(c.params.text).includes('收到，谢谢！')),
    );
    expect(await page.locator('.main-column').textContent()).not.toContain('credited on our side');
    await context.close();
  }, 120_000);
});

/** Whether a field, button or message reaches past the panel's right edge. */
function sticksOut(panel: Locator): Promise<boolean> {
  return panel.evaluate((el) =>
    [...el.querySelectorAll('input, textarea, button, select, .side-message')].some(
      (c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.5,
    ),
  );
}
