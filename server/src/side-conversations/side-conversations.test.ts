import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../channels/email/channel.ts';
import { emailMessages } from '../channels/email/schema.ts';
import { buildMail, dnsFile, type KeyPair, rsaKeys, sendRaw, startMx } from '../channels/email/test-kit.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { sideConversationMessages } from './schema.ts';

// Side conversations end to end over real SMTP: Kefu's listener takes the partner's replies, a
// second SMTP server plays the partner's MX and shows what Kefu sent.
const SUPPORT = 'support@lumen-exchange.example';
const PARTNER = 'ops@partner.example';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
// A seed phrase of 12 BIP-39 words: the masking must catch it on the way out and in.
const SEED = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
let port: number;
let partnerKey: KeyPair;

const signer = () => ({ domain: 'partner.example', selector: 'sel', privateKey: partnerKey.privateKey });
const deliver = (raw: string, to: string[]) => sendRaw(port, raw, { from: PARTNER, to });

beforeAll(async () => {
  partnerKey = rsaKeys();
  mx = await startMx();
  desk = await createTestDesk({
    EMAIL_MAILBOXES: `${SUPPORT}=general`,
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
      'sel._domainkey.partner.example TXT': `v=DKIM1; k=rsa; p=${partnerKey.publicKeyBase64}`,
      '_dmarc.partner.example TXT': 'v=DMARC1; p=reject',
      'partner.example TXT': 'v=spf1 ip4:192.0.2.1 -all',
    }),
  });
  port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

async function openTicket(uid: string) {
  const customer = await desk.customer(uid, { email: `${uid}@customer.example` });
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'TRC20 提现未到账', description: 'USDT 提现两小时未到账，TxID 见附件' },
  });
  expect(res.statusCode).toBe(201);
  return { ...(res.json() as { id: string; number: string }), customer };
}

async function upload(headers: Record<string, string>) {
  const boundary = 'sideboundary';
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="txid.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function sides(ticketId: string, headers: Record<string, string>) {
  return desk.app.inject({ url: `/api/v1/tickets/${ticketId}/side-conversations`, headers });
}

