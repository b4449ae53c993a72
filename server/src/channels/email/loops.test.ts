import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { messages } from '../../tickets/schema.ts';
import type { EmailChannel } from './channel.ts';
import { emailMessages } from './schema.ts';
import { buildMail, dnsFile, type Received, sendRaw, startMx } from './test-kit.ts';

const SUPPORT = 'support@lumen-exchange.example';
const DNS = {
  'responder.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
  '_dmarc.responder.example TXT': 'v=DMARC1; p=none',
  'spfok.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
  '_dmarc.spfok.example TXT': 'v=DMARC1; p=reject',
};

describe('mail loops and noise', () => {
  let desk: TestDesk;
  let mx: Awaited<ReturnType<typeof startMx>>;
  let port = 0;
  let n = 0;

  // Answers every mail Kefu sends it, like a badly made auto-responder: no Auto-Submitted, a fresh
  // subject, no threading headers. The threaded one answers in the thread.
  async function autoRespond(m: Received) {
    const to = m.rcptTo[0];
    if (to === 'bot@responder.example') {
      n += 1;
      const raw = await buildMail({
        from: to,
        to: SUPPORT,
        subject: `I am away (${n})`,
        text: 'I am on holiday.',
      });
      await sendRaw(port, raw, { from: to, to: [SUPPORT] }).catch(() => undefined);
    }
    if (to === 'threaded@responder.example') {
      const raw = await buildMail({
        from: to,
        to: SUPPORT,
        subject: 'I am away',
        inReplyTo: m.mail.messageId!,
        references: [m.mail.messageId!],
        text: 'away',
      });
      await sendRaw(port, raw, { from: to, to: [SUPPORT] }).catch(() => undefined);
    }
  }

  beforeAll(async () => {
    mx = await startMx((m) => void autoRespond(m));
    desk = await createTestDesk({
      EMAIL_MAILBOXES: SUPPORT,
      SMTP_PORT: '0',
      SMTP_HOST: '127.0.0.1',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
      EMAIL_ACKS_PER_DAY: '3',
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile(DNS),
    });
    port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  }, 30_000);
  afterAll(async () => {
    await desk?.close();
    await mx?.close();
  });

  const acksTo = (address: string) => mx.inbox.filter((m) => m.rcptTo.includes(address)).length;
  const inboundFrom = (address: string) =>
    desk.services.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.fromAddress, address), eq(emailMessages.direction, 'inbound')));

  it('stops a loop with an auto-responder that ignores Auto-Submitted', async () => {
    await sendRaw(
      port,
      await buildMail({ from: 'bot@responder.example', to: SUPPORT, subject: 'hello', text: 'hi' }),
      { from: 'bot@responder.example', to: [SUPPORT] },
    );
    await eventually(
      async () =>
        acksTo('bot@responder.example') >= 3 && (await inboundFrom('bot@responder.example')).length >= 4,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(acksTo('bot@responder.example')).toBe(3);
    expect((await inboundFrom('bot@responder.example')).length).toBe(4);
  }, 30_000);

  it('threads an in-thread auto-reply into its ticket without acknowledging it again', async () => {
    await sendRaw(
      port,
      await buildMail({ from: 'threaded@responder.example', to: SUPPORT, subject: 'question', text: 'q' }),
      { from: 'threaded@responder.example', to: [SUPPORT] },
    );
    const rows = await eventually(async () => {
      const r = await inboundFrom('threaded@responder.example');
      return r.length === 2 ? r : null;
    });
    expect(rows[0]!.ticketId).toBe(rows[1]!.ticketId);
    const thread = await desk.services.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, rows[0]!.ticketId!));
    expect(thread).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(acksTo('threaded@responder.example')).toBe(1);
  });

  it('never acknowledges automated, list or own mail', async () => {
    const cases = [
      { from: 'polite@responder.example', headers: { 'Auto-Submitted': 'auto-replied' } },
      { from: 'news@responder.example', headers: { Precedence: 'bulk' } },
      { from: 'list@responder.example', headers: { 'List-Id': '<news.responder.example>' } },
      { from: SUPPORT, headers: {} },
    ];
    for (const c of cases) {
      await sendRaw(
        port,
        await buildMail({ from: c.from, to: SUPPORT, subject: 'notice', text: 'x', headers: c.headers }),
        { from: c.from, to: [SUPPORT] },
      );
    }
    await new Promise((r) => setTimeout(r, 2000));
    for (const c of cases) expect(acksTo(c.from)).toBe(0);
    expect((await inboundFrom('polite@responder.example'))[0]!.kind).toBe('automated');
    expect(await inboundFrom(SUPPORT)).toHaveLength(0);
  });
});

