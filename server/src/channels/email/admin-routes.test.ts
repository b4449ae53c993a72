import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../testing/harness.ts';
import { emailMessages } from './schema.ts';
import { dnsFile } from './test-kit.ts';

type Hoodiecrow = (options: object) => {
  server: Server;
  listen: Server['listen'];
  close(cb: () => void): void;
};
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as Hoodiecrow;

let desk: TestDesk;
let relay: SMTPServer;
let imap: ReturnType<Hoodiecrow>;
let relayPassword = 'relay-pass';

beforeAll(async () => {
  // A relay that wants a password, as a real one does: a wrong one is refused with its own 535.
  relay = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kefu' && auth.password === relayPassword)
        return callback(null, { user: 'kefu' });
      callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  imap = hoodiecrow({ storage: { INBOX: { messages: [{ raw: 'Subject: hi\r\n\r\nhello', flags: [] }] } } });
  await new Promise<void>((r) => imap.listen(0, '127.0.0.1', () => r()));
  desk = await createTestDesk({
    EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
    EMAIL_RELAY_URL: `smtp://kefu:relay-pass@127.0.0.1:${(relay.server.address() as AddressInfo).port}`,
    IMAP_URL: `imap://testuser:testpass@127.0.0.1:${(imap.server.address() as AddressInfo).port}/INBOX`,
    IMAP_POLL_SECONDS: '3600',
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({}),
  });
}, 30_000);

afterAll(async () => {
  await desk?.close();
  await new Promise<void>((r) => relay?.close(() => r()));
  await new Promise<void>((r) => imap?.close(() => r()));
});

it('shows the servers without their passwords, adds and routes a mailbox, tests the connections', async () => {
  const admin = await desk.signIn('admin');
  const view = await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read });
  expect(view.statusCode).toBe(200);
  const body = view.json();
  expect(body.relay).toMatchObject({ host: '127.0.0.1', user: 'kefu', passwordSet: true });
  expect(body.imap).toMatchObject({ user: 'testuser', folder: 'INBOX' });
  expect(view.body).not.toContain('relay-pass');
  expect(view.body).not.toContain('testpass');
  expect(body.mailboxes).toEqual([
    expect.objectContaining({ address: 'support@lumen-exchange.example', fromConfig: true }),
  ]);
  expect(body.subjectTags).toContainEqual({ tag: '账户安全', categoryCode: 'security' });

  const cats = await desk.app.inject({ url: '/api/v1/categories', headers: admin.read });
  const security = (cats.json().items as { id: string; code: string }[]).find((c) => c.code === 'security')!;
  const added = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/mailboxes',
    headers: admin.write,
    payload: { address: 'Security@Lumen-Exchange.example', categoryId: security.id },
  });
  expect(added.statusCode, added.body).toBe(201);
  expect(added.json().items).toContainEqual(
    expect.objectContaining({
      address: 'security@lumen-exchange.example',
      categoryId: security.id,
      active: true,
    }),
  );
  const again = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/mailboxes',
    headers: { ...admin.write, 'accept-language': 'zh-CN' },
    payload: { address: 'security@lumen-exchange.example' },
  });
  expect(again.statusCode).toBe(409);
  const off = await desk.app.inject({
    method: 'PATCH',
    url: '/api/v1/admin/email/mailboxes/security@lumen-exchange.example',
    headers: admin.write,
    payload: { active: false },
  });
  expect(off.json().items.find((m: { address: string }) => m.address.startsWith('security')).active).toBe(
    false,
  );
  // An address from the environment cannot be switched off from the console.
  const configured = await desk.app.inject({
    method: 'PATCH',
    url: '/api/v1/admin/email/mailboxes/support@lumen-exchange.example',
    headers: admin.write,
    payload: { active: false },
  });
  expect(configured.statusCode).toBe(409);

  const ok = await desk.app.inject({ method: 'POST', url: '/api/v1/admin/email/test', headers: admin.write });
  expect(ok.json().relay).toMatchObject({ ok: true });
  expect(ok.json().imap).toMatchObject({ ok: true, detail: 'INBOX: 1 messages, 1 unseen' });
  relayPassword = 'rotated';
  const refused = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/test',
    headers: admin.write,
  });
  expect(refused.json().relay.ok).toBe(false);
  expect(refused.json().relay.detail).toContain('Authentication credentials invalid');

  const agent = await desk.signIn('lin');
  expect((await desk.app.inject({ url: '/api/v1/admin/email', headers: agent.read })).statusCode).toBe(403);
}, 60_000);

it("lists each mailbox's health: the last mail in, the last sent, and the last failed send in the relay's words", async () => {
  const admin = await desk.signIn('admin');
  const health = async (address: string) => {
    const view = await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read });
    return view.json().mailboxes.find((m: { address: string }) => m.address === address).health;
  };
  // An address of this test's own: no other test's mail reaches it, whatever database it shares.
  const support = `health-${Date.now()}@lumen-exchange.example`;
  const other = `health-other-${Date.now()}@lumen-exchange.example`;
  for (const address of [support, other]) {
    const added = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/mailboxes',
      headers: admin.write,
      payload: { address },
    });
    expect(added.statusCode, added.body).toBe(201);
  }
  expect(await health(support)).toEqual({ lastInAt: null, lastOutAt: null, lastError: null });
  // Rows as the inbound and outbound paths write them (those paths have their own tests).
  const at = (iso: string) => new Date(iso);
  await desk.services.db.insert(emailMessages).values([
    {
      direction: 'inbound',
      fromAddress: 'a@customer.example',
      toAddress: support,
      kind: 'mail',
      createdAt: at('2026-11-01T01:00:00Z'),
    },
    {
      direction: 'inbound',
      fromAddress: 'b@customer.example',
      toAddress: support,
      kind: 'mail',
      createdAt: at('2026-11-02T01:00:00Z'),
    },
    {
      direction: 'outbound',
      fromAddress: support,
      toAddress: 'a@customer.example',
      kind: 'reply',
      status: 'sent',
      createdAt: at('2026-11-03T01:00:00Z'),
    },
    {
      direction: 'outbound',
      fromAddress: support,
      toAddress: 'b@customer.example',
      kind: 'reply',
      status: 'failed',
      error: '550 5.1.1 mailbox unavailable',
      createdAt: at('2026-11-04T01:00:00Z'),
    },
    {
      direction: 'outbound',
      fromAddress: support,
      toAddress: 'c@customer.example',
      kind: 'reply',
      status: 'queued',
      createdAt: at('2026-11-05T01:00:00Z'),
    },
    // Another mailbox's traffic is not this one's.
    {
      direction: 'inbound',
      fromAddress: 'c@customer.example',
      toAddress: other,
      kind: 'mail',
      createdAt: at('2026-11-06T01:00:00Z'),
    },
  ]);
  expect(await health(support)).toEqual({
    lastInAt: '2026-11-02T01:00:00.000Z',
    lastOutAt: '2026-11-03T01:00:00.000Z',
    lastError: { at: '2026-11-04T01:00:00.000Z', text: '550 5.1.1 mailbox unavailable' },
  });
  expect(await health(other)).toEqual({
    lastInAt: '2026-11-06T01:00:00.000Z',
    lastOutAt: null,
    lastError: null,
  });
});
