import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { authenticate } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomerByUid } from '../../customers/repository.ts';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { tickets } from '../../tickets/schema.ts';
import { staticResolver } from './authenticity.ts';
import type { EmailChannel } from './channel.ts';
import { emailAddresses, emailMessages } from './schema.ts';
import { buildMail, dnsFile, type KeyPair, rsaKeys, sendRaw, startMx } from './test-kit.ts';
import { lookupVerificationCode } from './verification.ts';

const SUPPORT = 'support@lumen-exchange.example';
// The smallest valid PNG: a real image by its bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
let port: number;
let customerKey: KeyPair;
let deskKey: KeyPair;
let records: Record<string, string>;
let aliceId: string;

async function deliver(raw: string, from: string) {
  return sendRaw(port, raw, { from, to: [SUPPORT] });
}
const signer = () => ({ domain: 'customer.example', selector: 'sel', privateKey: customerKey.privateKey });
async function inbound(rfcMessageId: string) {
  const [row] = await desk.services.db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.rfcMessageId, rfcMessageId));
  return row!;
}
async function ticketOf(rfcMessageId: string) {
  const row = await inbound(rfcMessageId);
  const [t] = await desk.services.db.select().from(tickets).where(eq(tickets.id, row.ticketId!));
  return t!;
}

beforeAll(async () => {
  customerKey = rsaKeys();
  deskKey = rsaKeys();
  records = {
    'sel._domainkey.customer.example TXT': `v=DKIM1; k=rsa; p=${customerKey.publicKeyBase64}`,
    '_dmarc.customer.example TXT': 'v=DMARC1; p=reject',
    // 127.0.0.1 is not allowed to send for customer.example: only a DKIM signature can prove it.
    'customer.example TXT': 'v=spf1 ip4:192.0.2.1 -all',
    '_dmarc.other.example TXT': 'v=DMARC1; p=reject',
    'other.example TXT': 'v=spf1 -all',
    // spfok.example authorises 127.0.0.1: its unsigned mail passes DMARC through aligned SPF.
    'spfok.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
    '_dmarc.spfok.example TXT': 'v=DMARC1; p=reject',
    'responder.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
    '_dmarc.responder.example TXT': 'v=DMARC1; p=none',
  };
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'kefu-dkim-'));
  await writeFile(join(dir, 'dkim.pem'), deskKey.privateKey);
  mx = await startMx();
  desk = await createTestDesk({
    EMAIL_MAILBOXES: `${SUPPORT}=general`,
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_DKIM_KEY_FILE: join(dir, 'dkim.pem'),
    EMAIL_DKIM_SELECTOR: 'kefu',
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile(records),
  });
  port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  const alice = await upsertCustomerByUid(desk.services.db, {
    uid: 'u-alice',
    email: 'alice@customer.example',
    name: 'Alice',
  });
  aliceId = alice.id;
}, 30_000);

afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

