import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { channelDeliveries } from '../schema.ts';
import { json, startTestServer } from '../test-server.ts';
import { sha1Signature } from '../wechat/crypto.ts';

const SECRET = 'weibo-app-secret';
let desk: TestDesk;
let platform: Awaited<ReturnType<typeof startTestServer>>;
let path: string;
let refuse: { error_code: number; error: string } | null = null;
const replies: URLSearchParams[] = [];

beforeAll(async () => {
  desk = await createTestDesk();
  platform = await startTestServer((req, res) => {
    if (req.url !== '/2/messages/reply.json') return json(res, 404, {});
    const form = new URLSearchParams(req.body.toString());
    if (form.get('access_token') !== 'weibo-token')
      return json(res, 403, { error_code: 21332, error: 'invalid_access_token' });
    if (refuse) return json(res, 400, refuse);
    replies.push(form);
    return json(res, 200, { id: 1000 + replies.length });
  });
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: {
      kind: 'weibo',
      name: '微博',
      settings: { apiRoot: platform.url, privateLink: 'https://app.lumen-exchange.example/chat' },
      secrets: { appSecret: SECRET, accessToken: 'weibo-token' },
    },
  });
  expect(res.statusCode).toBe(201);
  path = new URL(res.json().inboundUrl).pathname;
});
afterAll(async () => {
  await platform?.close();
  await desk?.close();
});

function query(extra: Record<string, string> = {}, secret = SECRET) {
  const timestamp = String(Date.now());
  const nonce = String(Math.floor(Math.random() * 1e8));
  return new URLSearchParams({
    signature: sha1Signature(secret, timestamp, nonce),
    timestamp,
    nonce,
    ...extra,
  }).toString();
}

const push = (body: unknown, secret = SECRET) =>
  desk.app.inject({
    method: 'POST',
    url: `${path}?${query({}, secret)}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

async function ticketsOf(sender: string) {
  return eventually(async () => {
    const rows = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.direction, 'in'));
    const done = rows.filter(
      (r) => r.status === 'processed' && r.platformMessageId?.startsWith(`${sender}:`),
    );
    return done.length ? done : null;
  });
}

describe('Weibo', () => {
  it('answers the echo check and refuses wrong signatures', async () => {
    const ok = await desk.app.inject({ method: 'GET', url: `${path}?${query({ echostr: 'abc' })}` });
    expect(ok.body).toBe('abc');
    const bad = await push({ type: 'text', sender_id: 1, receiver_id: 2, text: 'x' }, 'wrong-secret');
    expect(bad.statusCode).toBe(401);
  });

  it('turns private messages into a ticket, ignores a retried push, replies privately', async () => {
    const message = {
      type: 'text',
      receiver_id: 9,
      sender_id: 2489518277,
      created_at: 'Mon Jul 16 18:09:20 +0800 2012',
      text: '请问 App 怎么切换语言',
      data: {},
    };
    expect((await push(message)).statusCode).toBe(200);
    const retried = await push(message);
    expect(retried.statusCode).toBe(200);
    expect(retried.body).toBe('');
    const rows = await ticketsOf('2489518277');
    expect(rows).toHaveLength(1);
    const row = rows[0];
    const agent = await desk.signIn('lin');
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: agent.write,
      payload: { body: '在「我的 → 设置 → 语言」中切换。' },
    });
    const sent = await eventually(async () => replies.find((r) => r.get('receiver_id') === '2489518277'));
    expect(sent.get('type')).toBe('text');
    expect(JSON.parse(sent.get('data')!)).toEqual({ text: '在「我的 → 设置 → 语言」中切换。' });

    refuse = { error_code: 21335, error: 'reply quota exceeded' };
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'again' },
    });
    const failed = await eventually(async () => {
      const t = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${row!.ticketId}`,
        headers: agent.read,
      });
      return t.json().history.find((h: { kind: string }) => h.kind === 'channel_reply_failed');
    });
    expect(failed.to).toMatchObject({ reason: 'window_closed' });
    refuse = null;
  });

  it('answers an @mention about funds only with a general reply and the private link', async () => {
    await push({
      type: 'mention',
      receiver_id: 9,
      sender_id: 555,
      created_at: 'Mon Jul 16 19:00:00 +0800 2012',
      text: '@Lumen 我充值的币没到账',
      data: { subtype: 'status' },
    });
    await ticketsOf('555');
    const general = await eventually(async () => replies.find((r) => r.get('receiver_id') === '555'));
    const text = JSON.parse(general.get('data')!).text as string;
    expect(text).toContain('https://app.lumen-exchange.example/chat');
    expect(text).not.toContain('充值');
  });
});
