import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../attachments/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { matchHelpArticle } from '../help-match.ts';
import { channelDeliveries } from '../schema.ts';
import { addTelegramChannel, startFakeBotApi } from './fake-bot-api.ts';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let desk: TestDesk;
let telegram: Awaited<ReturnType<typeof startFakeBotApi>>;
let channel: { id: string; inboundUrl: string; settings: Record<string, unknown> };
let webhookSecret: string;
let updateId = 1;
let messageId = 100;

beforeAll(async () => {
  desk = await createTestDesk();
  telegram = await startFakeBotApi(TOKEN);
  ({ channel, webhookSecret } = await addTelegramChannel(desk, telegram, TOKEN));
});
afterAll(async () => {
  await telegram?.close();
  await desk?.close();
});

function update(message: Record<string, unknown>) {
  return {
    update_id: updateId++,
    message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), ...message },
  };
}
const alice = { id: 42, is_bot: false, first_name: 'Alice' };
const bob = { id: 43, is_bot: false, first_name: 'Bob' };
const privateChat = (user: { id: number }) => ({ id: user.id, type: 'private' });
const group = { id: -100500, type: 'supergroup', title: 'Lumen Official' };

function deliver(body: unknown, secret: string | null = webhookSecret) {
  return desk.app.inject({
    method: 'POST',
    url: new URL(channel.inboundUrl).pathname,
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    payload: JSON.stringify(body),
  });
}

async function ticketOf(platformMessageId: string) {
  return eventually(async () => {
    const [row] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, platformMessageId));
    return row?.status === 'processed' ? row : null;
  });
}

async function detail(ticketId: string) {
  const agent = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets/${ticketId}`,
    headers: agent.read,
  });
  return res.json() as {
    channel: string;
    tags: string[];
    messages: { id: string; body: string; authorType: string; attachments: { contentType: string }[] }[];
    history: { kind: string; to: Record<string, unknown> }[];
  };
}

async function agentReply(ticketId: string, body: string, attachmentIds: string[] = []) {
  const agent = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/messages`,
    headers: agent.write,
    payload: { body, attachmentIds },
  });
  expect(res.statusCode).toBe(201);
}

