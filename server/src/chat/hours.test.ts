import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { auditLog } from '../audit/schema.ts';
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import { slaCalendars } from '../sla/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { messages, ticketEvents } from '../tickets/schema.ts';
import { hoursAt } from './hours.ts';
import { queueToLeaveMessage } from './leave-message.ts';
import { chatSessions } from './schema.ts';
import { type ChatClient, connectChat } from './test-client.ts';

const at = (iso: string, zone = 'Asia/Shanghai') =>
  Temporal.PlainDateTime.from(iso).toZonedDateTime(zone).epochMilliseconds;
const weekdays = (span: [string, string]) =>
  ({ 1: [span], 2: [span], 3: [span], 4: [span], 5: [span] }) as BusinessCalendar['weekly'];

describe('chat hours from a business calendar', () => {
  const office: BusinessCalendar = {
    timeZone: 'Asia/Shanghai',
    weekly: weekdays(['09:00', '18:00']),
    holidaySource: 'cn',
  };

  it('is open inside a span and says when it closes; closed outside and says when it opens', () => {
    // Tuesday 2026-11-24.
    expect(hoursAt(office, at('2026-11-24T10:30'))).toEqual({
      open: true,
      opensAt: null,
      closesAt: new Date(at('2026-11-24T18:00')),
    });
    expect(hoursAt(office, at('2026-11-24T20:00'))).toEqual({
      open: false,
      opensAt: new Date(at('2026-11-25T09:00')),
      closesAt: null,
    });
    // Saturday: the next opening is Monday morning.
    expect(hoursAt(office, at('2026-11-28T11:00')).opensAt).toEqual(new Date(at('2026-11-30T09:00')));
  });

  it('is closed on a public holiday (国庆) and opens after it', () => {
    const reading = hoursAt(office, at('2026-10-01T10:00'));
    expect(reading.open).toBe(false);
    const opens = Temporal.Instant.fromEpochMilliseconds(reading.opensAt!.getTime()).toZonedDateTimeISO(
      'Asia/Shanghai',
    );
    expect(opens.toPlainDate().toString() > '2026-10-07').toBe(true);
    expect(opens.hour).toBe(9);
  });

  it('follows spans that join across midnight, and never closes around the clock', () => {
    const late: BusinessCalendar = {
      timeZone: 'UTC',
      weekly: { 1: [['20:00', '24:00']], 2: [['00:00', '02:00']] },
    };
    expect(hoursAt(late, at('2026-11-23T23:00', 'UTC')).closesAt).toEqual(
      new Date(at('2026-11-24T02:00', 'UTC')),
    );
    const always: BusinessCalendar = {
      timeZone: 'UTC',
      weekly: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [['00:00', '24:00']]])),
    };
    expect(hoursAt(always, Date.now())).toEqual({ open: true, opensAt: null, closesAt: null });
  });
});

// ------------------------------------------------------------------------------ over the socket

const isItem = (f: ServerFrame): f is Extract<ServerFrame, { type: 'item' }> => f.type === 'item';
const messagesOf = (c: ChatClient) =>
  c.frames
    .filter(isItem)
    .map((f) => f.item)
    .filter((i): i is Extract<TimelineItem, { kind: 'message' }> => i.kind === 'message');

let desk: TestDesk;
let wsUrl: string;
let categoryOf: Record<string, string>;
let teamOf: Record<string, string>;
/** A calendar open one hour a day, twelve hours from now: closed now, whenever the test runs. */
let closedNow: { id: string; opensAt: Date };

beforeAll(async () => {
  // A grace long enough that a loaded test machine's late timers do not take agents off shift.
  desk = await createTestDesk({ CHAT_AGENT_GRACE_SECONDS: '5', PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const db = desk.services.db;
  categoryOf = Object.fromEntries((await db.select().from(categories)).map((r) => [r.code, r.id]));
  teamOf = Object.fromEntries((await db.select().from(teams)).map((r) => [r.code, r.id]));
  const hour = (new Date().getUTCHours() + 12) % 24;
  const span = [`${String(hour).padStart(2, '0')}:00`, `${String(hour + 1).padStart(2, '0')}:00`];
  const weekly = Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [span as [string, string]]]),
  );
  const [row] = await db
    .insert(slaCalendars)
    .values({ code: 'test-closed', name: 'Closed now', timeZone: 'UTC', weekly })
    .returning();
  const opens = new Date();
  opens.setUTCHours(hour, 0, 0, 0);
  if (opens.getTime() < Date.now()) opens.setUTCDate(opens.getUTCDate() + 1);
  closedNow = { id: row!.id, opensAt: opens };
});
afterAll(async () => {
  await desk?.close();
});

async function customer(uid: string) {
  const c = await desk.customer(uid);
  return { client: await connectChat(wsUrl, { token: c.headers.authorization.slice(7) }), auth: c };
}

