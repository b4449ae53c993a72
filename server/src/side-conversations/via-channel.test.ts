import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelDeliveries } from '../channels/schema.ts';
import { addTelegramChannel, startFakeBotApi } from '../channels/telegram/fake-bot-api.ts';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { sideConversationMessages } from './schema.ts';

// Side conversations through a messaging channel: a Telegram group the desk's bot shares with a
// partner exchange's support. Mail is not configured on this desk at all.

const TOKEN = '123456:TEST-side-token-abcdefghijklmnopqrstuvwxyz';
const PARTNER_GROUP = '-1009001';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let desk: TestDesk;
let telegram: Awaited<ReturnType<typeof startFakeBotApi>>;
let channel: { id: string; inboundUrl: string };
let secret: string;
let lin: AgentAuth;
let updateId = 1;
let messageId = 100;

beforeAll(async () => {
  // A partner's ten-minute pace low enough for a flood to pass it in this test, whatever the load.
  desk = await createTestDesk({ PARTNER_MESSAGES_PER_10MIN: '20' });
  telegram = await startFakeBotApi(TOKEN);
  ({ channel, webhookSecret: secret } = await addTelegramChannel(desk, telegram, TOKEN, 'Lumen TG'));
  lin = await desk.signIn('lin');
}, 60_000);
afterAll(async () => {
  await telegram?.close();
  await desk?.close();
});

const partner = { id: 55, is_bot: false, first_name: 'Partner', last_name: 'Ops' };

async function deliver(message: Record<string, unknown>) {
  const id = messageId++;
  const res = await desk.app.inject({
    method: 'POST',
    url: new URL(channel.inboundUrl).pathname,
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    payload: JSON.stringify({
      update_id: updateId++,
      message: { message_id: id, date: Math.floor(Date.now() / 1000), ...message },
    }),
  });
  expect(res.statusCode).toBe(200);
  return id;
}

async function processed(chatId: string, id: number) {
  return eventually(async () => {
    const [row] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, `${chatId}:${id}`));
    return row?.status === 'processed' ? row : null;
  });
}

async function openTicket(uid: string) {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'TRC20 提现未到账', description: 'USDT 提现两小时未到账' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
}

