import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let me: CustomerAuth;
beforeAll(async () => {
  // A customer opening eight tickets in a second is this test's pace, not a person's.
  desk = await createTestDesk({ CUSTOMER_MESSAGES_PER_10S: '100' });
  me = await desk.customer('u-paging-own', { name: 'Paging Own' });
});
afterAll(async () => {
  await desk?.close();
});

async function get(url: string) {
  const res = await desk.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: me.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function open(title: string) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: me.headers,
    payload: { title, description: `About ${title}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe("a customer's own lists page by cursor", () => {
  it('my tickets: no ticket repeated or skipped while new ones arrive between pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.unshift(await open(`Own ticket ${i}`));
    const first = await get('/me/tickets?limit=3');
    expect(first.items.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, 3));
    // A new ticket now: with OFFSET the next page would repeat one; the cursor goes on after the last.
    await open('Arrived while paging');
    const seen = [...first.items.map((t: { id: string }) => t.id)];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = await get(`/me/tickets?limit=3&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.items.map((t: { id: string }) => t.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('the inbox (站内信): keyset pages, newest first, none lost', async () => {
    await desk.services.db.execute(sql`
      insert into inbox_messages (customer_id, kind, title, body, source_id, created_at)
      select ${me.customerId}::uuid, 'reply', 'Entry ' || g, 'body', 'paging-' || g,
             now() - g * interval '1 minute'
      from generate_series(1, 9) g`);
    const whole = await get('/me/inbox?limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await get(
        `/me/inbox?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((i: { id: string }) => i.id));
    expect(seen.length).toBeGreaterThanOrEqual(9);
    const bad = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me/inbox?cursor=nonsense',
      headers: me.headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});