describe('delivery failures and rate limits', () => {
  let desk: TestDesk;
  let port = 0;

  beforeAll(async () => {
    // A relay that is not there: every send fails.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const closed = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    // A self-signed certificate for STARTTLS on the listener.
    const dir = await mkdtemp(join(tmpdir(), 'kefu-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=mx.lumen-exchange.example',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    desk = await createTestDesk({
      EMAIL_MAILBOXES: SUPPORT,
      SMTP_PORT: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_TLS_KEY_FILE: join(dir, 'key.pem'),
      SMTP_TLS_CERT_FILE: join(dir, 'cert.pem'),
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${closed}`,
      EMAIL_PER_SENDER_PER_HOUR: '2',
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile(DNS),
    });
    port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  }, 30_000);
  afterAll(async () => desk?.close());

  it('shows a reply that finally failed on the ticket', async () => {
    await sendRaw(
      port,
      await buildMail({
        from: 'dave@spfok.example',
        to: SUPPORT,
        subject: 'help',
        messageId: '<d1@spfok.example>',
        text: 'help',
      }),
      { from: 'dave@spfok.example', to: [SUPPORT] },
    );
    const [row] = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, 'd1@spfok.example'));
    const lin = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: lin.write,
      payload: { body: 'on it' },
    });
    const channel = desk.services.channels.get('email') as unknown as EmailChannel;
    await expect(
      channel.sendReply({ ticketId: row!.ticketId!, messageId: res.json().id }, { finalAttempt: true }),
    ).rejects.toThrow();
    const detail = (
      await desk.app.inject({ url: `/api/v1/tickets/${row!.ticketId}`, headers: lin.read })
    ).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toContain('email_send_failed');
    expect(detail.email.find((e: { kind: string }) => e.kind === 'reply')).toMatchObject({
      status: 'failed',
    });
  });

  it('refuses a sender over the hourly limit with a temporary error', async () => {
    const send = (i: number) =>
      buildMail({ from: 'erin@spfok.example', to: SUPPORT, subject: `s${i}`, text: 'x' }).then((raw) =>
        sendRaw(port, raw, { from: 'erin@spfok.example', to: [SUPPORT] }),
      );
    await send(1);
    await send(2);
    await expect(send(3)).rejects.toMatchObject({ responseCode: 450 });
  });

  it('offers STARTTLS when a certificate is configured', async () => {
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    try {
      const raw = await buildMail({
        from: 'hana@spfok.example',
        to: SUPPORT,
        subject: 'over tls',
        messageId: '<t1@spfok.example>',
        text: 'x',
      });
      await client.sendMail({ envelope: { from: 'hana@spfok.example', to: [SUPPORT] }, raw });
    } finally {
      client.close();
    }
    const [row] = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, 't1@spfok.example'));
    expect(row?.ticketId).toBeTruthy();
  });

  it('refuses mail for addresses that are not a support mailbox', async () => {
    const raw = await buildMail({
      from: 'erin@spfok.example',
      to: 'someone@elsewhere.example',
      subject: 'relay?',
      text: 'x',
    });
    await expect(
      sendRaw(port, raw, { from: 'frank@spfok.example', to: ['someone@elsewhere.example'] }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });
});