describe('Telegram bot', () => {
  it('registers its webhook with the secret token and learns its name', () => {
    const set = telegram.callsOf('setWebhook')[0]!;
    expect(set.params.url).toBe(channel.inboundUrl);
    expect(set.params.secret_token).toBe(webhookSecret);
    expect(channel.settings.botUsername).toBe('lumen_support_bot');
  });

  it('refuses an update without the secret token header', async () => {
    const res = await deliver(update({ chat: privateChat(alice), from: alice, text: 'hi' }), null);
    expect(res.statusCode).toBe(401);
    const wrong = await deliver(update({ chat: privateChat(alice), from: alice, text: 'hi' }), 'nope');
    expect(wrong.statusCode).toBe(401);
  });

  it('turns a private chat into a ticket, downloads and checks files, and replies in the chat', async () => {
    const first = update({ chat: privateChat(alice), from: alice, text: '你好，怎么开启两步验证？' });
    expect((await deliver(first)).statusCode).toBe(200);
    expect((await deliver(first)).json()).toEqual({ accepted: 0, duplicates: 1 });
    const { ticketId } = await ticketOf(`42:${first.message.message_id}`);

    telegram.addFile('photo-big', 'photos/file_1.png', PNG);
    telegram.addFile(
      'doc-html',
      'documents/file_2.html',
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    const photo = update({
      chat: privateChat(alice),
      from: alice,
      caption: 'screenshot',
      photo: [
        { file_id: 'photo-small', file_unique_id: 's', width: 1, height: 1 },
        { file_id: 'photo-big', file_unique_id: 'b', width: 1, height: 1 },
      ],
    });
    await deliver(photo);
    const doc = update({
      chat: privateChat(alice),
      from: alice,
      document: { file_id: 'doc-html', file_unique_id: 'd', file_name: 'invoice.html' },
    });
    await deliver(doc);
    await ticketOf(`42:${doc.message.message_id}`);
    const t = await detail(ticketId!);
    expect(t.channel).toBe('telegram');
    expect(t.tags).toContain('unverified');
    expect(t.messages).toHaveLength(3);
    expect(t.messages[1]!.body).toBe('screenshot');
    expect(t.messages[1]!.attachments.map((a) => a.contentType)).toEqual(['image/png']);
    expect(t.messages[2]!.attachments).toHaveLength(0);
    expect(t.messages[2]!.body).toContain('invoice.html (type_not_allowed:text/html)');
    expect(telegram.callsOf('getFile').map((c) => c.params.file_id)).toEqual(['photo-big', 'doc-html']);

    await agentReply(ticketId!, '设置 → 安全 → 两步验证。');
    const sent = await eventually(async () => telegram.callsOf('sendMessage')[0]);
    expect(sent.params).toMatchObject({
      chat_id: '42',
      text: '设置 → 安全 → 两步验证。',
      reply_parameters: { message_id: doc.message.message_id },
    });
  });

  it('honours retry_after on a 429, sends images, and shows a blocked bot on the ticket', async () => {
    const first = update({ chat: privateChat(bob), from: bob, text: 'hello' });
    await deliver(first);
    const { ticketId } = await ticketOf(`43:${first.message.message_id}`);
    const before = telegram.callsOf('sendMessage').length;
    telegram.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    await agentReply(ticketId!, 'one moment');
    const [limited, passed] = await eventually(async () => {
      const calls = telegram.callsOf('sendMessage').slice(before);
      return calls.length >= 2 ? calls : null;
    });
    expect(passed!.at - limited!.at).toBeGreaterThanOrEqual(1000);
    expect(passed!.params.text).toBe('one moment');

    const upload = await uploadPng();
    await agentReply(ticketId!, 'see picture', [upload]);
    const photo = await eventually(async () => telegram.callsOf('sendPhoto')[0]);
    expect(photo.params.chat_id).toBe('43');
    expect(photo.raw.includes(PNG)).toBe(true);

    telegram.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await agentReply(ticketId!, 'are you there?');
    const failed = await eventually(async () =>
      (await detail(ticketId!)).history.find((h) => h.kind === 'channel_reply_failed'),
    );
    expect(failed.to).toMatchObject({ reason: 'blocked', channel: 'telegram' });
  });

  it('in a group answers only when addressed', async () => {
    const chatter = update({ chat: group, from: alice, text: 'anyone here?' });
    await deliver(chatter);
    const ignored = await ticketOf(`${group.id}:${chatter.message.message_id}`);
    expect(ignored.ticketId).toBeNull();
    const asked = update({ chat: group, from: alice, text: '@lumen_support_bot when is the next listing?' });
    await deliver(asked);
    const { ticketId } = await ticketOf(`${group.id}:${asked.message.message_id}`);
    const t = await detail(ticketId!);
    expect(t.tags).toContain('public');
    expect(t.messages[0]!.body).toBe('when is the next listing?');
  });

  it('keeps account matters and secrets out of the group', async () => {
    const before = telegram.callsOf('sendMessage').length;
    const account = update({ chat: group, from: bob, text: '@lumen_support_bot 我的提现三天了还没到账' });
    await deliver(account);
    const { ticketId } = await ticketOf(`${group.id}:${account.message.message_id}`);
    const redirect = await eventually(async () => telegram.callsOf('sendMessage').slice(before)[0]);
    expect(redirect.params.chat_id).toBe(String(group.id));
    expect(redirect.params.text).toContain('https://t.me/lumen_support_bot');
    expect(redirect.params.text).toContain('私信');
    expect(telegram.callsOf('deleteMessage')).toHaveLength(0);
    await eventually(async () =>
      (await detail(ticketId!)).history.find((h) => h.kind === 'channel_public_redirect'),
    );

    const seed = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const leak = update({
      chat: group,
      from: alice,
      text: `@lumen_support_bot my wallet is empty, phrase: ${seed}`,
    });
    await deliver(leak);
    const leaked = await ticketOf(`${group.id}:${leak.message.message_id}`);
    const deleted = await eventually(async () => telegram.callsOf('deleteMessage')[0]);
    expect(deleted.params).toMatchObject({ chat_id: String(group.id), message_id: leak.message.message_id });
    const warning = await eventually(async () =>
      telegram
        .callsOf('sendMessage')
        .find((c) => c.params.chat_id === '42' && String(c.params.text).includes('removed')),
    );
    expect(warning).toBeDefined();
    const t = await detail(leaked.ticketId!);
    expect(JSON.stringify(t.messages)).not.toContain('abandon ability');
    expect(t.tags).toContain('secret-exposed');
    const note = await eventually(async () =>
      (await detail(leaked.ticketId!)).history.find((h) => h.kind === 'channel_public_redirect'),
    );
    expect(note.to).toMatchObject({ secrets: ['mnemonic'], deleted: true, warned: true });
  });
});

/**
 * An agent's uploaded picture, stored the way the upload route stores one (the route itself is
 * exercised by the attachments tests).
 */
async function uploadPng(): Promise<string> {
  const agent = await desk.signIn('lin');
  const pending = await desk.services.storage.receive(Readable.from([PNG]));
  const id = randomUUID();
  await pending.commit(`${id.slice(0, 2)}/${id}`);
  await desk.services.db.insert(attachments).values({
    id,
    storageKey: `${id.slice(0, 2)}/${id}`,
    fileName: 'pic.png',
    contentType: 'image/png',
    sizeBytes: PNG.length,
    sha256: createHash('sha256').update(PNG).digest('hex'),
    uploaderType: 'agent',
    uploaderId: agent.agentId,
  });
  return id;
}

/** A Telegram channel of the desk's admin, on a fake Bot API of the test's own. */
async function makeTelegramChannel(name: string, token: string, settings: Record<string, unknown>) {
  const admin = await desk.signIn('admin');
  return desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: { kind: 'telegram', name, settings, secrets: { botToken: token } },
  });
}

