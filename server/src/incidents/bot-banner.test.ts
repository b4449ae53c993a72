import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { connectChat } from '../chat/test-client.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let wsUrl: string;
beforeAll(async () => {
  desk = await createTestDesk(
    { PUBLIC_URL: 'http://desk.test' },
    { botKnowledge: { search: async () => [] } },
  );
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

const botSaid = (frames: ServerFrame[]) =>
  frames
    .filter((f): f is Extract<ServerFrame, { type: 'item' }> => f.type === 'item')
    .map((f) => f.item)
    .filter(
      (i): i is Extract<TimelineItem, { kind: 'message' }> => i.kind === 'message' && i.authorType === 'bot',
    )
    .map((m) => m.body);

describe('the bot and a live incident', () => {
  it('puts the public incident banner before its answer, in the chat language; not once hidden', async () => {
    const admin = await desk.signIn('admin');
    const owner = await desk.customer('bot-incident-owner');
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: owner.headers,
      payload: { title: 'TRC20 提现延迟', description: '提现未到账' },
    });
    const incident = opened.json().id as string;
    const marked = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: admin.write,
      payload: {
        ticket: incident,
        public: true,
        bannerZh: 'TRC20 提现延迟，正在处理',
        bannerEn: 'TRC20 withdrawals are delayed',
      },
    });
    expect(marked.statusCode).toBe(201);

    const cats = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const categoryId = (cats.json().items as Array<{ id: string; code: string }>).find(
      (c) => c.code === 'deposit_withdrawal',
    )!.id;
    const ask = async (uid: string, lang: 'zh-CN' | 'en', text: string) => {
      const c = await desk.customer(uid);
      const client = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
      client.send({ type: 'start', categoryId, lang });
      const chat = (await client.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
      await eventually(async () => botSaid(client.frames).length >= 1); // the greeting
      client.send({ type: 'send', ticketId: chat.ticketId, clientId: `${uid}-1`, body: text });
      const answer = await eventually(async () => botSaid(client.frames)[1]);
      await client.close();
      return answer;
    };
    const en = await ask('bot-incident-en', 'en', 'my withdrawal is missing');
    expect(en.startsWith('【Known issue】TRC20 withdrawals are delayed')).toBe(true);
    const zh = await ask('bot-incident-zh', 'zh-CN', '提现没到账');
    expect(zh.startsWith('【当前已知问题】TRC20 提现延迟，正在处理')).toBe(true);

    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident}`,
      headers: admin.write,
      payload: { public: false },
    });
    const hidden = await ask('bot-incident-hidden', 'en', 'my withdrawal is missing');
    expect(hidden).not.toContain('Known issue');
  }, 60_000);
});
