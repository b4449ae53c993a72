// Mails are sent once in effect: a retry after a node died mid-send carries the same Message-ID
// (the receiver drops the copy), and nothing counts as mailed before the relay took it.
import { and, eq, isNotNull } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../customers/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import type { EmailChannel } from './channel.ts';
import { stableMessageId, ticketNumberOfMessageId } from './message-id.ts';
import { mailCustomerNotices } from './notify.ts';
import { emailMessages, emailNoticeQueue } from './schema.ts';
import { startMx } from './test-kit.ts';

const SECRET = 'test-app-secret-test-app-secret-0123456789';

describe('stable Message-IDs', () => {
  it('are the same for the same subject, different otherwise, and still thread', () => {
    const a = stableMessageId(SECRET, 42, 'outbound:row-1', 'desk.example');
    expect(stableMessageId(SECRET, 42, 'outbound:row-1', 'desk.example')).toBe(a);
    expect(stableMessageId(SECRET, 42, 'outbound:row-2', 'desk.example')).not.toBe(a);
    expect(ticketNumberOfMessageId(SECRET, `<${a}>`)).toBe(42);
    expect(ticketNumberOfMessageId('another-secret-another-secret-0123456789', a)).toBeNull();
  });
});

describe('customer notification mails', () => {
  let desk: TestDesk;
  let mx: Awaited<ReturnType<typeof startMx>>;
  const address = 'idem@customer.example';

  beforeAll(async () => {
    mx = await startMx();
    desk = await createTestDesk({
      EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
      EMAIL_NOTIFY_DELAY_SECONDS: '1',
      EMAIL_NOTIFY_POLL_SECONDS: '1',
    });
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
    await mx?.close();
  });

  async function ticketWithReply(uid: string, body: string) {
    const customer = await desk.customer(uid, { language: 'en' });
    await desk.services.db
      .update(customers)
      .set({ email: address })
      .where(eq(customers.id, customer.customerId));
    const cats = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const categoryId = (cats.json().items as Array<{ id: string; code: string }>).find(
      (c) => c.code === 'account',
    )!.id;
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'Withdrawal pending', description: 'Still pending', categoryId },
    });
    expect(created.statusCode).toBe(201);
    const ticketId = created.json().id as string;
    const lin = await desk.signIn('lin');
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: lin.write,
      payload: { body },
    });
    expect(res.statusCode).toBe(201);
    return ticketId;
  }

  it('a retry after a crash between hand-over and record sends the same Message-ID', async () => {
    const ticketId = await ticketWithReply('u-idem-1', 'Answer one');
    const first = await eventually(
      async () => mx.inbox.find((m) => m.mail.text?.includes('Answer one')) ?? null,
      20_000,
    );
    // The sender records the mail after the relay took it, so the record can trail the inbox.
    const notice = await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(emailNoticeQueue)
        .where(and(eq(emailNoticeQueue.ticketId, ticketId), isNotNull(emailNoticeQueue.mailedAt)));
      return row ?? null;
    }, 20_000);
    // The node died after the relay took the mail and before it recorded that: as the retry finds it.
    await desk.services.db
      .update(emailNoticeQueue)
      .set({ mailedAt: null })
      .where(eq(emailNoticeQueue.id, notice.id));
    const outbound = (desk.services.channels.get('email') as unknown as EmailChannel).outbound;
    await mailCustomerNotices(
      outbound,
      { ticketId, batch: notice.queuedAt!.toISOString() },
      { finalAttempt: false },
    );
    const copies = mx.inbox.filter((m) => m.mail.text?.includes('Answer one'));
    expect(copies).toHaveLength(2);
    expect(copies[1]!.mail.messageId).toBe(first.mail.messageId);
  }, 40_000);

  it('a notice stays owed while the relay refuses it, and is mailed by the retry', async () => {
    const outbound = (desk.services.channels.get('email') as unknown as EmailChannel).outbound;
    const ticketId = await ticketWithReply('u-idem-2', 'Answer two');
    // Let the real job mail it first and record that, so no job of the desk's own races the attempts
    // below; then the notice is made owed again, as a crash before the record would leave it.
    const queued = await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(emailNoticeQueue)
        .where(and(eq(emailNoticeQueue.ticketId, ticketId), isNotNull(emailNoticeQueue.mailedAt)));
      return row ?? null;
    }, 20_000);
    const refusing = {
      ...outbound,
      transport: nodemailer.createTransport({ host: '127.0.0.1', port: 9, connectionTimeout: 2000 }),
    };
    await desk.services.db
      .update(emailNoticeQueue)
      .set({ mailedAt: null })
      .where(eq(emailNoticeQueue.id, queued.id));
    await expect(
      mailCustomerNotices(
        refusing,
        { ticketId, batch: queued.queuedAt!.toISOString() },
        { finalAttempt: false },
      ),
    ).rejects.toThrow();
    const [after] = await desk.services.db
      .select()
      .from(emailNoticeQueue)
      .where(eq(emailNoticeQueue.id, queued.id));
    expect(after!.mailedAt).toBeNull();
    await mailCustomerNotices(
      outbound,
      { ticketId, batch: queued.queuedAt!.toISOString() },
      { finalAttempt: false },
    );
    const [done] = await desk.services.db
      .select()
      .from(emailNoticeQueue)
      .where(eq(emailNoticeQueue.id, queued.id));
    expect(done!.mailedAt).not.toBeNull();
    const sent = await desk.services.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.ticketId, ticketId), eq(emailMessages.status, 'sent')));
    expect(sent.length).toBeGreaterThan(0);
    // The desk's own send and the retry's: the refused attempt mailed nothing.
    expect(mx.inbox.filter((m) => m.mail.text?.includes('Answer two'))).toHaveLength(2);
  }, 40_000);
});
