import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { tickets } from '../../tickets/schema.ts';
import { emailMessages } from './schema.ts';
import { buildMail, dnsFile } from './test-kit.ts';

// Hoodiecrow: a real IMAP4rev1 server in memory, the mailbox an MTA would have filled.
type Hoodiecrow = (options: object) => {
  server: Server;
  listen: Server['listen'];
  close(cb: () => void): void;
};
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as Hoodiecrow;

let imap: ReturnType<Hoodiecrow>;
let desk: TestDesk;

beforeAll(async () => {
  const raw = await buildMail({
    from: 'gina@spfok.example',
    to: 'support@lumen-exchange.example',
    subject: '[Account security] locked out',
    messageId: '<i1@spfok.example>',
    text: 'I cannot sign in.',
  });
  // The receiving MTA recorded the envelope and the connecting IP; the poller trusts only that.
  const delivered = `Return-Path: <gina@spfok.example>\r\nReceived: from mail.spfok.example (mail.spfok.example [127.0.0.1]) by mx.lumen-exchange.example; Tue, 24 Nov 2026 10:00:00 +0000\r\n${raw}`;
  imap = hoodiecrow({
    storage: {
      INBOX: {
        messages: [
          { raw: delivered, flags: [] },
          { raw: 'Subject: seen\r\n\r\nold', flags: ['\\Seen'] },
        ],
      },
    },
  });
  await new Promise<void>((r) => imap.listen(0, '127.0.0.1', () => r()));
  desk = await createTestDesk({
    EMAIL_MAILBOXES: 'support@lumen-exchange.example',
    IMAP_URL: `imap://testuser:testpass@127.0.0.1:${(imap.server.address() as AddressInfo).port}/INBOX`,
    IMAP_POLL_SECONDS: '1',
    EMAIL_DNS_OVERRIDES_FILE: await dnsFile({
      'spfok.example TXT': 'v=spf1 ip4:127.0.0.1 -all',
      '_dmarc.spfok.example TXT': 'v=DMARC1; p=reject',
    }),
  });
}, 30_000);

afterAll(async () => {
  await desk?.close();
  await new Promise<void>((r) => imap?.close(() => r()));
});

it('polls an IMAP mailbox: unseen mail becomes a ticket once, authenticated from its Received header', async () => {
  const row = await eventually(async () => {
    const [r] = await desk.services.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.rfcMessageId, 'i1@spfok.example'));
    return r;
  });
  expect(row.verified).toBe(true);
  const [ticket] = await desk.services.db.select().from(tickets).where(eq(tickets.id, row.ticketId!));
  expect(ticket!.title).toBe('locked out');
  // Marked seen: later polls do not make it again, and the already-seen mail was never taken.
  await new Promise((r) => setTimeout(r, 2500));
  const all = await desk.services.db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.direction, 'inbound'));
  expect(all).toHaveLength(1);
});
