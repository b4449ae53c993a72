import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { createRedis, redisPrefixFor } from '../platform/redis.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const open = (headers: Record<string, string>, description: string, lang = 'zh-CN') =>
  desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: { ...headers, 'accept-language': lang },
    payload: { title: '问题', description },
  });

describe('customer limits', () => {
  it('refuses the same message a third time with a 429 that says why, in the customer language', async () => {
    const c = await desk.customer('u-civ-1');
    expect((await open(c.headers, '为什么还没到账')).statusCode).toBe(201);
    expect((await open(c.headers, '为什么还没到账 ')).statusCode).toBe(201);
    const third = await open(c.headers, '为什么还没到账');
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('repeated_message');
    expect(third.json().error.message).toContain('已经发送过了');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('slows down a burst of replies, and keeps every reply it accepted', async () => {
    const c = await desk.customer('u-civ-2');
    const ticket = (await open(c.headers, 'first')).json();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/me/tickets/${ticket.id}/messages`,
        headers: { ...c.headers, 'accept-language': 'en' },
        payload: { body: `more detail ${i}` },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.message).toMatch(/sending too fast/);
    }
    expect(codes.filter((s) => s === 201)).toHaveLength(5); // the create counted as the first of six
    expect(codes.slice(5)).toEqual([429, 429]);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: c.headers,
    });
    expect(JSON.stringify(detail.json())).toContain('more detail 4');
  });

  it('lets a client retry the same message id and answers with the stored message', async () => {
    const c = await desk.customer('u-civ-6');
    const ticket = (await open(c.headers, 'retry test')).json();
    const send = () =>
      desk.app.inject({
        method: 'POST',
        url: `/api/v1/me/tickets/${ticket.id}/messages`,
        headers: c.headers,
        payload: { body: 'did you get this?', clientId: 'c-1' },
      });
    expect((await send()).statusCode).toBe(201);
    for (let i = 0; i < 3; i++) expect((await send()).statusCode).toBe(200);
  });

  it('refuses a very long message with the limit named', async () => {
    const c = await desk.customer('u-civ-3');
    const res = await open(c.headers, '长'.repeat(9000), 'en');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('message_too_long');
  });

  it('limits uploads per minute', async () => {
    const c = await desk.customer('u-civ-4');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const boundary = 'x-boundary';
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...c.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="n${i}.txt"\r\nContent-Type: text/plain\r\n\r\nnote ${i}\r\n--${boundary}--\r\n`,
      });
      statuses.push(res.statusCode);
    }
    // Whatever the upload itself answers, the first ten pass the limit and the eleventh does not.
    expect(statuses.slice(0, 10).includes(429), JSON.stringify(statuses)).toBe(false);
    expect(statuses[10]).toBe(429);
  });
});

describe('mute and block', () => {
  it('lets an agent mute then block a customer, tells the customer, and audits it', async () => {
    const c = await desk.customer('u-civ-5');
    const agent = await desk.signIn('chen');
    const put = (payload: object) =>
      desk.app.inject({
        method: 'PUT',
        url: `/api/v1/customers/${c.customerId}/restriction`,
        headers: agent.write,
        payload,
      });

    const muted = await put({ kind: 'muted', minutes: 30, reason: 'insults' });
    expect(muted.json().kind).toBe('muted');
    const refused = await open(c.headers, 'hello?', 'en');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'customer_muted' });
    expect(refused.json().error.message).toMatch(/muted/);

    await put({ kind: 'blocked', reason: 'threats' });
    expect((await open(c.headers, '你好')).json().error.code).toBe('customer_blocked');

    await put({ kind: 'none', reason: 'appeal accepted' });
    expect((await open(c.headers, '谢谢')).statusCode).toBe(201);

    const entries = await desk.services.db.select().from(auditLog).where(eq(auditLog.targetId, c.customerId));
    expect(entries.map((e) => e.action).sort()).toEqual([
      'customer.blocked',
      'customer.muted',
      'customer.unrestricted',
    ]);

    const other = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/customers/00000000-0000-4000-8000-000000000000/restriction',
      headers: agent.write,
      payload: { kind: 'muted' },
    });
    expect(other.statusCode).toBe(404);
    const byCustomer = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${c.customerId}/restriction`,
      headers: c.headers,
      payload: { kind: 'none' },
    });
    expect(byCustomer.statusCode).toBe(403);
  });
});

const redisUrl = process.env.KEFU_TEST_REDIS_URL;
describe.skipIf(!redisUrl)('limits kept in Redis when REDIS_URL is set', () => {
  it('counts a customer in Redis (so every node sees the same count) and refuses the third repeat', async () => {
    const url = new URL(redisUrl ?? 'redis://127.0.0.1:6379');
    url.pathname = '/15';
    const node = await createTestDesk({ REDIS_URL: url.toString() });
    const redis = createRedis(url.toString());
    try {
      const c = await node.customer('u-civ-redis');
      const send = () =>
        node.app.inject({
          method: 'POST',
          url: '/api/v1/me/tickets',
          headers: c.headers,
          payload: { title: 't', description: 'same words' },
        });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(429);
      // The desk's keys carry its prefix (REDIS_PREFIX, else kefu:<database number>:).
      const keys = await redis.keys(`${redisPrefixFor(url.toString(), undefined)}rl:msg:*:${c.customerId}*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      await redis.del(...keys);
    } finally {
      await redis.quit();
      await node.close();
    }
  });
});