async function agent(who: 'chen' | 'maya' | 'lin' | 'admin', capacity?: number) {
  const auth = await desk.signIn(who);
  if (capacity !== undefined)
    await desk.services.db.update(agents).set({ chatCapacity: capacity }).where(eq(agents.id, auth.agentId));
  const client = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
  client.send({ type: 'presence', status: 'online' });
  await client.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId);
  return { client, auth };
}

/** Starts a chat and asks for a person; resolves once it waits in the queue. */
async function queuedChat(uid: string, category: string) {
  const c = await customer(uid);
  c.client.send({ type: 'start', categoryId: categoryOf[category]!, lang: 'zh-CN' });
  const { ticketId } = (await c.client.waitFor((f) => f.type === 'chat')) as { ticketId: string };
  c.client.send({ type: 'handoff', ticketId });
  await c.client.waitFor((f) => f.type === 'queue' && f.ticketId === ticketId);
  return { ...c, ticketId };
}

/** The chat's "leave a message" notices and offline transitions, straight from the database. */
async function leaveRecord(ticketId: string) {
  const db = desk.services.db;
  const notices = await db
    .select()
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.clientId, '~leave-message')));
  const events = await db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'chat_state')));
  return { notices, offline: events.filter((e) => e.toValue === 'offline') };
}