function start(ticketId: string, payload: Record<string, unknown>, headers = lin.write) {
  return desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/side-conversations`,
    headers,
    payload,
  });
}

type Conversation = {
  id: string;
  status: string;
  channel: { id: string; kind: string; name: string; chatId: string } | null;
  messages: {
    direction: string;
    from: string;
    body: string;
    status: string;
    error: string | null;
    attachments: unknown[];
  }[];
};

async function conversation(ticketId: string, id: string): Promise<Conversation> {
  const res = await desk.app.inject({
    url: `/api/v1/tickets/${ticketId}/side-conversations`,
    headers: lin.read,
  });
  return (res.json().items as Conversation[]).find((c) => c.id === id)!;
}

describe('side conversations through a Telegram group', () => {
  it('lists the channels that can carry one, to staff only', async () => {
    const res = await desk.app.inject({ url: '/api/v1/side-conversations/channels', headers: lin.read });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ id: channel.id, kind: 'telegram', name: 'Lumen TG' }]);
    expect((await desk.app.inject({ url: '/api/v1/side-conversations/channels' })).statusCode).toBe(401);
    const customer = await desk.customer('sc-tg-snoop');
    const asCustomer = await desk.app.inject({
      url: '/api/v1/side-conversations/channels',
      headers: customer.headers,
    });
    expect([401, 403]).toContain(asCustomer.statusCode);
  });

  it('posts in the group, threads the partner’s answer back (no ticket made), and answers it', async () => {
    const ticket = await openTicket('sc-tg-1');
    const res = await start(ticket.id, {
      channel: { id: channel.id, chatId: PARTNER_GROUP },
      subject: 'TRC20 提现核查',
      body: '你好，我们用户的 TRC20 提现卡住了，TxID 9f3c…，请帮忙核查。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const conv = res.json() as Conversation;
    expect(conv.channel).toEqual({
      id: channel.id,
      kind: 'telegram',
      name: 'Lumen TG',
      chatId: PARTNER_GROUP,
    });
    const sent = await eventually(async () =>
      telegram.callsOf('sendMessage').find((c) => String(c.params.chat_id) === PARTNER_GROUP),
    );
    expect(sent.params.text).toContain('TRC20 提现卡住了');
    const out = await eventually(async () => {
      const c = await conversation(ticket.id, conv.id);
      return c.messages[0]?.status === 'sent' ? c : null;
    });
    expect(out.messages[0]).toMatchObject({ direction: 'outbound', from: '@lumen_support_bot' });

    // The bot's message id, as the fake answered it: the partner replies to it in the group.
    const botMessageId = await botMessageOf(conv.id);
    const reply = await deliver({
      chat: { id: Number(PARTNER_GROUP), type: 'supergroup', title: 'Lumen × Partner ops' },
      from: partner,
      text: '收到，链上已确认，区块 61234567，稍后到账。',
      reply_to_message: {
        message_id: botMessageId,
        from: { id: 7000001, is_bot: true, first_name: 'Lumen' },
      },
    });
    const row = await processed(PARTNER_GROUP, reply);
    expect(row.error).toBe('claimed');
    expect(row.ticketId).toBeNull();
    const back = await eventually(async () => {
      const c = await conversation(ticket.id, conv.id);
      return c.messages.length === 2 ? c : null;
    });
    expect(back.messages[1]).toMatchObject({
      direction: 'inbound',
      from: `Partner Ops (telegram ${partner.id})`,
      body: '收到，链上已确认，区块 61234567，稍后到账。',
    });
    const history = (await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })).json()
      .history as { kind: string; to: Record<string, unknown> }[];
    expect(history.find((h) => h.kind === 'side_conversation_reply')?.to).toMatchObject({
      id: conv.id,
      from: `Partner Ops (telegram ${partner.id})`,
      verified: false,
      via: 'telegram',
    });
    expect(history.find((h) => h.kind === 'side_conversation_started')?.to).toMatchObject({
      to: [`telegram:${PARTNER_GROUP}`],
      via: 'telegram',
    });

    // The agent answers with a picture: threaded as a reply to the partner's message.
    const file = await uploadPng();
    const again = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/side-conversations/${conv.id}/messages`,
      headers: lin.write,
      payload: { body: '谢谢，附上用户的截图。', attachmentIds: [file] },
    });
    expect(again.statusCode, again.body).toBe(201);
    const answer = await eventually(async () =>
      telegram.callsOf('sendMessage').find((c) => String(c.params.text).includes('附上用户的截图')),
    );
    expect(String(answer.params.chat_id)).toBe(PARTNER_GROUP);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(reply);
    await eventually(async () =>
      telegram.callsOf('sendPhoto').find((c) => String(c.params.chat_id) === PARTNER_GROUP),
    );
  });

  it('takes a message in the group that answers nothing to the conversation last active there', async () => {
    const ticket = await openTicket('sc-tg-2');
    const group = '-1009002';
    const res = await start(ticket.id, {
      channel: { id: channel.id, chatId: group },
      subject: 'ERC20 deposit',
      body: 'Hello, could you check an ERC20 deposit for us?',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await deliver({
      chat: { id: Number(group), type: 'group', title: 'ops' },
      from: partner,
      text: 'Looking into it now.',
    });
    expect((await processed(group, id)).error).toBe('claimed');
    const c = await eventually(async () => {
      const x = await conversation(ticket.id, res.json().id);
      return x.messages.length === 2 ? x : null;
    });
    expect(c.messages[1]!.body).toBe('Looking into it now.');
  });

  it("holds a partner to a partner's pace, not a customer's: repeats and a pasted list pass, a flood does not", async () => {
    const bot = { id: 7000001, is_bot: true, first_name: 'Lumen' };
    async function openIn(group: string, uid: string) {
      const ticket = await openTicket(uid);
      const res = await start(ticket.id, {
        channel: { id: channel.id, chatId: group },
        subject: 'TRC20 batch',
        body: 'Could you check these withdrawals?',
      });
      expect(res.statusCode, res.body).toBe(201);
      // Under a loaded CI run a send job may wait its turn behind the earlier tests' jobs.
      await eventually(async () => {
        const c = await conversation(ticket.id, res.json().id);
        return c.messages[0]?.status === 'sent' ? c : null;
      }, 30_000);
      const botId = await botMessageOf(res.json().id, group);
      const reply = (text: string) =>
        deliver({
          chat: { id: Number(group), type: 'supergroup', title: 'ops' },
          from: partner,
          text,
          reply_to_message: { message_id: botId, from: bot },
        });
      return { ticketId: ticket.id, convId: res.json().id as string, reply };
    }
    const noticesBefore = telegram.callsOf('sendMessage').length;

    // Three times the same "ok" and a list pasted line by line, at once: a customer's pace would
    // drop the third "ok" (two equal texts in ten minutes) and everything past six in ten seconds.
    const calm = await openIn('-1009101', 'sc-tg-pace-1');
    const lines = [
      'ok',
      'ok',
      'ok',
      ...Array.from({ length: 8 }, (_, i) => `TXID ${i + 1}: 0x${'ab'.repeat(31)}0${i}`),
    ];
    const ids = [];
    for (const line of lines) ids.push(await calm.reply(line));
    for (const id of ids) expect((await processed('-1009101', id)).error).toBe('claimed');
    const all = await eventually(async () => {
      const c = await conversation(calm.ticketId, calm.convId);
      return c.messages.length === 1 + lines.length ? c : null;
    });
    // Jobs take them in any order; each is there once.
    expect(
      all.messages
        .slice(1)
        .map((m) => m.body)
        .sort(),
    ).toEqual([...lines].sort());

    // A flood in one group: past the partner's pace (here 20 in ten minutes, per chat) a message
    // is dropped and counted for the agents, and nobody in the group is told anything.
    const flood = await openIn('-1009102', 'sc-tg-pace-2');
    const floodIds = [];
    for (let i = 0; i < 30; i++) floodIds.push(await flood.reply(`spam ${i}`));
    // One look at all forty, not forty polls at once.
    const rows = await eventually(async () => {
      const done = await desk.services.db
        .select()
        .from(channelDeliveries)
        .where(
          and(
            eq(channelDeliveries.channelId, channel.id),
            eq(channelDeliveries.direction, 'in'),
            eq(channelDeliveries.status, 'processed'),
          ),
        );
      const mine = done.filter((r) => r.platformMessageId?.startsWith('-1009102:'));
      return mine.length === floodIds.length ? mine : null;
    }, 60_000);
    expect(rows.filter((r) => r.error === 'claimed')).toHaveLength(20);
    expect(rows.filter((r) => r.error === 'throttled')).toHaveLength(10);
    const flooded = await eventually(async () => {
      const c = await conversation(flood.ticketId, flood.convId);
      return c.messages.length === 21 ? c : null;
    });
    expect(
      flooded.messages
        .slice(1)
        .map((m) => m.body)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `spam ${i}`).sort());
    // The bot's own two first messages are the only ones it sent to these groups: no "slow down"
    // notice. (An earlier test's answer to its own group may still be on its way: not counted.)
    expect(
      telegram
        .callsOf('sendMessage')
        .slice(noticesBefore)
        .map((c) => String(c.params.chat_id))
        .filter((chat) => chat === '-1009101' || chat === '-1009102'),
    ).toEqual(['-1009101', '-1009102']);
  }, 120_000);

  it("refuses a customer's chat, a group where customers write to the desk, and a bad target", async () => {
    const ticket = await openTicket('sc-tg-3');
    // A customer writes to the bot privately, and another addresses it in a public group.
    const alice = { id: 4242, is_bot: false, first_name: 'Alice' };
    const privateId = await deliver({
      chat: { id: alice.id, type: 'private' },
      from: alice,
      text: '提现没到',
    });
    await processed(String(alice.id), privateId);
    const publicGroup = { id: -1004242, type: 'supergroup', title: 'Lumen 中文群' };
    const publicId = await deliver({ chat: publicGroup, from: alice, text: '@lumen_support_bot 充值没到账' });
    await processed(String(publicGroup.id), publicId);

    for (const chatId of [String(alice.id), String(publicGroup.id)]) {
      const res = await start(ticket.id, {
        channel: { id: channel.id, chatId },
        subject: 'x',
        body: 'internal details',
      });
      expect(res.statusCode, chatId).toBe(400);
      expect(res.json().error.code).toBe('side_conversation_chat_refused');
    }
    const both = await start(ticket.id, {
      to: ['ops@partner.example'],
      channel: { id: channel.id, chatId: '-1009003' },
      subject: 'x',
      body: 'y',
    });
    expect(both.json().error?.code).toBe('side_conversation_target');
    const neither = await start(ticket.id, { subject: 'x', body: 'y' });
    expect(neither.json().error?.code).toBe('side_conversation_target');
    const unknown = await start(ticket.id, {
      channel: { id: '00000000-0000-4000-8000-000000000000', chatId: '-1009003' },
      subject: 'x',
      body: 'y',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('side_conversation_channel_unusable');
    const injected = await start(ticket.id, {
      channel: { id: channel.id, chatId: '-1\u0000; drop' },
      subject: 'x',
      body: 'y',
    });
    expect(injected.statusCode).toBe(400);
    // Nothing of it was posted anywhere (the desk's own answers to Alice went out as usual).
    expect(
      telegram.callsOf('sendMessage').some((c) => String(c.params.text).includes('internal details')),
    ).toBe(false);
  });

  it('carries pictures, and refuses a document before anything is stored', async () => {
    const ticket = await openTicket('sc-tg-6');
    const doc = await uploadPng('notes.txt', 'text/plain', Buffer.from('withdrawal notes for the partner\n'));
    const res = await start(ticket.id, {
      channel: { id: channel.id, chatId: '-1009006' },
      subject: 'docs',
      body: 'See the attached notes.',
      attachmentIds: [doc],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const list = await desk.app.inject({
      url: `/api/v1/tickets/${ticket.id}/side-conversations`,
      headers: lin.read,
    });
    expect(list.json().items).toEqual([]);
  });

  it('an ask for the customer’s secret is refused before it reaches the group', async () => {
    const ticket = await openTicket('sc-tg-4');
    const res = await start(ticket.id, {
      channel: { id: channel.id, chatId: '-1009004' },
      subject: 'help',
      body: '请让用户把助记词发给我们核对',
    });
    expect(res.json().error?.code, res.body).toBe('secret_request_blocked');
    expect(telegram.callsOf('sendMessage').some((c) => String(c.params.chat_id) === '-1009004')).toBe(false);
  });

  it('a bot removed from the group: the message fails at once, in the ticket’s history', async () => {
    const ticket = await openTicket('sc-tg-5');
    telegram.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });
    const res = await start(ticket.id, {
      channel: { id: channel.id, chatId: '-1009005' },
      subject: 'kicked',
      body: 'Are you there?',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = await eventually(async () => {
      const x = await conversation(ticket.id, res.json().id);
      return x.messages[0]?.status === 'failed' ? x : null;
    });
    expect(c.messages[0]!.error).toContain('blocked');
    const history = (await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })).json()
      .history as { kind: string }[];
    expect(history.some((h) => h.kind === 'side_conversation_send_failed')).toBe(true);
  });
});

/** The Bot API's id of the bot's first message in the conversation, as the desk stored it. */
async function botMessageOf(conversationId: string, group = PARTNER_GROUP): Promise<number> {
  const [row] = await desk.services.db
    .select({ id: sideConversationMessages.platformMessageId })
    .from(sideConversationMessages)
    .where(
      and(
        eq(sideConversationMessages.conversationId, conversationId),
        eq(sideConversationMessages.direction, 'outbound'),
      ),
    );
  const [chat, id] = (row?.id ?? '').split(':');
  expect(chat).toBe(group);
  return Number(id);
}

async function uploadPng(name = 'shot.png', type = 'image/png', bytes = PNG): Promise<string> {
  const boundary = 'sctgboundary';
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...lin.write, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
