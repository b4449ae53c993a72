import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { csatRatings } from './schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function ticketFor(uid: string) {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: '评价测试', description: '问题描述' },
  });
  expect(res.statusCode).toBe(201);
  return { customer, id: res.json().id as string };
}

async function solve(id: string) {
  const lin = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${id}`,
    headers: lin.write,
    payload: { status: 'solved' },
  });
  expect(res.statusCode).toBe(200);
  return lin;
}

describe('satisfaction ratings', () => {
  it('lets the customer rate their own solved ticket once, changeable for 7 days', async () => {
    const { customer, id } = await ticketFor('u-csat-1');
    const rate = (score: number, headers = customer.headers) =>
      desk.app.inject({
        method: 'PUT',
        url: `/api/v1/me/tickets/${id}/rating`,
        headers,
        payload: { score, comment: ' 很快 ' },
      });

    expect((await rate(5)).json().error.code).toBe('csat_not_ready');
    await solve(id);
    const first = await rate(5);
    expect(first.statusCode).toBe(200);
    expect(first.json().rating).toMatchObject({ score: 5, comment: '很快' });
    expect((await rate(4)).json().rating.score).toBe(4);
    const other = await desk.customer('u-csat-other');
    expect((await rate(1, other.headers)).statusCode).toBe(404);
    expect((await rate(6)).statusCode).toBe(400);

    const lin = await desk.signIn('lin');
    const seen = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/rating`,
      headers: lin.read,
    });
    expect(seen.json().rating).toMatchObject({ score: 4, comment: '很快' });
    const asCustomer = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/rating`,
      headers: customer.headers,
    });
    expect(asCustomer.statusCode).toBe(403);

    const rows = await desk.services.db.select().from(csatRatings).where(eq(csatRatings.ticketId, id));
    expect(rows).toHaveLength(1);
    await desk.services.db
      .update(csatRatings)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(eq(csatRatings.ticketId, id));
    expect((await rate(2)).json().error.code).toBe('csat_locked');
  });

  it('accepts a signed link once, with no sign-in, and refuses a forged one', async () => {
    const { id } = await ticketFor('u-csat-2');
    const lin = await solve(id);
    const link = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/rating-link`,
      headers: lin.write,
    });
    const { token, url } = link.json() as { token: string; url: string };
    expect(url).toContain(`/rate/${token}`);

    const info = await desk.app.inject({ method: 'GET', url: `/api/v1/csat/${token}` });
    expect(info.json().ticket.number).toMatch(/^KF-/);
    const post = (t: string, score = 3) =>
      desk.app.inject({ method: 'POST', url: `/api/v1/csat/${t}`, payload: { score, comment: '' } });
    const used = await post(token);
    expect(used.statusCode).toBe(200);
    expect(used.json().rating.score).toBe(3);
    expect((await post(token, 1)).json().error.code).toBe('csat_link_used');

    const [payload, signature] = token.split('.');
    const forged = `${payload}.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(forged)).json().error.code).toBe('csat_link_invalid');
    const bytes = Buffer.from(payload!, 'base64url');
    bytes[20] = bytes[20]! ^ 1; // another nonce under the old signature
    const swapped = `${bytes.toString('base64url')}.${signature}`;
    expect((await post(swapped)).statusCode).toBe(404);
  });
});