async function setHours(teamCode: string, calendarId: string | null) {
  const admin = await desk.signIn('admin');
  return desk.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/teams/${teamOf[teamCode]}/chat-hours`,
    headers: admin.write,
    payload: { calendarId },
  });
}

describe('team chat hours and leave-a-message', () => {
  it('admins set a team calendar (checked, audited); the demo gives the security team office hours', async () => {
    const chen = await desk.signIn('chen');
    const refused = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/teams/${teamOf.general}/chat-hours`,
      headers: chen.write,
      payload: { calendarId: null },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await desk.signIn('admin');
    const extra = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/teams/${teamOf.general}/chat-hours`,
      headers: admin.write,
      payload: { calendarId: null, always: true },
    });
    expect(extra.statusCode).toBe(400);
    const unknown = await setHours('general', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);

    const set = await setHours('account', closedNow.id);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      calendarId: closedNow.id,
      openNow: false,
      opensAt: closedNow.opensAt.toISOString(),
    });
    const [entry] = await desk.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'team.chat_hours'), eq(auditLog.targetId, teamOf.account!)));
    expect(entry?.data).toEqual({ from: null, to: closedNow.id });
    expect((await setHours('account', null)).json()).toMatchObject({ calendarId: null, openNow: true });

    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/chat/hours', headers: chen.read });
    const items = list.json().items as Array<{ code: string; calendarId: string | null; timeZone: string }>;
    expect(items.find((t) => t.code === 'security')).toMatchObject({ timeZone: 'Asia/Shanghai' });
    expect(items.find((t) => t.code === 'security')!.calendarId).not.toBeNull();
    expect(items.filter((t) => t.calendarId === null).map((t) => t.code)).toContain('general');
  });

  it('a chat started outside the hours is "leave a message" at once, says when it opens, keeps every word', async () => {
    expect((await setHours('security', closedNow.id)).statusCode).toBe(200);
    const { client, auth } = await customer('hours-1');
    client.send({ type: 'start', categoryId: categoryOf.security!, lang: 'en' });
    const chat = (await client.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    expect(chat).toMatchObject({ state: 'offline', opensAt: closedNow.opensAt.toISOString() });
    const notice = await eventually(async () =>
      messagesOf(client).find((m) => m.clientId === '~leave-message'),
    );
    expect(notice.body).toMatch(/closed now; it opens .*\(UTC\)\. Your chat has become a ticket/);
    expect(messagesOf(client).some((m) => m.authorType === 'bot')).toBe(false);

    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'm-1', body: 'My account was frozen' });
    await client.waitFor((f) => f.type === 'ack' && f.clientId === 'm-1');
    const mine = await desk.app.inject({ method: 'GET', url: '/api/v1/me/tickets', headers: auth.headers });
    expect(JSON.stringify(mine.json())).toContain(chat.ticketId);
    // Asking for a person changes nothing: it stays a ticket.
    client.send({ type: 'handoff', ticketId: chat.ticketId });
    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'm-2', body: 'human' });
    await client.waitFor((f) => f.type === 'ack' && f.clientId === 'm-2');
    const [row] = await desk.services.db
      .select()
      .from(chatSessions)
      .where(eq(chatSessions.ticketId, chat.ticketId));
    expect(row!.state).toBe('offline');
    expect((await leaveRecord(chat.ticketId)).notices).toHaveLength(1);
    await client.close();
  });

  it('the contact page counts a team outside its hours as off shift and says when chat opens', async () => {
    const chen = await agent('chen', 3); // of the security team, online with free slots
    const url = `/api/v1/contact/options?categoryId=${categoryOf.security}&urgent=true&touchesAccount=true`;
    const closed = (await desk.app.inject({ method: 'GET', url })).json();
    expect(closed.live.chat).toMatchObject({ humanOnShift: false, opensAt: closedNow.opensAt.toISOString() });
    expect(closed.recommended).not.toBe('chat');
    expect(closed.options.find((o: { channel: string }) => o.channel === 'chat').reason).toBe('chat_closed');
    await setHours('security', null);
    const open = (await desk.app.inject({ method: 'GET', url })).json();
    expect(open.live.chat).toMatchObject({ humanOnShift: true, opensAt: null });
    expect(open.recommended).toBe('chat');
    await chen.client.close();
    await chen.client.closed;
  });

  it('the last agent of the team stepping away: the waiting customer is told, once, and the chat becomes a ticket', async () => {
    const chen = await agent('chen', 0); // account and security; on shift, but full
    const waiting = await queuedChat('hours-2', 'account');
    chen.client.send({ type: 'presence', status: 'away' });
    // A chat that has waited the grace (5 s here) goes at once; this one, just queued, by a sweep after it.
    await waiting.client.waitFor(
      (f) => f.type === 'chat' && f.state === 'offline' && f.opensAt === null,
      20_000,
    );
    const notice = await eventually(async () =>
      messagesOf(waiting.client).find((m) => m.clientId === '~leave-message'),
    );
    expect(notice.body).toContain('不必继续排队');
    expect(notice.body).toContain('留言工单');
    // Nothing typed is lost: the customer keeps writing, an agent answers through the ticket.
    waiting.client.send({ type: 'send', ticketId: waiting.ticketId, clientId: 'w-1', body: '补充：UID 123' });
    await waiting.client.waitFor((f) => f.type === 'ack' && f.clientId === 'w-1');
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${waiting.ticketId}/messages`,
      headers: chen.auth.write,
      payload: { body: '我们稍后通过邮件回复您' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await eventually(async () => messagesOf(waiting.client).some((m) => m.body === '我们稍后通过邮件回复您'));
    // Later sweeps find nothing more to do: one notice, one transition.
    await new Promise((r) => setTimeout(r, 1500));
    const record = await leaveRecord(waiting.ticketId);
    expect(record.notices).toHaveLength(1);
    expect(record.offline).toHaveLength(1);
    await Promise.all([chen.client.close(), waiting.client.close()]);
  });

  it("the team's hours ending: its queue becomes leave-a-message and says when it opens again", async () => {
    const maya = await agent('maya', 0); // trading and general
    const waiting = await queuedChat('hours-3', 'general');
    expect((await setHours('general', closedNow.id)).statusCode).toBe(200);
    await waiting.client.waitFor(
      (f) => f.type === 'chat' && f.state === 'offline' && f.opensAt === closedNow.opensAt.toISOString(),
    );
    const notice = await eventually(async () =>
      messagesOf(waiting.client).find((m) => m.clientId === '~leave-message'),
    );
    expect(notice.body).toMatch(/在线服务时间已结束（下次开放：.*\(UTC\)）/);
    await setHours('general', null);
    await Promise.all([maya.client.close(), waiting.client.close()]);
  });

  it('the last agent disconnecting past the grace: the queue becomes leave-a-message', async () => {
    const lin = await agent('lin', 0); // deposits and withdrawals only
    const waiting = await queuedChat('hours-4', 'deposit_withdrawal');
    lin.client.ws.terminate();
    await waiting.client.waitFor((f) => f.type === 'chat' && f.state === 'offline', 25_000);
    expect((await leaveRecord(waiting.ticketId)).notices).toHaveLength(1);
    await waiting.client.close();
  });

  it('several deciders racing over one queue: each chat is moved and told exactly once', async () => {
    const db = desk.services.db;
    const maya = await agent('maya', 0);
    const waiting = [];
    for (let i = 0; i < 6; i++) waiting.push(await queuedChat(`hours-race-${i}`, 'trading'));
    const text = () => 'closed';
    // As several nodes' sweeps would, at the same moment (truly parallel on PostgreSQL).
    const results = await Promise.all(
      [0, 1, 2].map(() => queueToLeaveMessage(db, desk.services.jobs, teamOf.trading!, text)),
    );
    const moved = results.flat();
    expect(moved.sort()).toEqual(waiting.map((w) => w.ticketId).sort());
    for (const w of waiting) {
      const record = await leaveRecord(w.ticketId);
      expect(record.notices).toHaveLength(1);
      expect(record.offline).toHaveLength(1);
    }
    await Promise.all([maya.client.close(), ...waiting.map((w) => w.client.close())]);
  });
});
