import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { mergeSettings } from './admin-routes.ts';
import { channelContacts, channelConversations, channels } from './schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function call(method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  const admin = await desk.signIn('admin');
  return desk.app.inject({ method, url: `/api/v1${url}`, headers: admin.write, payload });
}

describe('editing a channel’s settings', () => {
  it('merges as a JSON merge patch: null removes, absent keeps', () => {
    expect(mergeSettings({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergeSettings({ a: 1 })).toEqual({ a: 1 });
  });

  it('clears an optional setting sent as null, and keeps the ones not sent', async () => {
    const created = await call('POST', '/channels', {
      kind: 'webhook',
      name: 'Partner app',
      settings: { outboundUrl: 'https://relay.example/in', privateLink: 'https://app.example/support' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    const renamed = await call('PATCH', `/channels/${id}`, { name: 'Partner app 2', settings: {} });
    expect(renamed.json().settings.privateLink).toBe('https://app.example/support');

    const cleared = await call('PATCH', `/channels/${id}`, { settings: { privateLink: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().settings).not.toHaveProperty('privateLink');
    expect(cleared.json().settings.outboundUrl).toBe('https://relay.example/in');

    const again = await call('PATCH', `/channels/${id}`, { settings: { privateLink: 'not a url' } });
    expect(again.statusCode).toBe(400);
  });

  it('deletes a channel with its links, never its tickets; admins only; audited', async () => {
    const created = await call('POST', '/channels', {
      kind: 'webhook',
      name: 'Old partner app',
      settings: {},
    });
    const id = created.json().id as string;
    const db = desk.services.db;
    // A ticket that came in through the channel, as ingest leaves it: contact, conversation, ticket.
    const c = await desk.customer('via-channel-1');
    const [general] = await db.select().from(categories).where(eq(categories.code, 'general'));
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: c.headers,
      payload: { title: 'From the app', description: 'hello', categoryId: general!.id, fields: {} },
    });
    const ticketId = opened.json().id as string;
    const [contact] = await db
      .insert(channelContacts)
      .values({ channelId: id, platformUserId: 'p-1', customerId: c.customerId })
      .returning();
    await db.insert(channelConversations).values({
      channelId: id,
      chatId: 'chat-1',
      threadKey: 'chat-1',
      isPublic: false,
      contactId: contact!.id,
      ticketId,
    });

    const lin = await desk.signIn('lin');
    const refused = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/channels/${id}`,
      headers: lin.write,
    });
    expect(refused.statusCode).toBe(403);

    const admin = await desk.signIn('admin');
    const gone = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/channels/${id}`,
      headers: admin.write,
    });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await db.select().from(channels).where(eq(channels.id, id))).toEqual([]);
    expect(
      await db.select().from(channelConversations).where(eq(channelConversations.channelId, id)),
    ).toEqual([]);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(ticket?.title).toBe('From the app');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'channel.delete'));
    expect(entry).toMatchObject({ targetId: id, data: { kind: 'webhook', name: 'Old partner app' } });
    const again = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/channels/${id}`,
      headers: admin.write,
    });
    expect(again.statusCode).toBe(404);
  });
});
