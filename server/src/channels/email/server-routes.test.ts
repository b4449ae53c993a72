import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../audit/schema.ts';
import { settings } from '../../desk/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import type { EmailChannel } from './channel.ts';
import { seal } from './server-settings.ts';
import { buildMail, dnsFile, mailDeskEnv, rsaKeys, sendRaw, startMx } from './test-kit.ts';

const SUPPORT = 'support@lumen-exchange.example';
const SECRET = 'relay-s3cret-!@:/';

let desk: TestDesk;
let envRelay: Awaited<ReturnType<typeof startMx>>;
let consoleRelay: SMTPServer;
let consolePort: number;
const consoleInbox: { raw: string; subject: string; to: string }[] = [];

beforeAll(async () => {
  envRelay = await startMx();
  // The relay an admin moves to: it wants a password, and refuses a wrong one in its own words.
  consoleRelay = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kefu' && auth.password === SECRET) return callback(null, { user: 'kefu' });
      callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((mail) => {
          consoleInbox.push({
            raw: raw.toString('utf8'),
            subject: mail.subject ?? '',
            to: mail.to ? String((mail.to as { text: string }).text) : '',
          });
          callback(null);
        }, callback);
      });
    },
  });
  await new Promise<void>((r) => consoleRelay.listen(0, '127.0.0.1', () => r()));
  consolePort = (consoleRelay.server.address() as AddressInfo).port;
  desk = await createTestDesk(
    mailDeskEnv(envRelay.port, {
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
        // 127.0.0.1 may send for spfok.example: its mail is an ordinary customer's, and is acknowledged.
        'spfok.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
        '_dmarc.spfok.example TXT': 'v=DMARC1; p=none',
      }),
    }),
  );
}, 60_000);

afterAll(async () => {
  await desk?.close();
  await envRelay?.close();
  await new Promise<void>((r) => consoleRelay?.close(() => r()));
});

async function mailIn(n: number) {
  const port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  const from = `carol${n}@spfok.example`;
  const raw = await buildMail({
    from,
    to: SUPPORT,
    subject: `Question ${n}`,
    messageId: `<q${n}@spfok.example>`,
    text: 'Hello',
  });
  await sendRaw(port, raw, { from, to: [SUPPORT] });
  return from;
}

const relayBody = (extra: Record<string, unknown> = {}) => ({
  relay: { host: '127.0.0.1', port: consolePort, secure: false, user: 'kefu', password: SECRET, ...extra },
});

it('lets only an admin see or change the servers', async () => {
  const anonymous = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    payload: relayBody(),
  });
  expect(anonymous.statusCode).toBe(401);
  for (const who of ['supervisor', 'lin'] as const) {
    const auth = await desk.signIn(who);
    const put = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/email/servers',
      headers: auth.write,
      payload: relayBody(),
    });
    expect(put.statusCode).toBe(403);
    const test = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/test',
      headers: auth.write,
      payload: relayBody(),
    });
    expect(test.statusCode).toBe(403);
  }
  const [row] = await desk.services.db.select().from(settings).where(eq(settings.key, 'email_servers'));
  expect(row).toBeUndefined();
});

it('refuses bad values with a 400 in the caller language', async () => {
  const admin = await desk.signIn('admin');
  const bad = [
    relayBody({ port: 0 }),
    relayBody({ port: 65536 }),
    relayBody({ host: 'relay.example/evil' }),
    relayBody({ host: 'user:pw@relay.example' }),
    relayBody({ secure: 'yes' }),
    relayBody({ extra: 1 }),
    { imap: { host: 'imap.example', port: 993, secure: true, user: '' } },
    { dkim: { domain: 'lumen-exchange.example', selector: 'kefu', privateKey: 'not a key' } },
    { dkim: { domain: 'lumen-exchange.example', selector: 'kefu' } },
    {},
  ];
  for (const payload of bad) {
    const res = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/email/servers',
      headers: { ...admin.write, 'accept-language': 'zh-CN' },
      payload,
    });
    expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(/^提交的内容有误/);
  }
  const en = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    headers: { ...admin.write, 'accept-language': 'en' },
    payload: relayBody({ port: 0 }),
  });
  expect(en.json().error.message).toMatch(/^The request is not valid/);
});

