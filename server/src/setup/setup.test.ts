import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { connectChat } from '../chat/test-client.ts';
import { type Database, migrateDatabase, openPglite } from '../db/client.ts';
import { settings } from '../desk/schema.ts';
import { officialChannels } from '../safety/schema.ts';
import { slaCalendars } from '../sla/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

const SETUP = {
  desk: { name: 'Orbit Wallet', nameZh: '轨道钱包', ticketPrefix: 'OW' },
  domains: ['orbit-wallet.example', 'https://help.orbit-wallet.example/'],
  mailboxes: ['Support@Orbit-Wallet.example'],
  admin: { email: 'lead@orbit-wallet.example', name: 'Lead', password: 'a-long-first-password' },
  language: 'en',
  timeZone: 'Europe/Berlin',
  chinaHolidays: false,
  team: { code: 'support', nameZh: '客服组', nameEn: 'Support' },
  category: { code: 'general', nameZh: '一般问题', nameEn: 'General' },
} as const;

let database: Database;
let desk: TestDesk;

// An empty desk as `npm start` with SEED_DEMO=false leaves it: migrated, no demo, no agents.
beforeAll(async () => {
  database = await openPglite(null);
  await migrateDatabase(database);
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' }, { database });
});
afterAll(async () => {
  await desk?.close();
  await database?.close();
});

const post = (payload: unknown) =>
  desk.app.inject({ method: 'POST', url: '/api/v1/setup', payload: payload as object });

describe('first-run set-up', () => {
  it('refuses a bad set-up with the error shape and sets nothing up', async () => {
    const bad = await post({ ...SETUP, timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('setup_invalid');
    const weak = await post({ ...SETUP, admin: { ...SETUP.admin, password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('weak_password');
    expect((await desk.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needed: true });
  });

  it('sets up an empty desk once; two racing set-ups give one desk', async () => {
    const [a, b] = await Promise.all([
      post(SETUP),
      post({ ...SETUP, admin: { ...SETUP.admin, email: 'x@y.example' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('setup_done');
    expect((await desk.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    // The page cannot be reached again once an admin exists.
    const again = await post(SETUP);
    expect(again.statusCode).toBe(409);

    const db = desk.services.db;
    const [brand] = await db.select().from(settings).where(eq(settings.key, 'brand'));
    expect(brand?.value).toMatchObject({
      name: 'Orbit Wallet',
      supportEmail: 'support@orbit-wallet.example',
    });
    const official = await db.select().from(officialChannels);
    expect(official.map((o) => o.value).sort()).toEqual([
      'help.orbit-wallet.example',
      'orbit-wallet.example',
      'support@orbit-wallet.example',
    ]);
    const [calendar] = await db.select().from(slaCalendars).where(eq(slaCalendars.isDefault, true));
    expect(calendar).toMatchObject({ timeZone: 'Europe/Berlin', holidaySource: null });
  });

  it('the verify page calls the new domains official', async () => {
    const res = await desk.app.inject({ url: '/api/v1/verify?value=orbit-wallet.example' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ verdict: 'official' });
  });

  it('nothing else is needed to take a first chat: the admin signs in and is handed the chat', async () => {
    const signIn = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: SETUP.admin.email, password: SETUP.admin.password },
    });
    expect(signIn.statusCode).toBe(200);
    const me = signIn.json() as { agent: { id: string; language: string } };
    expect(me.agent.language).toBe('en');
    const cookie = signIn.cookies.find((c) => c.name === 'kefu_session')!;

    const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
    const wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
    const agent = await connectChat(wsUrl, {
      headers: { cookie: `kefu_session=${cookie.value}`, origin: 'http://desk.test' },
    });
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === me.agent.id);

    const customer = await desk.customer('first-customer');
    const client = await connectChat(wsUrl, {
      token: customer.headers.authorization.slice('Bearer '.length),
    });
    const categories = await desk.app.inject({ url: '/api/v1/categories', headers: customer.headers });
    const { items } = categories.json() as { items: Array<{ id: string; code: string }> };
    const categoryId = items.find((c) => c.code === 'general')!.id;
    client.send({ type: 'start', categoryId, lang: 'en' });
    const chat = (await client.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'c-1', body: 'human please' });
    await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === chat.ticketId);
    await client.close();
    await agent.close();
  });
});