describe('Telegram long polling (local development)', () => {
  it('pulls updates through the same core and stops with the app', async () => {
    const token = '654321:POLL-token-abcdefghijklmnopqrstuvwxyz';
    const local = await startFakeBotApi(token, { id: 7000002, username: 'lumen_dev_bot' });
    try {
      const admin = await desk.signIn('admin');
      const res = await makeTelegramChannel('Telegram dev', token, {
        apiRoot: local.apiRoot,
        mode: 'polling',
        pollTimeoutSeconds: 0,
      });
      expect(res.statusCode).toBe(201);
      expect(local.callsOf('deleteWebhook')).toHaveLength(1);
      expect(local.callsOf('setWebhook')).toHaveLength(0);
      const carol = { id: 77, is_bot: false, first_name: 'Carol' };
      const polled = update({ chat: privateChat(carol), from: carol, text: 'polled hello' });
      local.queueUpdate(polled);
      const { ticketId } = await ticketOf(`77:${polled.message.message_id}`);
      expect((await detail(ticketId!)).messages[0]!.body).toBe('polled hello');
      // The next poll asks only for what came after.
      await eventually(async () =>
        local.callsOf('getUpdates').some((c) => c.params.offset === polled.update_id + 1),
      );
      await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${res.json().id}`,
        headers: admin.write,
        payload: { enabled: false },
      });
      const count = local.callsOf('getUpdates').length;
      await new Promise((r) => setTimeout(r, 1200));
      expect(local.callsOf('getUpdates').length).toBeLessThanOrEqual(count + 1);
    } finally {
      await local.close();
    }
  });
});

describe('Telegram channel settings', () => {
  it('refuses a malformed token and rolls back when the platform refuses the webhook', async () => {
    const admin = await desk.signIn('admin');
    const bad = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: { kind: 'telegram', name: 'x', secrets: { botToken: 'not-a-token' } },
    });
    expect(bad.statusCode).toBe(400);
    telegram.failNext('setWebhook', {
      error_code: 400,
      description: 'Bad Request: bad webhook: HTTPS url must be provided',
    });
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: {
        kind: 'telegram',
        name: 'Refused',
        settings: { apiRoot: telegram.apiRoot },
        secrets: { botToken: TOKEN },
      },
    });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.code).toBe('channel_registration_failed');
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/channels', headers: admin.read });
    expect(list.json().items.map((c: { name: string }) => c.name)).not.toContain('Refused');
    expect(list.body).not.toContain(TOKEN);
  });
});

describe('Telegram webhook when a channel goes', () => {
  it('is removed at Telegram when the channel is disabled or deleted, set again when re-enabled; a platform away does not block the delete', async () => {
    const token = '777777:GONE-token-abcdefghijklmnopqrstuvwxyz';
    const local = await startFakeBotApi(token, { id: 7000003, username: 'lumen_gone_bot' });
    try {
      const admin = await desk.signIn('admin');
      const make = async (name: string) => {
        const res = await makeTelegramChannel(name, token, { apiRoot: local.apiRoot });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      const patch = (id: string, enabled: boolean) =>
        desk.app.inject({
          method: 'PATCH',
          url: `/api/v1/channels/${id}`,
          headers: admin.write,
          payload: { enabled },
        });
      const id = await make('Telegram going');
      expect(local.callsOf('setWebhook')).toHaveLength(1);
      expect((await patch(id, false)).statusCode).toBe(200);
      expect(local.callsOf('deleteWebhook')).toHaveLength(1);
      expect((await patch(id, true)).statusCode).toBe(200);
      expect(local.callsOf('setWebhook')).toHaveLength(2);
      const deleted = await desk.app.inject({
        method: 'DELETE',
        url: `/api/v1/channels/${id}`,
        headers: admin.write,
      });
      expect(deleted.json()).toEqual({ ok: true, platformNotified: true });
      expect(local.callsOf('deleteWebhook')).toHaveLength(2);

      // Telegram refusing (or away) is logged and said, and the channel still goes.
      const other = await make('Telegram going, platform away');
      local.failNext('deleteWebhook', { error_code: 502, description: 'Bad Gateway' });
      const refused = await desk.app.inject({
        method: 'DELETE',
        url: `/api/v1/channels/${other}`,
        headers: admin.write,
      });
      expect(refused.statusCode).toBe(200);
      expect(refused.json()).toEqual({ ok: true, platformNotified: false });
      const list = await desk.app.inject({ method: 'GET', url: '/api/v1/channels', headers: admin.read });
      expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(other);
    } finally {
      await local.close();
    }
  });
});

describe('Telegram official group and registry', () => {
  let verifyIp = 0;
  async function verify(value: string) {
    verifyIp++;
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/verify?value=${encodeURIComponent(value)}&lang=en`,
      remoteAddress: `10.77.0.${verifyIp}`,
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { verdict: string; official: { value: string; name: string } | null };
  }
  async function patch(payload: Record<string, unknown>) {
    const admin = await desk.signIn('admin');
    const res = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${(channel as unknown as { id: string }).id}`,
      headers: admin.write,
      payload,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  const erin = { id: 50, is_bot: false, first_name: 'Erin' };
  const frank = { id: 51, is_bot: false, first_name: 'Frank' };

  async function processed(platformMessageId: string) {
    return eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(channelDeliveries)
        .where(eq(channelDeliveries.platformMessageId, platformMessageId));
      return row?.status === 'processed' ? row : null;
    });
  }

  it('lists the bot and the official group in the registry (from the channel) and flags look-alikes', async () => {
    telegram.addGroup({ id: group.id, title: group.title, username: 'lumen_official' });
    const saved = await patch({ settings: { supportGroup: '@lumen_official' } });
    expect(saved.settings.supportGroupId).toBe(group.id);
    expect(await verify('@lumen_support_bot')).toMatchObject({ verdict: 'official' });
    expect(await verify('https://t.me/lumen_official')).toMatchObject({ verdict: 'official' });
    const fake = await verify('@lumen_supp0rt_bot');
    expect(fake.verdict).toBe('lookalike');
    // A row that follows a channel is changed through the channel, not by hand.
    const admin = await desk.signIn('admin');
    const list = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/safety/channels',
      headers: admin.read,
    });
    const row = list.json().items.find((c: { value: string }) => c.value === 'lumen_official');
    expect(row.sourceChannelId).toBe((channel as unknown as { id: string }).id);
    const edit = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/safety/channels/${row.id}`,
      headers: admin.write,
    });
    expect(edit.statusCode).toBe(409);
  });

  it('answers a common question in the official group with the article, in public', async () => {
    const before = telegram.callsOf('sendMessage').length;
    const asked = update({ chat: group, from: erin, text: 'what are the trading fees?' });
    await deliver(asked);
    const row = await processed(`${group.id}:${asked.message.message_id}`);
    expect(row.ticketId).toBeNull();
    expect(row.error).toBe('answered_from_help:trading-fees');
    const sent = telegram.callsOf('sendMessage').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toMatchObject({
      chat_id: String(group.id),
      reply_parameters: { message_id: asked.message.message_id },
    });
    expect(String(sent[0]!.params.text)).toContain('/help/articles/trading-fees');
  });

  it('leaves chit-chat and account matters alone', async () => {
    const before = telegram.callsOf('sendMessage').length;
    const chatter = update({ chat: group, from: frank, text: 'good morning everyone' });
    const account = update({ chat: group, from: frank, text: 'how do I reset my password' });
    // The help center has an article for it: only the public-is-public rule keeps the bot quiet.
    expect(
      await matchHelpArticle(desk.services.db, desk.config, 'how do I reset my password', 'en'),
    ).not.toBeNull();
    await deliver(chatter);
    await deliver(account);
    expect((await processed(`${group.id}:${chatter.message.message_id}`)).error).toBe('not_addressed');
    expect((await processed(`${group.id}:${account.message.message_id}`)).error).toBe('not_addressed');
    expect(telegram.callsOf('sendMessage').slice(before)).toHaveLength(0);
  });

  it('removes a secret posted in the official group even when the bot is not addressed, and warns its author privately', async () => {
    const grace = { id: 52, is_bot: false, first_name: 'Grace' };
    const seed = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const leak = update({ chat: group, from: grace, text: `is my wallet safe? my phrase: ${seed}` });
    const before = telegram.callsOf('sendMessage').length;
    await deliver(leak);
    const row = await processed(`${group.id}:${leak.message.message_id}`);
    expect(row.ticketId).not.toBeNull();
    // The removal follows the delivery's commit (the platform is not called inside a transaction):
    // wait for it, as for the messages after it, so none of them lands in the next test.
    const removal = await eventually(async () =>
      telegram.callsOf('deleteMessage').find((c) => c.params.message_id === leak.message.message_id),
    );
    expect(removal.params).toEqual({ chat_id: String(group.id), message_id: leak.message.message_id });
    expect(telegram.deleted.has(`${group.id}:${leak.message.message_id}`)).toBe(true);
    const sent = await eventually(async () => {
      const calls = telegram.callsOf('sendMessage').slice(before);
      return calls.length >= 2 ? calls : null;
    });
    const warning = sent.find((c) => c.params.chat_id === '52')!;
    expect(String(warning.params.text)).toContain('was removed');
    const notice = sent.find((c) => c.params.chat_id === String(group.id))!;
    expect(String(notice.params.text)).toContain('We removed a message');
    expect(String(notice.params.text)).toContain('We warned the author privately');
    expect(notice.params.reply_parameters).toBeUndefined();
    for (const call of sent) expect(String(call.params.text)).not.toContain('abandon');
    // Nothing of the secret is kept: not on the ticket, not in any delivery row.
    const t = await detail(row.ticketId!);
    expect(JSON.stringify(t.messages)).not.toContain('abandon ability');
    expect(t.tags).toEqual(expect.arrayContaining(['public', 'secret-exposed']));
    const note = await eventually(async () =>
      (await detail(row.ticketId!)).history.find((h) => h.kind === 'channel_public_redirect'),
    );
    expect(note.to).toMatchObject({ secrets: ['mnemonic'], deleted: true, warned: true, answered: true });
    const rows = await desk.services.db.select().from(channelDeliveries);
    expect(JSON.stringify(rows)).not.toContain('abandon ability');
  });

  it('asks someone the bot may not write to first to open its private chat', async () => {
    const henry = { id: 53, is_bot: false, first_name: 'Henry' };
    telegram.neverStarted(henry.id);
    const seed = 'zoo zone youth young you yellow year wrong write wrist wrap worth';
    const leak = update({ chat: group, from: henry, text: `recovery phrase ${seed}` });
    const before = telegram.callsOf('sendMessage').length;
    await deliver(leak);
    const row = await processed(`${group.id}:${leak.message.message_id}`);
    const note = await eventually(async () =>
      (await detail(row.ticketId!)).history.find((h) => h.kind === 'channel_public_redirect'),
    );
    expect(note.to).toMatchObject({ deleted: true, warned: false, answered: true });
    const notice = telegram
      .callsOf('sendMessage')
      .slice(before)
      .find((c) => c.params.chat_id === String(group.id))!;
    expect(String(notice.params.text)).toContain('Henry, please open a private chat with us');
    expect(String(notice.params.text)).toContain('https://t.me/lumen_support_bot');
    expect(String(notice.params.text)).not.toContain('zoo zone');
  });

  it('asks the author to delete a secret the bot may not remove (not an admin of the group)', async () => {
    const other = { id: -100777, type: 'supergroup', title: 'Traders chat' };
    telegram.notAdminIn(other.id);
    const ivy = { id: 54, is_bot: false, first_name: 'Ivy' };
    const seed = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const leak = update({ chat: other, from: ivy, text: `@lumen_support_bot help, phrase ${seed}` });
    await deliver(leak);
    const row = await processed(`${other.id}:${leak.message.message_id}`);
    const note = await eventually(async () =>
      (await detail(row.ticketId!)).history.find((h) => h.kind === 'channel_public_redirect'),
    );
    expect(note.to).toMatchObject({ deleted: false, warned: true });
    expect(telegram.deleted.has(`${other.id}:${leak.message.message_id}`)).toBe(false);
    const notice = telegram.callsOf('sendMessage').find((c) => c.params.chat_id === String(other.id))!;
    expect(String(notice.params.text)).toContain('its author should delete it now');
    const warning = telegram
      .callsOf('sendMessage')
      .find((c) => c.params.chat_id === '54' && String(c.params.text).includes('delete it yourself'));
    expect(warning).toBeDefined();
  });

  it('answers at most a few common questions per group per window', async () => {
    const second = update({ chat: group, from: frank, text: 'is this the official group?' });
    await deliver(second);
    expect((await processed(`${group.id}:${second.message.message_id}`)).error).toMatch(
      /^answered_from_help:/,
    );
    // A third clear question, for an article not answered yet: over the group's limit, left alone.
    let third: string | null = null;
    for (const q of ['no sms code', 'what are the common scams', 'how long until my ticket gets a reply']) {
      const m = await matchHelpArticle(desk.services.db, desk.config, q, 'en');
      if (m && !['trading-fees', 'verify-official-channels'].includes(m.slug)) {
        third = q;
        break;
      }
    }
    expect(third).not.toBeNull();
    const before = telegram.callsOf('sendMessage').length;
    const over = update({ chat: group, from: erin, text: third! });
    await deliver(over);
    expect((await processed(`${group.id}:${over.message.message_id}`)).error).toBe('not_addressed');
    expect(telegram.callsOf('sendMessage').slice(before)).toHaveLength(0);
  });

  it('throttles a flood from one person: nothing past the pace is stored, one polite notice', async () => {
    const dave = { id: 60, is_bot: false, first_name: 'Dave' };
    const flood = Array.from({ length: 9 }, (_, i) =>
      update({ chat: privateChat(dave), from: dave, text: `question number ${i + 1}` }),
    );
    for (const u of flood) expect((await deliver(u)).statusCode).toBe(200);
    const rows = await Promise.all(flood.map((u) => processed(`60:${u.message.message_id}`)));
    expect(rows.slice(0, 6).every((r) => r.ticketId !== null)).toBe(true);
    expect(rows.slice(6).map((r) => r.error)).toEqual(['throttled', 'throttled', 'throttled']);
    const t = await detail(rows[0]!.ticketId!);
    expect(t.messages.filter((m) => m.authorType === 'customer')).toHaveLength(6);
    const notices = telegram
      .callsOf('sendMessage')
      .filter((c) => c.params.chat_id === '60' && String(c.params.text).includes('very quickly'));
    expect(notices).toHaveLength(1);
    // The agents see how many were held back, in one note for the window.
    const note = await eventually(async () =>
      (await detail(rows[0]!.ticketId!)).messages.find((m) =>
        m.body.includes('3 messages from this contact were held back by the flood limit'),
      ),
    );
    expect(note.body).toMatch(/between \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC and /);
    expect(
      (await detail(rows[0]!.ticketId!)).messages.filter((m) => m.body.includes('flood limit')),
    ).toHaveLength(1);
    // A redelivered throttled update is still a duplicate: nothing new is stored or sent.
    expect((await deliver(flood[8]!)).json()).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('takes the accounts out of the registry when the channel is disabled', async () => {
    await patch({ enabled: false });
    expect((await verify('@lumen_support_bot')).verdict).not.toBe('official');
    expect((await verify('@lumen_official')).verdict).not.toBe('official');
  });
});
