import { and, desc, eq, isNull } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { attachments } from '../../attachments/schema.ts';
import type { EmailConfig } from '../../config/email-config.ts';
import { customers } from '../../customers/schema.ts';
import { normaliseLanguage } from '../../platform/i18n.ts';
import type { Services } from '../../platform/services.ts';
import { messages, tickets } from '../../tickets/schema.ts';
import { recordEvent } from '../../tickets/timeline.ts';
import { brandName, composeMail, expectedReplyTime, type OutboundKind } from './compose.ts';
import { mailboxFor } from './mailboxes.ts';
import { stableMessageId } from './message-id.ts';
import { emailAddresses, emailMessages } from './schema.ts';
import { newVerificationCode, storeVerificationCode } from './verification.ts';

export interface OutboundContext {
  services: Services;
  email: EmailConfig;
  transport: Transporter | null;
  /**
   * Brings `email` and `transport` up to what an admin last saved (server-settings.ts); called
   * before each send, so a changed relay takes effect without a restart. Absent in unit tests.
   */
  refresh?: () => Promise<void>;
}

export interface SendRequest {
  kind: OutboundKind;
  ticketId: string;
  /** The agent's message, for a reply. */
  messageId: string | null;
}

/** The relay transport, DKIM-signing everything it sends when a key is configured. */
export function createTransport(email: EmailConfig): Transporter | null {
  if (!email.relayUrl) return null;
  const url = new URL(email.relayUrl);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    ...(email.dkim ? { dkim: email.dkim } : {}),
    // Bounded, so a send ends well within its job's expiry (MAIL_JOB_EXPIRE_SECONDS).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
}

/**
 * Sends one mail of a ticket, in its thread. Retried by the job queue; a mail already sent is not
 * sent again. On the last attempt a failure is recorded on the ticket, where agents see it.
 */
export async function sendTicketMail(
  ctx: OutboundContext,
  req: SendRequest,
  attempt: { finalAttempt: boolean },
) {
  await ctx.refresh?.();
  const { db, config } = ctx.services;
  const [ticket] = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      email: customers.email,
      language: customers.language,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, req.ticketId));
  if (!ticket) return;
  const sameMail = and(
    eq(emailMessages.ticketId, req.ticketId),
    eq(emailMessages.direction, 'outbound'),
    eq(emailMessages.kind, req.kind),
    req.messageId ? eq(emailMessages.messageId, req.messageId) : isNull(emailMessages.messageId),
  );
  const [previous] = await db.select().from(emailMessages).where(sameMail);
  if (previous && previous.status !== 'queued') return;

  const thread = await db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.ticketId, req.ticketId))
    .orderBy(desc(emailMessages.createdAt))
    .limit(30);
  const lastInbound = thread.find((m) => m.direction === 'inbound' && m.kind === 'mail');
  const to = (ticket.email ?? lastInbound?.fromAddress ?? '').toLowerCase();
  const mailbox = (await mailboxFor(db, ctx.email, lastInbound ? [lastInbound.toAddress] : [])).address;
  const language = normaliseLanguage(ticket.language) ?? 'zh-CN';
  const row =
    previous ??
    (
      await db
        .insert(emailMessages)
        .values({
          direction: 'outbound',
          ticketId: req.ticketId,
          messageId: req.messageId,
          fromAddress: mailbox,
          toAddress: to,
          kind: req.kind,
          status: 'queued',
        })
        .returning()
    )[0]!;
  // One outbound row per logical mail, made before the first attempt: every retry of it (after a
  // relay error or a node that died mid-send) carries the same Message-ID.
  const rfcMessageId = stableMessageId(
    config.appSecret,
    ticket.number,
    `outbound:${row.id}`,
    ctx.email.dkim?.domainName ?? mailbox.split('@')[1]!,
  );

  const [status] = to ? await db.select().from(emailAddresses).where(eq(emailAddresses.address, to)) : [];
  const skip = !to
    ? 'no_address'
    : status?.failing
      ? 'address_failing'
      : req.kind !== 'reply' && status?.unsubscribed
        ? 'unsubscribed'
        : null;
  if (skip) {
    await db.transaction(async (tx) => {
      await tx
        .update(emailMessages)
        .set({ status: 'skipped', error: skip })
        .where(eq(emailMessages.id, row.id));
      await recordEvent(tx, req.ticketId, { actorType: 'system', actorId: null }, 'email_not_sent', null, {
        kind: req.kind,
        to,
        reason: skip,
      });
    });
    return;
  }

  const [message] = req.messageId
    ? await db
        .select({ body: messages.body, visibility: messages.visibility })
        .from(messages)
        .where(eq(messages.id, req.messageId))
    : [];
  if (req.kind === 'reply' && message?.visibility !== 'public') return;
  const code = newVerificationCode();
  const composed = composeMail({
    kind: req.kind,
    language,
    ticketNumber: ticket.number,
    title: ticket.title,
    body: message?.body ?? '',
    brandName: await brandName(db, language),
    verificationCode: code,
    verifyUrl: new URL('/verify', config.publicUrl).toString(),
    replyTime: await expectedReplyTime(db, language, ticket.id),
  });
  const files = req.messageId
    ? await db.select().from(attachments).where(eq(attachments.messageId, req.messageId))
    : [];
  const references = thread
    .filter((m) => m.rfcMessageId)
    .reverse()
    .map((m) => `<${m.rfcMessageId}>`);
  const automatic = req.kind !== 'reply';
  const mail: Mail.Options = {
    from: { name: await brandName(db, language), address: mailbox },
    to,
    subject: composed.subject,
    text: composed.text,
    html: composed.html,
    messageId: `<${rfcMessageId}>`,
    ...(lastInbound?.rfcMessageId ? { inReplyTo: `<${lastInbound.rfcMessageId}>` } : {}),
    ...(references.length ? { references } : {}),
    headers: {
      'X-Kefu-Ticket': String(ticket.number),
      'X-Kefu-Verification': code,
      ...(automatic ? { 'Auto-Submitted': 'auto-replied', Precedence: 'auto_reply' } : {}),
    },
    ...(automatic
      ? { list: { unsubscribe: { url: `mailto:${mailbox}?subject=unsubscribe`, comment: 'Unsubscribe' } } }
      : {}),
    attachments: await Promise.all(
      files.map(async (f) => ({
        filename: f.fileName,
        contentType: f.contentType,
        content: await ctx.services.storage.open(f.storageKey),
      })),
    ),
  };
  await storeVerificationCode(db, { code, sentTo: to, ticketId: req.ticketId, rfcMessageId });
  try {
    if (!ctx.transport) throw new Error('no outbound relay configured (EMAIL_RELAY_URL)');
    await ctx.transport.sendMail(mail);
    await db
      .update(emailMessages)
      .set({ status: 'sent', rfcMessageId, subject: composed.subject, error: null })
      .where(eq(emailMessages.id, row.id));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (attempt.finalAttempt) {
      await db.transaction(async (tx) => {
        await tx.update(emailMessages).set({ status: 'failed', error }).where(eq(emailMessages.id, row.id));
        await recordEvent(
          tx,
          req.ticketId,
          { actorType: 'system', actorId: null },
          'email_send_failed',
          null,
          { kind: req.kind, to, messageId: req.messageId, error },
        );
      });
    }
    throw err;
  }
}
