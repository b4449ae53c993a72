import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { auditLog } from '../audit/schema.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import type { BotKnowledge } from './bot.ts';
import { saysHandoffWord } from './bot-settings.ts';
import { type ChatClient, connectChat } from './test-client.ts';

/** Every search finds one article, and remembers how many cards the bot asked for. */
const limits: number[] = [];
const knowledge: BotKnowledge = {
  async search(_query, _lang, limit) {
    limits.push(limit);
    return [{ id: 'a1', title: 'How to reset 2FA', excerpt: 'Lost your phone?', url: '/help/reset-2fa' }];
  },
};

let desk: TestDesk;
let wsUrl: string;
let general: string;
beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' }, { botKnowledge: knowledge });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const [row] = await desk.services.db.select().from(categories).where(eq(categories.code, 'general'));
  general = row!.id;
});
afterAll(async () => {
  await desk?.close();
});

const settings = {
  greeting: { 'zh-CN': '你好，我是流明小助手。', en: 'Hi, Lumen bot here. Ask me anything.' },
  handoffWords: ['客服小姐姐', 'manager please'],
  cards: 2,
  handoffAfterAnswers: 2,
  handoffWhenNothingFound: false,
};

async function put(who: 'admin' | 'supervisor', payload: unknown) {
  const auth = await desk.signIn(who);
  return desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/bot',
    headers: auth.write,
    payload: payload as Record<string, unknown>,
  });
}

const bodies = (c: ChatClient) =>
  c.frames
    .filter((f): f is Extract<ServerFrame, { type: 'item' }> => f.type === 'item')
    .map((f) => f.item)
    .filter((i): i is Extract<TimelineItem, { kind: 'message' }> => i.kind === 'message')
    .map((m) => m.body);

async function startChat(uid: string, lang: 'zh-CN' | 'en') {
  const c = await desk.customer(uid);
  const client = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
  client.send({ type: 'start', categoryId: general, lang });
  const { ticketId } = (await client.waitFor((f) => f.type === 'chat')) as { ticketId: string };
  return { client, ticketId };
}

describe('bot settings', () => {
  it('matches the admin’s words: whole Latin words, Chinese anywhere, full-width and case folded', () => {
    expect(saysHandoffWord('请问客服小姐姐在吗', ['客服小姐姐'])).toBe(true);
    expect(saysHandoffWord('ＭＡＮＡＧＥＲ  Please!', ['manager please'])).toBe(true);
    expect(saysHandoffWord('comanager pleased', ['manager please'])).toBe(false);
    expect(saysHandoffWord('anything', [])).toBe(false);
  });

  it('admins only, bounded, audited', async () => {
    expect((await put('supervisor', settings)).statusCode).toBe(403);
    expect((await put('admin', { ...settings, cards: 9 })).statusCode).toBe(400);
    const res = await put('admin', {
      ...settings,
      handoffWords: [' manager please ', '客服小姐姐', 'manager please'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().handoffWords).toEqual(['manager please', '客服小姐姐']);
    const [entry] = await desk.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'bot.update'), eq(auditLog.targetId, 'bot')));
    expect(entry?.data).toMatchObject({ cards: 2, handoffAfterAnswers: 2 });
  });

  it('a chat greets with the admin’s words, offers their number of cards, and hands over on their word', async () => {
    const { client, ticketId } = await startChat('bot-set-1', 'en');
    await eventually(async () => bodies(client).includes(settings.greeting.en));
    client.send({ type: 'send', ticketId, clientId: 'b-1', body: 'how do I reset 2FA' });
    await eventually(async () => bodies(client).some((b) => b.includes('How to reset 2FA')));
    expect(limits.at(-1)).toBe(2);
    // Nobody is on shift in this desk: a handoff shows as "leave a message".
    client.send({ type: 'send', ticketId, clientId: 'b-2', body: 'MANAGER please' });
    await client.waitFor((f) => f.type === 'chat' && f.state === 'offline');
    await client.close();
  });

  it('hands over by itself after the admin’s number of answers', async () => {
    const { client, ticketId } = await startChat('bot-set-2', 'zh-CN');
    await eventually(async () => bodies(client).includes(settings.greeting['zh-CN']));
    for (const [i, body] of ['重置 2FA', '还是不行'].entries()) {
      client.send({ type: 'send', ticketId, clientId: `c-${i}`, body });
      await eventually(
        async () => bodies(client).filter((b) => b.includes('How to reset 2FA')).length === i + 1,
      );
    }
    expect(client.frames.some((f) => f.type === 'chat' && f.state === 'offline')).toBe(false);
    client.send({ type: 'send', ticketId, clientId: 'c-3', body: '第三次' });
    await client.waitFor((f) => f.type === 'chat' && f.state === 'offline');
    await client.close();
  });

  it('unset, the built-in greeting is back', async () => {
    await put('admin', { ...settings, greeting: { 'zh-CN': '', en: '' } });
    const { client } = await startChat('bot-set-3', 'en');
    await eventually(async () => bodies(client).some((b) => b.includes('a bot, not a person')));
    await client.close();
  });
});