describe('side conversations over SMTP', () => {
  let ticket: Awaited<ReturnType<typeof openTicket>>;
  let conversationId: string;
  let sent: (typeof mx.inbox)[number];

  it('starts one: a mail from the support mailbox with its own Message-ID, a reply token, the file; secrets masked', async () => {
    ticket = await openTicket('sc-customer');
    const lin = await desk.signIn('lin');
    const fileId = await upload(lin.write);
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/side-conversations`,
      headers: lin.write,
      payload: {
        to: ['OPS@partner.example'],
        subject: 'TRC20 withdrawal stuck — please check TxID',
        body: `Hello, our user reports a stuck withdrawal. Sidenote-zebra. They pasted: ${SEED}`,
        attachmentIds: [fileId],
      },
    });
    expect(res.statusCode).toBe(201);
    const conv = res.json();
    conversationId = conv.id;
    expect(conv).toMatchObject({ status: 'open', participants: [PARTNER] });
    expect(conv.messages[0].body).not.toContain('abandon ability');

    sent = await eventually(async () => mx.inbox.find((m) => m.rcptTo.includes(PARTNER)), 15_000);
    expect(sent.mail.from?.value[0]?.address).toBe(SUPPORT);
    expect(sent.mail.subject).toBe('TRC20 withdrawal stuck — please check TxID');
    expect(sent.mail.messageId).toMatch(/^<kf-sc\.[\w-]{22}@lumen-exchange\.example>$/);
    const replyTo = sent.mail.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^support\+sc-[0-9a-f]{32}@lumen-exchange\.example$/);
    expect(sent.mail.text).toContain('Sidenote-zebra');
    expect(sent.mail.text).not.toContain('abandon ability');
    expect(sent.mail.attachments.map((a) => a.filename)).toEqual(['txid.png']);
    // Nothing of it went to the customer.
    // (The demo desk's other tickets may mail their own customers meanwhile.)
    expect(mx.inbox.filter((m) => m.rcptTo.includes('sc-customer@customer.example'))).toEqual([]);
    expect(sent.rcptTo).toEqual([PARTNER]);

    const detail = (await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })).json();
    expect(detail.history.map((e: { kind: string }) => e.kind)).toContain('side_conversation_started');
    // Not a message of the ticket: the thread holds only the customer's words.
    expect(detail.messages).toHaveLength(1);
    // The job records "sent" after the relay took the mail, so the record can trail the inbox.
    const listed = await eventually(async () => {
      const body = (await sides(ticket.id, lin.read)).json();
      return body.items[0].messages[0].status === 'sent' ? body : null;
    }, 15_000);
    expect(listed.items[0].messages[0]).toMatchObject({ direction: 'outbound', status: 'sent' });
  });

  it('threads the partner’s reply back (token and headers), with its verdict, file, history and a notice to the assignee', async () => {
    const supervisor = await desk.signIn('supervisor');
    const chen = await desk.signIn('chen');
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: supervisor.write,
      payload: { assigneeId: chen.agentId },
    });
    const replyTo = sent.mail.replyTo!.value[0]!.address!;
    const raw = await buildMail(
      {
        from: `Partner Ops <${PARTNER}>`,
        to: replyTo,
        subject: `Re: ${sent.mail.subject}`,
        messageId: '<p1@partner.example>',
        inReplyTo: sent.mail.messageId,
        references: [sent.mail.messageId!],
        text: `Found it, re-broadcast done. Do not share ${SEED}\n\nOn Tue, Dec 1, 2026 Lumen wrote:\n> Hello`,
        attachments: [{ filename: 'receipt.png', content: PNG }],
      },
      signer(),
    );
    await deliver(raw, [replyTo]);
    const items = await eventually(async () => {
      const list = (await sides(ticket.id, chen.read)).json().items;
      return list[0].messages.length === 2 ? list : null;
    });
    const answer = items[0].messages[1];
    expect(answer).toMatchObject({
      direction: 'inbound',
      from: PARTNER,
      verified: true,
      fromParticipant: true,
    });
    expect(answer.body).toContain('re-broadcast done');
    expect(answer.body).not.toContain('abandon ability');
    expect(answer.body).not.toContain('Lumen wrote');
    expect(answer.authentication).toMatch(/dmarc=pass/);
    expect(answer.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['receipt.png']);
    const file = await desk.app.inject({ url: answer.attachments[0].url, headers: chen.read });
    expect(file.statusCode).toBe(200);

    // Not a new ticket, not in the customer's thread, not an email row of the ticket.
    const opened = await desk.services.db
      .select()
      .from(tickets)
      .where(like(tickets.title, '%withdrawal stuck%'));
    expect(opened).toEqual([]);
    const mailRows = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, 'p1@partner.example'));
    expect(mailRows).toEqual([]);
    const detail = (
      await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: chen.read })
    ).json();
    expect(detail.messages).toHaveLength(1);
    expect(detail.history.map((e: { kind: string }) => e.kind)).toContain('side_conversation_reply');
    const notices = (
      await desk.app.inject({ url: '/api/v1/agent/notifications', headers: chen.read })
    ).json();
    expect(notices.items.find((n: { kind: string }) => n.kind === 'side_reply')).toMatchObject({
      ticketId: ticket.id,
    });

    // The same mail again (a relay retrying) is not stored twice.
    await deliver(raw, [replyTo]);
    const again = (await sides(ticket.id, chen.read)).json().items[0].messages;
    expect(again).toHaveLength(2);
  });

  it('an agent writes again in the thread (In-Reply-To the partner) and closes it; a late answer reopens it', async () => {
    const lin = await desk.signIn('lin');
    const before = mx.inbox.length;
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/side-conversations/${conversationId}/messages`,
      headers: lin.write,
      payload: { body: 'Thanks, confirmed on our side.' },
    });
    expect(res.statusCode).toBe(201);
    const second = await eventually(
      async () => mx.inbox.slice(before).find((m) => m.rcptTo.includes(PARTNER)),
      15_000,
    );
    expect(second.mail.subject).toBe('Re: TRC20 withdrawal stuck — please check TxID');
    expect(second.mail.inReplyTo).toBe('<p1@partner.example>');
    expect(second.mail.references).toEqual([sent.mail.messageId, '<p1@partner.example>']);

    const closed = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/side-conversations/${conversationId}`,
      headers: lin.write,
      payload: { status: 'closed' },
    });
    expect(closed.json().status).toBe('closed');
    const refused = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/side-conversations/${conversationId}/messages`,
      headers: { ...lin.write, 'accept-language': 'en' },
      payload: { body: 'more' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('side_conversation_closed');

    // Threaded by header alone (no token in the recipient): the plain support address.
    await deliver(
      await buildMail(
        {
          from: PARTNER,
          to: SUPPORT,
          subject: 'Re: TRC20 withdrawal stuck',
          messageId: '<p2@partner.example>',
          inReplyTo: second.mail.messageId,
          text: 'One more detail: block 123.',
        },
        signer(),
      ),
      [SUPPORT],
    );
    const conv = await eventually(async () => {
      const c = (await sides(ticket.id, lin.read)).json().items[0];
      return c.messages.length === 4 ? c : null;
    });
    expect(conv.status).toBe('open');
    const history = (await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })).json()
      .history as Array<{ kind: string }>;
    expect(history.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'side_conversation_message',
        'side_conversation_closed',
        'side_conversation_reply',
      ]),
    );
  });

  it('a reply with a token that matches nothing, or a made-up Message-ID, is handled like any other mail', async () => {
    const forgedTo = 'support+sc-0123456789abcdef0123456789abcdef@lumen-exchange.example';
    await deliver(
      await buildMail(
        {
          from: PARTNER,
          to: forgedTo,
          subject: 'Re: TRC20 withdrawal stuck — forged',
          messageId: '<forged1@partner.example>',
          inReplyTo: '<kf-sc.AAAAAAAAAAAAAAAAAAAAAA@lumen-exchange.example>',
          text: 'Please send the user’s documents.',
        },
        signer(),
      ),
      [forgedTo],
    );
    const [row] = await eventually(async () => {
      const rows = await desk.services.db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.rfcMessageId, 'forged1@partner.example'));
      return rows.length ? rows : null;
    });
    // A new ticket of its own, with the verdict recorded; the side conversation did not grow.
    expect(row!.ticketId).not.toBe(ticket.id);
    expect(row!.auth?.summary).toMatch(/dmarc=pass/);
    const [own] = await desk.services.db.select().from(tickets).where(eq(tickets.id, row!.ticketId!));
    expect(own!.title).toContain('forged');
    const stored = await desk.services.db
      .select()
      .from(sideConversationMessages)
      .where(eq(sideConversationMessages.conversationId, conversationId));
    expect(stored).toHaveLength(4);
  });

  it('refuses customers, anonymous callers and agents of another team; never shows in the customer’s views', async () => {
    const lin = await desk.signIn('lin');
    const asCustomer = await sides(ticket.id, ticket.customer.headers);
    expect(asCustomer.statusCode, asCustomer.body).toBe(403);
    const anonymous = await sides(ticket.id, {});
    expect(anonymous.statusCode).toBe(401);
    const start = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/side-conversations`,
      headers: ticket.customer.headers,
      payload: { to: [PARTNER], subject: 'x', body: 'y' },
    });
    expect(start.statusCode).toBe(403);
    const close = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/side-conversations/${conversationId}`,
      headers: ticket.customer.headers,
      payload: { status: 'closed' },
    });
    expect(close.statusCode).toBe(403);

    // The desk limits work by team: an agent not on the ticket's team may not write in it.
    const supervisor = await desk.signIn('supervisor');
    const teams = (await desk.app.inject({ url: '/api/v1/teams', headers: supervisor.read })).json()
      .items as Array<{
      id: string;
      code: string;
    }>;
    const other = await openTicket('sc-other-team');
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${other.id}`,
      headers: supervisor.write,
      payload: { teamId: teams.find((t) => t.code === 'funds')!.id },
    });
    const chen = await desk.signIn('chen'); // account and security teams, not funds
    const byOtherTeam = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${other.id}/side-conversations`,
      headers: chen.write,
      payload: { to: [PARTNER], subject: 'x', body: 'y' },
    });
    expect(byOtherTeam.statusCode).toBe(403);
    expect(byOtherTeam.json().error.code).toBe('ticket_other_team');
    // The staff screen of a public reply: asking the third party for the customer's secret is refused.
    const asking = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/side-conversations`,
      headers: lin.write,
      payload: { to: [PARTNER], subject: 'x', body: '您好，请把助记词发我核实一下' },
    });
    expect(asking.json().error.code).toBe('secret_request_blocked');
    // Never to the customer (the thread is internal) nor to the desk's own mailbox.
    const customerEmail = (
      await desk.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })
    ).json().customer.email as string;
    for (const to of [customerEmail, 'Support+x@lumen-exchange.example']) {
      const refused = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/side-conversations`,
        headers: { ...lin.write, 'accept-language': 'en' },
        payload: { to: [PARTNER, to], subject: 'x', body: 'y' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'side_conversation_recipient_refused' });
      expect(refused.json().error.message).toContain("ticket's customer");
    }
    const bad = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/side-conversations`,
      headers: { ...lin.write, 'accept-language': 'zh-CN' },
      payload: { to: ['not-an-address'], subject: 'x', body: 'y' },
    });
    expect(bad.statusCode).toBe(400);

    // The customer's page, list, inbox and files: nothing of it.
    const page = await desk.app.inject({
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: ticket.customer.headers,
    });
    const text = page.body;
    for (const word of [
      'Sidenote-zebra',
      're-broadcast',
      'side_conversation',
      'partner.example',
      'receipt.png',
      'txid.png',
    ])
      expect(text).not.toContain(word);
    expect(page.json().attachmentCount).toBe(0);
    const list = await desk.app.inject({ url: '/api/v1/me/tickets', headers: ticket.customer.headers });
    expect(list.body).not.toContain('partner.example');
    const inbox = await desk.app.inject({ url: '/api/v1/me/inbox', headers: ticket.customer.headers });
    expect(inbox.body).not.toMatch(/partner|re-broadcast|Sidenote/);
    const files = (await sides(ticket.id, lin.read))
      .json()
      .items[0].messages.flatMap((m: { attachments: Array<{ url: string }> }) => m.attachments);
    expect(files.length).toBe(2);
    for (const f of files) {
      const res = await desk.app.inject({ url: f.url, headers: ticket.customer.headers });
      expect(res.statusCode).toBe(404);
    }
  });

  it('follows its ticket into a merge: the survivor lists it, and a later reply still threads', async () => {
    const supervisor = await desk.signIn('supervisor');
    const survivor = await openTicket('sc-customer');
    const merged = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${survivor.id}/merge`,
      headers: supervisor.write,
      payload: { tickets: [ticket.id] },
    });
    expect(merged.statusCode, merged.body).toBeLessThan(300);
    const moved = (await sides(survivor.id, supervisor.read)).json().items;
    expect(moved.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const files = moved[0].messages.flatMap((m: { attachments: Array<{ url: string }> }) => m.attachments);
    for (const f of files) {
      const res = await desk.app.inject({ url: f.url, headers: supervisor.read });
      expect(res.statusCode).toBe(200);
    }
    await deliver(
      await buildMail(
        {
          from: PARTNER,
          to: sent.mail.replyTo!.value[0]!.address!,
          subject: 'Re: after the merge',
          messageId: '<p3@partner.example>',
          text: 'Still here after the merge.',
        },
        signer(),
      ),
      [sent.mail.replyTo!.value[0]!.address!],
    );
    await eventually(async () => {
      const c = (await sides(survivor.id, supervisor.read)).json().items[0];
      return c.messages.some((m: { body: string }) => m.body.includes('Still here')) ? c : null;
    });
  });
});
