import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../channels/email/channel.ts';
import {
  buildMail,
  dnsFile,
  type KeyPair,
  mailDeskEnv,
  rsaKeys,
  sendRaw,
  startMx,
} from '../channels/email/test-kit.ts';
import {
  createTrigger,
  firingsOf,
  type HistoryRow,
  openCustomerTicket,
  staffDetail,
  startWebhookReceiver,
} from '../testing/automation-kit.ts';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { ticketSubscribers } from '../tickets/event-bus.ts';

// A side conversation's activity is a ticket event (side_conversation.started, .message_sent,
// .reply_received, .closed, .reopened): a trigger fires on the partner's reply, a webhook
// subscription receives each event without any mail's text, and the customer sees none of it.
const PARTNER = 'ops@partner.example';
const OUR_WORDS = 'Sidenote-zebra';
const PARTNER_WORDS = 'Partner-walrus';
const SIDE_EVENTS = [
  'side_conversation.started',
  'side_conversation.message_sent',
  'side_conversation.reply_received',
  'side_conversation.closed',
  'side_conversation.reopened',
];

let desk: TestDesk;
let admin: AgentAuth;
let mx: Awaited<ReturnType<typeof startMx>>;
let smtpPort: number;
let partnerKey: KeyPair;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  partnerKey = rsaKeys();
  mx = await startMx();
  desk = await createTestDesk(
    mailDeskEnv(mx.port, {
      EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
        'sel._domainkey.partner.example TXT': `v=DKIM1; k=rsa; p=${partnerKey.publicKeyBase64}`,
        '_dmarc.partner.example TXT': 'v=DMARC1; p=reject',
        'partner.example TXT': 'v=spf1 ip4:192.0.2.1 -all',
      }),
    }),
  );
  smtpPort = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
  admin = await desk.signIn('admin');
  receiver = await startWebhookReceiver();
}, 120_000);

afterAll(async () => {
  receiver?.close();
  await desk?.close();
  await mx?.close();
});

const deliveriesOf = (type: string, ticketId: string) =>
  receiver.received.filter(
    (r) => r.payload.type === type && (r.payload.ticket as { id: string } | undefined)?.id === ticketId,
  );