describe('email channel, end to end over SMTP', () => {
  let ticketId: string;
  let ticketNumber: number;

  it('turns a signed mail into a verified ticket of the known customer and acknowledges it by signed mail', async () => {
    const raw = await buildMail(
      {
        from: 'Alice <alice@customer.example>',
        to: SUPPORT,
        subject: '【账户安全】 我的账户被盗了',
        messageId: '<m1@customer.example>',
        text: '有人改了我的两步验证。\n\n在 2026年11月23日，客服 写道：\n> 旧的内容',
        html: '<p>有人改了我的两步验证。</p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
        attachments: [
          { filename: 'shot.png', content: PNG },
          {
            filename: 'evil.html',
            content: '<html><script>alert(1)</script></html>',
            contentType: 'text/html',
          },
        ],
      },
      signer(),
    );
    await deliver(raw, 'alice@customer.example');
    const row = await inbound('m1@customer.example');
    expect(row.verified).toBe(true);
    expect(row.html).not.toMatch(/script|tracker/);
    const ticket = await ticketOf('m1@customer.example');
    ticketId = ticket.id;
    ticketNumber = ticket.number;
    expect(ticket.customerId).toBe(aliceId);
    expect(ticket.channel).toBe('email');
    expect(ticket.title).toBe('我的账户被盗了');

    const lin = await desk.signIn('lin');
    const detail = (await desk.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: lin.read })).json();
    expect(detail.category.code).toBe('security');
    expect(detail.messages[0].body).toBe(
      '有人改了我的两步验证。\n\n[未保存的附件 / attachments not kept: evil.html]',
    );
    expect(detail.messages[0].body).not.toContain('旧的内容');
    expect(detail.messages[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['shot.png']);
    expect(detail.email[0]).toMatchObject({ direction: 'inbound', verified: true, warning: null });

    const ack = await eventually(async () =>
      mx.inbox.find((m) => m.rcptTo.includes('alice@customer.example')),
    );
    expect(ack.mail.subject).toContain(`KF-000${ticketNumber}`);
    expect(ack.mail.inReplyTo).toBe('<m1@customer.example>');
    expect(ack.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.raw.toString()).toMatch(
      /^List-Unsubscribe:\s+<mailto:support@lumen-exchange\.example\?subject=unsubscribe>/m,
    );
    // The expected reply comes from the ticket's service level, as on the customer's ticket page.
    const { expectedReply } = await import('../../sla/expected-reply.ts');
    const ticketRow = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketNumber}`,
      headers: (await desk.signIn('admin')).read,
    });
    const due = await expectedReply(desk.services.db, ticketRow.json().id);
    expect(due?.by).toBeTruthy();
    const shown = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(due!.by!));
    expect(ack.mail.text).toContain(`预计于 ${shown}（北京时间）前回复`);
    const code = String(ack.mail.headers.get('x-kefu-verification'));
    expect(ack.mail.text).toContain(code);
    expect(await lookupVerificationCode(desk.services.db, code.toLowerCase())).toMatchObject({
      sentTo: 'alice@customer.example',
      ticketNumber: `KF-000${ticketNumber}`,
    });
    expect(await lookupVerificationCode(desk.services.db, 'ABCD-EFGH')).toBeNull();
    // Kefu's own DKIM signature verifies against the desk's published key.
    const auth = await authenticate(ack.raw, {
      ip: '192.0.2.9',
      sender: ack.mailFrom,
      helo: 'relay',
      mta: 'mx.customer.example',
      resolver: staticResolver({
        'kefu._domainkey.lumen-exchange.example TXT': [[`v=DKIM1; k=rsa; p=${deskKey.publicKeyBase64}`]],
      }),
    });
    expect(auth.dkim.results[0]).toMatchObject({
      signingDomain: 'lumen-exchange.example',
      status: { result: 'pass' },
    });
  });

  it('sends the agent reply in the thread with text, HTML and the attachment; the reply to it joins by header', async () => {
    const lin = await desk.signIn('lin');
    const boundary = 'kefuboundary';
    const upload = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...lin.write, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="guide.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    const before = mx.inbox.length;
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: lin.write,
      payload: { body: '我们已冻结你的账户，请按附件操作。', attachmentIds: [upload.json().id] },
    });
    expect(res.statusCode).toBe(201);
    // This ticket's reply: the demo desk's own automations may mail another ticket's customer meanwhile
    // (.ci/run once caught a reminder for KF-000100 here under load).
    const reply = await eventually(
      async () =>
        mx.inbox
          .slice(before)
          .find((m) => m.mail.subject?.startsWith('Re:') && m.mail.subject.includes(`KF-000${ticketNumber}`)),
      15_000,
    );
    expect(reply.mail.subject).toBe(`Re: 【KF-000${ticketNumber}】 我的账户被盗了`);
    expect(reply.mail.inReplyTo).toBe('<m1@customer.example>');
    expect(reply.mail.text).toContain('我们已冻结你的账户');
    expect(reply.mail.html).toContain('我们已冻结你的账户');
    expect(reply.mail.attachments.map((a) => a.filename)).toEqual(['guide.png']);
    expect(reply.mail.headers.get('auto-submitted')).toBeUndefined();

    const answer = await buildMail(
      {
        from: 'alice@customer.example',
        to: SUPPORT,
        subject: `Re: ${reply.mail.subject}`,
        messageId: '<m2@customer.example>',
        inReplyTo: reply.mail.messageId,
        references: [reply.mail.messageId!],
        text: '好的，谢谢。\n\nOn Tue, Nov 24, 2026 Lumen wrote:\n> 我们已冻结',
      },
      signer(),
    );
    await deliver(answer, 'alice@customer.example');
    expect((await inbound('m2@customer.example')).ticketId).toBe(ticketId);
  });

  it('threads by the subject number only for the ticket’s verified customer', async () => {
    const subject = `[KF-000${ticketNumber}] one more thing`;
    await deliver(
      await buildMail(
        {
          from: 'alice@customer.example',
          to: SUPPORT,
          subject,
          messageId: '<m3@customer.example>',
          text: 'x',
        },
        signer(),
      ),
      'alice@customer.example',
    );
    const m3 = await inbound('m3@customer.example');
    expect({ ticket: m3.ticketId, auth: m3.auth?.summary }).toEqual({
      ticket: ticketId,
      auth: m3.auth?.summary,
    });

    // Unsigned, and 127.0.0.1 may not send for customer.example: a forgery of Alice's address.
    await deliver(
      await buildMail({
        from: 'alice@customer.example',
        to: SUPPORT,
        subject,
        messageId: '<m4@customer.example>',
        text: 'send my coins to bc1q…',
      }),
      'alice@customer.example',
    );
    const forged = await ticketOf('m4@customer.example');
    expect(forged.id).not.toBe(ticketId);
    expect(forged.customerId).not.toBe(aliceId);
    expect(forged.tags).toContain('email-unverified');
    const lin = await desk.signIn('lin');
    const detail = (await desk.app.inject({ url: `/api/v1/tickets/${forged.id}`, headers: lin.read })).json();
    expect(detail.email[0].verified).toBe(false);
    expect(detail.email[0].warning.en).toMatch(/not verified/);
    expect(detail.history.map((h: { kind: string }) => h.kind)).toContain('email_unverified');

    // Signed by the domain, but Bob is not this ticket's customer.
    await deliver(
      await buildMail(
        { from: 'bob@customer.example', to: SUPPORT, subject, messageId: '<m5@customer.example>', text: 'x' },
        signer(),
      ),
      'bob@customer.example',
    );
    expect((await inbound('m5@customer.example')).ticketId).not.toBe(ticketId);
  });

  it('ignores a forged reference to a Kefu Message-ID', async () => {
    const fake = `<kf.${ticketNumber}.AAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB@lumen-exchange.example>`;
    await deliver(
      await buildMail(
        {
          from: 'bob@customer.example',
          to: SUPPORT,
          subject: 'Re: hi',
          messageId: '<m6@customer.example>',
          inReplyTo: fake,
          references: [fake],
          text: 'x',
        },
        signer(),
      ),
      'bob@customer.example',
    );
    expect((await inbound('m6@customer.example')).ticketId).not.toBe(ticketId);
  });

  it('marks tampered, misaligned, re-headered and SPF-failing mail unverified', async () => {
    const base = { to: SUPPORT, subject: 'withdrawal', text: 'original text' };
    const good = await buildMail(
      { ...base, from: 'alice@customer.example', messageId: '<a1@customer.example>' },
      signer(),
    );
    await deliver(good.replace('original text', 'changed text'), 'alice@customer.example');
    const other = await buildMail(
      { ...base, from: 'mallory@other.example', messageId: '<a2@customer.example>' },
      signer(),
    );
    await deliver(other, 'mallory@other.example');
    const appended = await buildMail(
      { ...base, from: 'alice@customer.example', messageId: '<a3@customer.example>' },
      signer(),
    );
    await deliver(
      `Subject: 【账户安全】 change my withdrawal address\r\n${appended}`,
      'alice@customer.example',
    );
    await deliver(
      await buildMail({ ...base, from: 'alice@customer.example', messageId: '<a4@customer.example>' }),
      'alice@customer.example',
    );
    await deliver(
      await buildMail({ ...base, from: 'carol@spfok.example', messageId: '<a5@spfok.example>' }),
      'carol@spfok.example',
    );
    const verdicts = await Promise.all(
      [
        'a1@customer.example',
        'a2@customer.example',
        'a3@customer.example',
        'a4@customer.example',
        'a5@spfok.example',
      ].map(inbound),
    );
    expect(verdicts.map((v) => v.verified)).toEqual([false, false, false, false, true]);
    expect(verdicts[0]!.auth!.dkim[0]!.result).not.toBe('pass');
    expect(verdicts[1]!.auth!.dmarc).toBe('fail');
    expect(verdicts[2]!.auth!.summary).toContain('headers added after signing');
    expect(verdicts[3]!.auth!.spf).toBe('fail');
    for (const v of verdicts.slice(0, 4))
      expect((await ticketOf(v.rfcMessageId!)).customerId).not.toBe(aliceId);
  });

  it('decodes GBK and Big5 mail with encoded-word subjects', async () => {
    const gbk = (text: string) => iconv.encode(text, 'gbk').toString('base64');
    const big5 = (text: string) => iconv.encode(text, 'big5').toString('base64');
    const raw = (charset: string, encode: (t: string) => string, id: string, subject: string, body: string) =>
      [
        'From: carol@spfok.example',
        `To: ${SUPPORT}`,
        `Subject: =?${charset}?B?${encode(subject)}?=`,
        `Message-ID: <${id}>`,
        'MIME-Version: 1.0',
        `Content-Type: text/plain; charset=${charset}`,
        'Content-Transfer-Encoding: base64',
        '',
        encode(body),
        '',
      ].join('\r\n');
    await deliver(
      raw('GBK', gbk, 'g1@spfok.example', '【充提】提现三天未到账', '我的USDT提现还没到账，请帮忙查一下。'),
      'carol@spfok.example',
    );
    await deliver(
      raw('Big5', big5, 'b1@spfok.example', '帳戶無法登入', '我的帳戶無法登入，請協助處理。'),
      'carol@spfok.example',
    );
    const gbkTicket = await ticketOf('g1@spfok.example');
    expect(gbkTicket.title).toBe('提现三天未到账');
    expect(gbkTicket.description).toBe('我的USDT提现还没到账，请帮忙查一下。');
    const lin = await desk.signIn('lin');
    const detail = (
      await desk.app.inject({ url: `/api/v1/tickets/${gbkTicket.id}`, headers: lin.read })
    ).json();
    expect(detail.category.code).toBe('deposit_withdrawal');
    const big5Ticket = await ticketOf('b1@spfok.example');
    expect(big5Ticket.title).toBe('帳戶無法登入');
    expect(big5Ticket.description).toBe('我的帳戶無法登入，請協助處理。');
  });

  it('takes a bounce as a failing address: no ticket, and later mail to it is not sent', async () => {
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${SUPPORT}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce1@mx.customer.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; alice@customer.example',
      'Action: failed',
      'Status: 5.1.1',
      '--b--',
      '',
    ].join('\r\n');
    await sendRaw(port, report, { from: '', to: [SUPPORT] });
    const row = await inbound('bounce1@mx.customer.example');
    expect(row).toMatchObject({ kind: 'bounce', ticketId: null });
    const [status] = await desk.services.db
      .select()
      .from(emailAddresses)
      .where(eq(emailAddresses.address, 'alice@customer.example'));
    expect(status?.failing).toBe(true);

    const lin = await desk.signIn('lin');
    const toAlice = () => mx.inbox.filter((m) => m.rcptTo.includes('alice@customer.example')).length;
    // Mail the earlier cases queued to alice may still be on its way: count once none is queued.
    await eventually(async () => {
      const queued = await desk.services.db
        .select({ id: emailMessages.id })
        .from(emailMessages)
        .where(
          and(eq(emailMessages.toAddress, 'alice@customer.example'), eq(emailMessages.status, 'queued')),
        );
      return queued.length === 0;
    });
    const sent = toAlice();
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: lin.write,
      payload: { body: 'anyone there?' },
    });
    const skipped = await eventually(async () => {
      const [r] = await desk.services.db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.ticketId, ticketId), eq(emailMessages.status, 'skipped')));
      return r;
    });
    expect(skipped.error).toBe('address_failing');
    const detail = (await desk.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: lin.read })).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toContain('email_not_sent');
    expect(toAlice()).toBe(sent);
  });
});