it('tests edited values before saving, saves them sealed, and sends through them without a restart', async () => {
  const admin = await desk.signIn('admin');
  // Before: the relay from the environment carries the acknowledgement.
  const first = await mailIn(1);
  await eventually(async () => envRelay.inbox.find((m) => m.rcptTo.includes(first)));

  // The edited values are tried before saving: a wrong password gets the relay's own refusal.
  const wrong = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/test',
    headers: admin.write,
    payload: relayBody({ password: 'wrong' }),
  });
  expect(wrong.statusCode).toBe(200);
  expect(wrong.json().relay).toMatchObject({ ok: false });
  expect(wrong.json().relay.detail).toContain('Authentication credentials invalid');
  const right = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/test',
    headers: admin.write,
    payload: relayBody(),
  });
  expect(right.json().relay).toMatchObject({ ok: true });
  // Testing saved nothing: the environment's relay is still the one shown.
  const still = (await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read })).json();
  expect(still.relay).toMatchObject({ port: envRelay.port, source: 'environment', passwordSet: false });

  const saved = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    headers: admin.write,
    payload: relayBody(),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(saved.json().relay).toEqual({
    host: '127.0.0.1',
    port: consolePort,
    secure: false,
    user: 'kefu',
    passwordSet: true,
    folder: null,
    source: 'console',
  });
  const view = await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read });
  for (const body of [saved.body, view.body]) expect(body).not.toContain('s3cret');
  // Sealed at rest: the stored setting holds no password in clear, nor does the audit log.
  const [row] = await desk.services.db.select().from(settings).where(eq(settings.key, 'email_servers'));
  expect(JSON.stringify(row!.value)).not.toContain('s3cret');
  const entries = await desk.services.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'mailbox.servers.update'));
  expect(entries).toHaveLength(1);
  expect(entries[0]!.data).toMatchObject({ set: ['relay'], secretsReplaced: ['relay.password'] });
  expect(JSON.stringify(entries)).not.toContain('s3cret');

  // No restart: the next acknowledgement goes through the relay just saved, signed in with the password.
  const second = await mailIn(2);
  const sent = await eventually(async () => consoleInbox.find((m) => m.to.includes(second)));
  expect(sent.subject).toContain('Question 2');
  expect(envRelay.inbox.some((m) => m.rcptTo.includes(second))).toBe(false);

  // An edit with the password left empty keeps it; the saved values then test fine.
  const kept = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    headers: admin.write,
    payload: relayBody({ password: '' }),
  });
  expect(kept.json().relay.passwordSet).toBe(true);
  const savedTest = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/email/test',
    headers: admin.write,
  });
  expect(savedTest.json().relay, savedTest.body).toMatchObject({ ok: true });

  // A DKIM key set in the console signs what goes out from then on.
  const key = rsaKeys();
  const dkim = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    headers: admin.write,
    payload: { dkim: { domain: 'lumen-exchange.example', selector: 'console', privateKey: key.privateKey } },
  });
  expect(dkim.json().dkim).toEqual({
    domain: 'lumen-exchange.example',
    selector: 'console',
    privateKeySet: true,
    source: 'console',
  });
  expect(dkim.body).not.toContain('PRIVATE KEY');
  const third = await mailIn(3);
  const signed = await eventually(async () => consoleInbox.find((m) => m.to.includes(third)));
  expect(signed.raw).toMatch(/DKIM-Signature:[\s\S]*s=console/);

  // Sealed under another APP_SECRET (a node started with a new one): the console names what to type again.
  expect(
    (await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read })).json().unreadable,
  ).toEqual([]);
  const [stored] = await desk.services.db.select().from(settings).where(eq(settings.key, 'email_servers'));
  const value = stored!.value as { relay: { password: string } };
  await desk.services.db
    .update(settings)
    .set({
      value: {
        ...value,
        relay: { ...value.relay, password: seal('another-app-secret-of-another-node-0000', 's3cret') },
      },
    })
    .where(eq(settings.key, 'email_servers'));
  const unreadable = await desk.app.inject({ url: '/api/v1/admin/email', headers: admin.read });
  expect(unreadable.json().unreadable).toEqual(['relay.password']);
  expect(unreadable.body).not.toContain('s3cret');

  // Removing the console's relay falls back on the environment's.
  const back = await desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/email/servers',
    headers: admin.write,
    payload: { relay: null },
  });
  expect(back.json().relay).toMatchObject({ port: envRelay.port, source: 'environment' });
  const fourth = await mailIn(4);
  await eventually(async () => envRelay.inbox.find((m) => m.rcptTo.includes(fourth)));
}, 60_000);