describe('side conversation events', () => {
  it('reach a trigger (on the reply) and a webhook subscription, with no mail text, and never the customer', async () => {
    const hook = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.write,
      payload: { name: 'partner desk', url: receiver.url, events: SIDE_EVENTS },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    receiver.useSecret(hook.json().secret);
    const range = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/webhooks/allowed-ranges',
      headers: admin.write,
      payload: { cidr: '127.0.0.0/8', note: 'test receiver' },
    });
    expect(range.statusCode).toBe(200);
    await createTrigger(desk, admin, {
      name: 'Partner answered → high',
      events: ['side_conversation.reply_received'],
      conditions: [],
      actions: [
        { type: 'add_tags', tags: ['partner-replied'] },
        { type: 'priority', value: 'high' },
      ],
    });

    const customer = await desk.customer('sce-1', { email: 'sce-1@customer.example' });
    const ticket = await openCustomerTicket(desk, customer);
    const lin = await desk.signIn('lin');
    const started = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/side-conversations`,
      headers: lin.write,
      payload: { to: [PARTNER], subject: 'TRC20 withdrawal stuck', body: `Please check. ${OUR_WORDS}` },
    });
    expect(started.statusCode, started.body).toBe(201);
    const conversationId = started.json().id as string;

    const [start] = await eventually(async () => {
      const d = deliveriesOf('side_conversation.started', ticket.id);
      return d.length ? d : null;
    });
    expect(start!.payload).toMatchObject({
      type: 'side_conversation.started',
      actor: { type: 'agent', id: lin.agentId },
      ticket: { id: ticket.id, number: ticket.number },
      sideConversation: { id: conversationId, subject: 'TRC20 withdrawal stuck', to: [PARTNER] },
    });
    expect(start!.payload).not.toHaveProperty('message');

    // The partner answers the mail Kefu sent: threaded by its token, the trigger fires.
    const sent = await eventually(async () => mx.inbox.find((m) => m.rcptTo.includes(PARTNER)), 15_000);
    const replyTo = sent.mail.replyTo!.value[0]!.address!;
    const raw = await buildMail(
      {
        from: `Partner Ops <${PARTNER}>`,
        to: replyTo,
        subject: `Re: ${sent.mail.subject}`,
        messageId: '<sce1@partner.example>',
        inReplyTo: sent.mail.messageId,
        text: `Re-broadcast done. ${PARTNER_WORDS}`,
      },
      { domain: 'partner.example', selector: 'sel', privateKey: partnerKey.privateKey },
    );
    await sendRaw(smtpPort, raw, { from: PARTNER, to: [replyTo] });
    const fired = await eventually(async () => {
      const d = await staffDetail(desk, admin, ticket.id);
      return d.tags.includes('partner-replied') ? d : null;
    }, 15_000);
    expect(fired.priority).toBe('high');
    const history = fired.history as HistoryRow[];
    expect(firingsOf(history, 'Partner answered → high')).toBe(1);
    expect(history.find((h) => h.kind === 'trigger_fired')?.to).toMatchObject({
      event: 'side_conversation.reply_received',
    });
    const [reply] = await eventually(async () => {
      const d = deliveriesOf('side_conversation.reply_received', ticket.id);
      return d.length ? d : null;
    });
    expect(reply!.payload).toMatchObject({
      actor: { type: 'system', id: null },
      sideConversation: {
        id: conversationId,
        subject: 'TRC20 withdrawal stuck',
        from: PARTNER,
        verified: true,
        fromParticipant: true,
      },
    });

    // Another mail of ours, closed, reopened: each an event.
    const more = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/side-conversations/${conversationId}/messages`,
      headers: lin.write,
      payload: { body: `Thanks. ${OUR_WORDS}` },
    });
    expect(more.statusCode, more.body).toBe(201);
    for (const status of ['closed', 'open']) {
      const res = await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/side-conversations/${conversationId}`,
        headers: lin.write,
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    await eventually(async () => SIDE_EVENTS.every((type) => deliveriesOf(type, ticket.id).length === 1));
    const mine = receiver.received.filter((r) => (r.payload.ticket as { id: string }).id === ticket.id);
    expect(mine.every((r) => r.valid)).toBe(true);
    // No mail's text left the desk, ours or the partner's.
    for (const r of mine) {
      expect(r.body).not.toContain(OUR_WORDS);
      expect(r.body).not.toContain(PARTNER_WORDS);
    }
    // The ticket's staff history has the reply; the customer's view of the ticket has nothing of
    // the side conversation (its history rows are staff-only). The trigger's effects are another
    // matter: what a rule changes is shown as any change by an agent would be.
    const own = await desk.app.inject({ url: `/api/v1/me/tickets/${ticket.id}`, headers: customer.headers });
    expect(own.statusCode).toBe(200);
    for (const word of ['side_conversation', 'TRC20 withdrawal stuck', PARTNER, OUR_WORDS, PARTNER_WORDS])
      expect(own.body).not.toContain(word);
    const inbox = await desk.app.inject({ url: '/api/v1/me/inbox', headers: customer.headers });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).not.toContain('TRC20 withdrawal stuck');
    expect(inbox.json().items).toEqual([]);
    expect(mx.inbox.filter((m) => m.rcptTo.includes('sce-1@customer.example'))).toEqual([]);
  }, 90_000);

  it('only the automations hear them: no subscriber that reaches the customer does', () => {
    const hearing = ticketSubscribers()
      .filter((sub) => sub.events.some((e) => e.startsWith('side_conversation.')))
      .map((sub) => sub.name);
    expect(hearing.sort()).toEqual(['automations.triggers', 'webhooks.deliveries']);
  });
});
