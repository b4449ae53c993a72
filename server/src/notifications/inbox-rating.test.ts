import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('the in-app inbox asks for a rating', () => {
  it('a solved ticket’s notice carries the rating request, then the rating; a reopened one no longer asks', async () => {
    const customer = await desk.customer('u-inbox-rate');
    const other = await desk.customer('u-inbox-rate-other');
    const lin = await desk.signIn('lin');
    const open = async (title: string) => {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: '充值没到账' },
      });
      expect(res.statusCode).toBe(201);
      const id = res.json().id as string;
      const solved = await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: lin.write,
        payload: { status: 'solved' },
      });
      expect(solved.statusCode).toBe(200);
      return id;
    };
    const noticeOf = async (id: string, who = customer) => {
      const res = await desk.app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers: who.headers });
      return (res.json().items as Array<Record<string, unknown>>).find((i) => i.ticketId === id);
    };

    const first = await open('评价一');
    const notice = await eventually(() => noticeOf(first));
    expect(notice).toMatchObject({
      kind: 'solved',
      channel: 'web',
      rating: { state: 'open', score: null, changeableUntil: null },
    });
    expect(await noticeOf(first, other)).toBeUndefined();

    const rated = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/me/tickets/${first}/rating`,
      headers: customer.headers,
      payload: { score: 5, comment: '' },
    });
    expect(rated.statusCode).toBe(200);
    const after = await noticeOf(first);
    expect(after!.rating).toMatchObject({ state: 'rated', score: 5 });
    expect(Date.parse((after!.rating as { changeableUntil: string }).changeableUntil)).toBeGreaterThan(
      Date.now() + 6 * 24 * 3600_000,
    );

    // The customer writes again: the ticket reopens, and the old notice stops asking.
    const second = await open('评价二');
    await eventually(() => noticeOf(second));
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${second}/messages`,
      headers: customer.headers,
      payload: { body: '还是没到账', clientId: 'reopen-1' },
    });
    expect(reply.statusCode).toBe(201);
    expect((await noticeOf(second))!.rating).toMatchObject({ state: 'closed', score: null });
  });
});
