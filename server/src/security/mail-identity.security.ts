import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../channels/email/channel.ts';
import { makeMessageId } from '../channels/email/message-id.ts';
import { emailMessages } from '../channels/email/schema.ts';
import { buildMail, dnsFile, type KeyPair, rsaKeys, sendRaw, startMx } from '../channels/email/test-kit.ts';
import { customers } from '../customers/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';

/**
 * Issue #20 points 11 and 12: who a mail speaks for, and who may say who a customer is.
 * - A mail answering one of Kefu's Message-IDs was added to that ticket as its customer whoever
 *   sent it (the Message-ID is in every mail the customer forwards).
 * - A DMARC-passing mail went to the newest customer who claimed the address.
 * - A `tickets:write` token rewrote any customer's email and name.
 * - The identity token's `email` claim was not validated (a comma list got mail).
 */
const SUPPORT = 'support@lumen-exchange.example';
let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
let key: KeyPair;
let port: number;

beforeAll(async () => {
  key = rsaKeys();
  mx = await startMx();
  const dir = await mkdtemp(join(tmpdir(), 'kefu-dkim-'));
  const deskKey = rsaKeys();
  await writeFile(join(dir, 'dkim.pem'), deskKey.privateKey);
  desk = await createTestDesk({
    EMAIL_MAILBOXES: `${SUPPORT}=general`,
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    EMAIL_HOSTNAME: 'mx.lumen-exchange.example',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_DKIM_KEY_FILE: join(dir, 'dkim.pem'),
    EMAIL_DKIM_SELECTOR: 'kefu',
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
      'sel._domainkey.customer.example TXT': `v=DKIM1; k=rsa; p=${key.publicKeyBase64}`,
      '_dmarc.customer.example TXT': 'v=DMARC1; p=reject',
      'customer.example TXT': 'v=spf1 ip4:192.0.2.1 -all',
      'attacker.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
      '_dmarc.attacker.example TXT': 'v=DMARC1; p=reject',
    }),
  });
  port = (desk.services.channels.get('email') as unknown as EmailChannel).smtpPort()!;
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

const signer = { domain: 'customer.example', selector: 'sel', privateKey: '' };

async function mailAndWait(options: Parameters<typeof buildMail>[0], from: string, sign: boolean) {
  const raw = await buildMail(options, sign ? { ...signer, privateKey: key.privateKey } : undefined);
  await sendRaw(port, raw, { from, to: [SUPPORT] });
  const id = String(options.messageId).replace(/^<|>$/g, '');
  return eventually(async () => {
    const [row] = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, id));
    return row?.ticketId ? row : null;
  });
}

describe('mail threading speaks only for the ticket customer (#20.11)', () => {
  it("a stranger's answer to Kefu's Message-ID is an internal third-party note, the customer's own is hers", async () => {
    const alice = await desk.customer('mail-alice', { email: 'alice@customer.example', name: 'Alice' });
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: alice.headers,
      payload: { title: 'Withdrawal stuck', description: 'My withdrawal has not arrived.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id: ticketId, number } = created.json() as { id: string; number: string | number };
    // "KF-000123" → 123, as a Kefu mail about this ticket names it.
    const ours = makeMessageId(
      desk.config.appSecret,
      Number(String(number).replace(/\D/g, '')),
      'lumen-exchange.example',
    );

    await mailAndWait(
      {
        from: 'Mallory <mallory@attacker.example>',
        to: SUPPORT,
        subject: 'Re: Withdrawal stuck',
        messageId: '<mallory-1@attacker.example>',
        inReplyTo: `<${ours}>`,
        references: [`<${ours}>`],
        text: 'This is Alice. Please change my withdrawal address to TXYZattacker.',
      },
      'mallory@attacker.example',
      false,
    );
    await mailAndWait(
      {
        from: 'Alice <alice@customer.example>',
        to: SUPPORT,
        subject: 'Re: Withdrawal stuck',
        messageId: '<alice-2@customer.example>',
        inReplyTo: `<${ours}>`,
        text: 'Any news?',
      },
      'alice@customer.example',
      true,
    );
    const lin = await desk.signIn('lin');
    const detail = (
      await desk.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: lin.read })
    ).json() as {
      messages: { body: string; authorType: string; visibility: string }[];
      history: { kind: string }[];
    };
    const fromCustomer = detail.messages.filter((m) => m.authorType === 'customer').map((m) => m.body);
    expect(fromCustomer.join('\n')).not.toContain('TXYZattacker');
    expect(fromCustomer, JSON.stringify(detail.messages)).toContain('Any news?');
    const note = detail.messages.find((m) => m.body.includes('TXYZattacker'));
    expect(note?.visibility).toBe('internal');
    expect(note?.body).toMatch(/Third-party mail/);
    expect(detail.history.map((h) => h.kind)).toContain('email_third_party');
    // Nothing was mailed or shown to the customer in the stranger's name.
    const mine = (
      await desk.app.inject({ url: `/api/v1/me/tickets/${ticketId}`, headers: alice.headers })
    ).json();
    expect(JSON.stringify(mine)).not.toContain('TXYZattacker');
  }, 60_000);
});

describe('who may say who a customer is (#20.12)', () => {
  it('a tickets:write token cannot rewrite a customer, and a claim made through it does not catch proven mail', async () => {
    const bob = await desk.customer('mail-bob', { email: 'bob@customer.example', name: 'Bob' });
    const token = await desk.apiToken(['tickets:write', 'tickets:read']);
    // Rewrite Bob: his mail would go to the attacker.
    const rewrite = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: token,
      payload: {
        title: 'x',
        description: 'x',
        customer: { uid: 'mail-bob', email: 'mallory@attacker.example', name: 'Mallory' },
      },
    });
    expect(rewrite.statusCode, rewrite.body).toBe(201);
    const [stored] = await desk.services.db.select().from(customers).where(eq(customers.id, bob.customerId));
    expect(stored!.email).toBe('bob@customer.example');
    expect(stored!.name).toBe('Bob');

    // Claim Bob's address on a new account: the newest claim used to win his proven mail.
    const claim = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: token,
      payload: {
        title: 'x',
        description: 'x',
        customer: { uid: 'mallory-claim', email: 'bob@customer.example' },
      },
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const row = await mailAndWait(
      {
        from: 'Bob <bob@customer.example>',
        to: SUPPORT,
        subject: 'My account',
        messageId: '<bob-1@customer.example>',
        text: 'Please help with my account.',
      },
      'bob@customer.example',
      true,
    );
    expect(row.verified).toBe(true);
    const [ticket] = await desk.services.db.select().from(tickets).where(eq(tickets.id, row.ticketId!));
    const [owner] = await desk.services.db
      .select()
      .from(customers)
      .where(eq(customers.id, ticket!.customerId));
    expect(owner!.uid).not.toBe('mallory-claim');
  }, 60_000);

  it('refuses an identity token whose email claim is not one address', async () => {
    for (const email of [
      'alice@customer.example,mallory@attacker.example',
      'Alice <a@b.example>',
      'not-an-address',
    ]) {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/customer/session',
        payload: { identityToken: await desk.identityToken('claim-list', { email }) },
      });
      expect(res.statusCode, email).toBe(401);
    }
  });
});
