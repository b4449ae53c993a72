import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { customerWithTicket } from '../testing/owned-objects.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});
const inject = (opts: InjectOptions) => desk.app.inject(opts);

/**
 * Customer A owns a ticket, a file and an inbox message; customer B tries every customer route
 * with A's ids and must get exactly what a missing id gets.
 */
describe("a customer cannot reach another customer's data", () => {
  it('answers 404 on every customer route, as for an id that does not exist', async () => {
    const a = await desk.customer('u-idor-a');
    const b = await desk.customer('u-idor-b');
    const lin = await desk.signIn('lin');
    const owned = await customerWithTicket(desk, a, lin, { title: 'mine', description: 'private' });
    const ticket = { id: owned.ticketId, number: owned.ticketNumber };
    const file = { id: owned.fileId };
    const inboxId = owned.inboxId;
    const missing = '00000000-0000-4000-8000-000000000000';

    const routes = (ticketRef: string, fileId: string, inbox: string): InjectOptions[] => [
      { method: 'GET', url: `/api/v1/me/tickets/${ticketRef}` },
      {
        method: 'POST',
        url: `/api/v1/me/tickets/${ticketRef}/messages`,
        payload: { body: 'hi', clientId: 'x1' },
      },
      { method: 'POST', url: `/api/v1/me/tickets/${ticketRef}/status`, payload: { status: 'closed' } },
      { method: 'GET', url: `/api/v1/attachments/${fileId}` },
      { method: 'GET', url: `/api/v1/attachments/${fileId}?download=true` },
      { method: 'POST', url: `/api/v1/me/inbox/${inbox}/read` },
    ];
    const theirs = routes(ticket.id, file.id, inboxId);
    const byNumber = routes(ticket.number, file.id, inboxId);
    const none = routes(missing, missing, missing);
    for (const [i, route] of [...theirs, ...byNumber].entries()) {
      const res = await inject({ ...route, headers: { ...b.headers, 'accept-language': 'en' } });
      const ref = await inject({
        ...none[i % none.length]!,
        headers: { ...b.headers, 'accept-language': 'en' },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(res.json(), `${route.method} ${route.url}`).toEqual(ref.json());
    }
    // B's lists do not show A's things.
    const list = (await inject({ method: 'GET', url: '/api/v1/me/tickets', headers: b.headers })).json();
    expect(list.items).toEqual([]);
    expect(list.nextCursor).toBeNull();
    const inbox = (await inject({ method: 'GET', url: '/api/v1/me/inbox', headers: b.headers })).json();
    expect(inbox).toMatchObject({ unread: 0, items: [] });
    await inject({ method: 'POST', url: '/api/v1/me/inbox/read-all', headers: b.headers });
    const stillUnread = (await inject({ method: 'GET', url: '/api/v1/me/inbox', headers: a.headers })).json();
    expect(stillUnread.unread).toBe(1);
    // B cannot reply with A's file either, nor has A's ticket changed.
    const reply = await inject({
      method: 'POST',
      url: `/api/v1/me/tickets`,
      headers: b.headers,
      payload: { title: 't', description: 'd', attachmentIds: [file.id] },
    });
    expect(reply.statusCode).toBe(400);
    const own = (
      await inject({ method: 'GET', url: `/api/v1/me/tickets/${ticket.id}`, headers: a.headers })
    ).json();
    expect(own.status).toBe('open');
    expect(own.messages.map((m: { body: string }) => m.body)).toEqual(['private', 'we are on it']);
  });
});
