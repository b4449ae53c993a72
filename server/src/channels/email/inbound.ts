import { Readable } from 'node:stream';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { DNSResolver } from 'mailauth';
import { storeAttachment } from '../../attachments/store.ts';
import type { EmailConfig } from '../../config/email-config.ts';
import { customers } from '../../customers/schema.ts';
import type { Executor } from '../../db/client.ts';
import { categories } from '../../desk/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { maskSecrets } from '../../safety/mask.ts';
import { addMessage } from '../../tickets/add-message.ts';
import { createTicket } from '../../tickets/create-ticket.ts';
import { messages, tickets } from '../../tickets/schema.ts';
import { acceptsMessages } from '../../tickets/status.ts';
import { recordEvent } from '../../tickets/timeline.ts';
import { updateTicket } from '../../tickets/update-ticket.ts';
import { type AuthVerdict, checkAuthenticity, type Envelope } from './authenticity.ts';
import { customerForSender } from './customers.ts';
import { bouncedRecipient, classifyAutomation } from './loops.ts';
import { mailboxFor } from './mailboxes.ts';
import { maskHtml } from './mask-html.ts';
import { type ParsedMail, parseMail } from './parse.ts';
import { emailAddresses, emailMessages } from './schema.ts';
import { categoryCodeOfSubject, cleanSubject, findThread, type Thread } from './threading.ts';

export interface InboundContext {
  services: Services;
  email: EmailConfig;
  resolver: DNSResolver | undefined;
  /**
   * Queues the acknowledgement of a new ticket, in the transaction that records the mail as
   * received: both happen or neither (a crash in between used to lose the acknowledgement, since
   * the redelivered mail finds its ticket by idempotency key).
   */
  acknowledge(tx: Executor, ticketId: string, address: string): Promise<void>;
  /** Capabilities above the channel that take some mail before it threads into tickets. */
  claimers: readonly MailClaimer[];
}

/** A mail offered to a claimer: parsed, its sender's authenticity checked, nothing stored yet. */
export interface ClaimableMail {
  mail: ParsedMail;
  envelope: Envelope & { rcptTo: string[] };
  auth: AuthVerdict;
  /** Stores the mail's files through the attachments store's checks and limits (system uploads). */
  storeAttachments(): Promise<string[]>;
}

/**
 * Takes a mail that belongs to something other than a ticket's thread (a side conversation's
 * reply) and returns true, or returns false and the mail goes on as any other. A capability above
 * the channel registers one (EmailChannel.addClaimer), so the channel never imports it.
 */
export type MailClaimer = (mail: ClaimableMail) => Promise<boolean>;

export type InboundOutcome =
  | { kind: 'created' | 'added'; ticketId: string; verified: boolean }
  | { kind: 'bounce' | 'automated' | 'own' | 'rate_limited' | 'unsubscribed' | 'duplicate' | 'claimed' };

const SYSTEM = { uploaderType: 'system' as const, uploaderId: null };

/**
 * One inbound mail, end to end: loops and bounces first (never answered), the sender's rate,
 * authenticity, then threading into an existing ticket or a new ticket with its acknowledgement.
 */
export async function receiveMail(
  ctx: InboundContext,
  raw: Buffer,
  envelope: Envelope & { rcptTo: string[] },
): Promise<InboundOutcome> {
  const { db } = ctx.services;
  const mail = await parseMail(raw);
  // The text part is screened where it becomes a message; the subject (stored with the mail and
  // shown to agents) and the HTML part are masked here, before anything keeps them (#20.8).
  mail.subject = maskSecrets(mail.subject);
  mail.html = mail.html === null ? null : maskHtml(mail.html);
  const own = new Set(ctx.email.mailboxes.map((m) => m.address));
  const automation = classifyAutomation({ ...mail, mailFrom: envelope.mailFrom, ownAddresses: own });
  if (automation?.kind === 'own') return { kind: 'own' };
  if (automation?.kind === 'bounce') {
    await recordBounce(ctx, mail, raw, automation.reason);
    return { kind: 'bounce' };
  }
  if (mail.messageId) {
    const [seen] = await db
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(and(eq(emailMessages.rfcMessageId, mail.messageId), eq(emailMessages.direction, 'inbound')));
    if (seen) return { kind: 'duplicate' };
  }
  if (await overRate(ctx, mail.fromAddress)) return { kind: 'rate_limited' };

  const auth = await checkAuthenticity(raw, envelope, { mta: ctx.email.hostname, resolver: ctx.resolver });
  for (const claim of ctx.claimers) {
    const storeAttachments = () => storeMailAttachments(ctx, mail);
    if (await claim({ mail, envelope, auth, storeAttachments })) return { kind: 'claimed' };
  }
  const mailbox = await mailboxFor(db, ctx.email, envelope.rcptTo);
  if (/^unsubscribe$/i.test(mail.subject) && auth.verified) {
    await db
      .insert(emailAddresses)
      .values({ address: mail.fromAddress, unsubscribed: true })
      .onConflictDoUpdate({
        target: emailAddresses.address,
        set: { unsubscribed: true, updatedAt: new Date() },
      });
    return { kind: 'unsubscribed' };
  }

  const attachmentIds = await storeMailAttachments(ctx, mail);
  const body = mail.text || (attachmentIds.length ? '(附件 / attachments)' : '(空邮件 / empty mail)');
  const thread = await findThread(db, ctx.services.config.appSecret, mail, auth.verified);
  let ticketId: string;
  let kind: 'created' | 'added';
  let messageId: string;
  const thirdParty =
    thread && acceptsMessages(thread.status) && !(await senderHoldsTicket(ctx, thread, mail));
  if (thread && acceptsMessages(thread.status) && thirdParty) {
    // Someone else answering one of our mails (a forward, a list, an attacker who saw the
    // headers): never the customer's voice. An internal note with a warning (#20.11).
    const added = await addMessage(db, ctx.services.jobs, {
      ticketId: thread.ticketId,
      authorType: 'system',
      authorId: null,
      visibility: 'internal',
      body: `${THIRD_PARTY_WARNING}\n${mail.fromAddress}\n\n${body}`.slice(0, 20_000),
      clientId: mail.messageId ? `email:${mail.messageId}`.slice(0, 200) : null,
      attachmentIds,
      uploader: SYSTEM,
    });
    await recordEvent(
      db,
      thread.ticketId,
      { actorType: 'system', actorId: null },
      'email_third_party',
      null,
      {
        from: mail.fromAddress,
        messageId: added.id,
        warning: THIRD_PARTY_WARNING,
      },
    );
    ({ ticketId, kind, messageId } = { ticketId: thread.ticketId, kind: 'added', messageId: added.id });
  } else if (thread && acceptsMessages(thread.status)) {
    const added = await addMessage(db, ctx.services.jobs, {
      ticketId: thread.ticketId,
      authorType: 'customer',
      authorId: thread.customerId,
      visibility: 'public',
      body,
      clientId: mail.messageId ? `email:${mail.messageId}`.slice(0, 200) : null,
      attachmentIds,
      uploader: SYSTEM,
    });
    ({ ticketId, kind, messageId } = { ticketId: thread.ticketId, kind: 'added', messageId: added.id });
  } else {
    const customer = await customerForSender(db, mail, auth.verified);
    const code = categoryCodeOfSubject(mail.subject, ctx.email.subjectTags) ?? mailbox.categoryCode;
    const [category] = code
      ? await db.select({ id: categories.id }).from(categories).where(eq(categories.code, code))
      : [];
    const created = await createEmailTicket(ctx, {
      customerId: customer.id,
      title: (cleanSubject(mail.subject) || body.split('\n')[0] || '(无主题 / no subject)').slice(0, 200),
      body,
      categoryId: category?.id ?? mailbox.categoryId,
      attachmentIds,
      idempotencyKey: mail.messageId ? `email:${mail.messageId}`.slice(0, 200) : null,
      tags: auth.verified ? ['email'] : ['email', 'email-unverified'],
    });
    ticketId = created.id;
    kind = 'created';
    const [first] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.ticketId, ticketId))
      .orderBy(asc(messages.seq))
      .limit(1);
    messageId = first!.id;
    if (mailbox.teamId) {
      await db
        .update(tickets)
        .set({ teamId: mailbox.teamId })
        .where(and(eq(tickets.id, ticketId), sql`${tickets.teamId} is null`));
    }
  }
  await recordInbound(ctx, {
    mail,
    envelope,
    auth,
    ticketId,
    messageId,
    mailbox: mailbox.address,
    automated: automation?.reason ?? null,
    acknowledgeTo: kind === 'created' && !automation ? mail.fromAddress : null,
    thirdParty: Boolean(thirdParty),
  });
  return { kind, ticketId, verified: auth.verified };
}

async function recordInbound(
  ctx: InboundContext,
  m: {
    mail: ParsedMail;
    envelope: Envelope;
    auth: AuthVerdict;
    ticketId: string;
    messageId: string;
    mailbox: string;
    automated: string | null;
    /** The sender of a new ticket, who gets the acknowledgement. */
    acknowledgeTo: string | null;
    thirdParty: boolean;
  },
) {
  const { db } = ctx.services;
  await db.transaction(async (tx) => {
    await tx.insert(emailMessages).values({
      direction: 'inbound',
      ticketId: m.ticketId,
      messageId: m.messageId,
      rfcMessageId: m.mail.messageId,
      inReplyTo: m.mail.inReplyTo ?? null,
      references: [m.mail.references ?? []].flat().slice(0, 50),
      fromAddress: m.mail.fromAddress,
      toAddress: m.mailbox,
      subject: m.mail.subject.slice(0, 500),
      kind: m.thirdParty ? 'third_party' : m.automated ? 'automated' : 'mail',
      auth: m.auth,
      verified: m.auth.verified,
      html: m.mail.html,
    });
    // After the mail's own row: both carry the transaction's time, and the mail came first.
    if (m.acknowledgeTo) await ctx.acknowledge(tx, m.ticketId, m.acknowledgeTo);
    if (!m.auth.verified) {
      // Agents see this in the history: the From address is a claim, not a proof.
      await recordEvent(tx, m.ticketId, { actorType: 'system', actorId: null }, 'email_unverified', null, {
        from: m.mail.fromAddress,
        messageId: m.messageId,
        summary: m.auth.summary,
        warning:
          '发件人未通过验证（DMARC），请勿据此处理账户事项 / Sender not verified (DMARC): do not act on account matters from this mail',
      });
    }
  });
}

const THIRD_PARTY_WARNING =
  '⚠ 第三方来信：发件人不是此工单的客户，已作为内部备注保存，请勿据此处理账户事项 / ' +
  "Third-party mail: the sender is not this ticket's customer; kept as an internal note. Do not act on account matters from it.";

/**
 * Whether the sender may speak as the ticket's customer: the customer's own address, or one the
 * ticket already took mail from as the customer's.
 */
async function senderHoldsTicket(ctx: InboundContext, thread: Thread, mail: ParsedMail): Promise<boolean> {
  const { db } = ctx.services;
  const [customer] = await db
    .select({ email: customers.email })
    .from(customers)
    .where(eq(customers.id, thread.customerId));
  if (customer?.email && customer.email.toLowerCase() === mail.fromAddress) return true;
  const [earlier] = await db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.ticketId, thread.ticketId),
        eq(emailMessages.direction, 'inbound'),
        eq(emailMessages.kind, 'mail'),
        eq(emailMessages.fromAddress, mail.fromAddress),
      ),
    )
    .limit(1);
  return Boolean(earlier);
}

async function overRate(ctx: InboundContext, address: string): Promise<boolean> {
  const since = new Date(Date.now() - 3600_000);
  const [row] = await ctx.services.db
    .select({ n: count() })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.direction, 'inbound'),
        eq(emailMessages.fromAddress, address),
        gt(emailMessages.createdAt, since),
      ),
    );
  return (row?.n ?? 0) >= ctx.email.perSenderPerHour;
}

/** A delivery report: the address it names stops getting mail until it writes again. */
async function recordBounce(ctx: InboundContext, mail: ParsedMail, raw: Buffer, reason: string) {
  const recipient = bouncedRecipient(mail.headers, raw.toString('latin1'));
  const { db } = ctx.services;
  await db.insert(emailMessages).values({
    direction: 'inbound',
    rfcMessageId: mail.messageId,
    fromAddress: mail.fromAddress || '<>',
    toAddress: recipient ?? '',
    subject: mail.subject.slice(0, 500),
    kind: 'bounce',
    error: reason,
  });
  if (!recipient) return;
  const now = new Date();
  await db
    .insert(emailAddresses)
    .values({ address: recipient, failing: true, lastBounceAt: now, bounceReason: reason })
    .onConflictDoUpdate({
      target: emailAddresses.address,
      set: { failing: true, lastBounceAt: now, bounceReason: reason, updatedAt: now },
    });
}

/** Attachments and inline images go through the same content checks as uploads; refused ones are noted. */
async function storeMailAttachments(ctx: InboundContext, mail: ParsedMail): Promise<string[]> {
  const ids: string[] = [];
  const refused: string[] = [];
  for (const file of mail.attachments) {
    try {
      const row = await storeAttachment(ctx.services.db, ctx.services.storage, {
        source: Readable.from([file.content]),
        fileName: file.filename ?? (file.cid ? `inline-${file.cid}` : undefined),
        uploader: SYSTEM,
        limitBytes: ctx.services.config.maxUploadBytes,
      });
      ids.push(row.id);
    } catch (err) {
      ctx.services.logger.info({ err, file: file.filename }, 'mail attachment refused');
      refused.push(file.filename ?? 'file');
    }
  }
  if (refused.length)
    mail.text = `${mail.text}\n\n[未保存的附件 / attachments not kept: ${refused.join(', ')}]`.trim();
  return ids;
}

/**
 * A mail cannot fill a category's form: when the category asks for required facts the ticket
 * opens without a category and is then moved into it (the move is in the history), so agents
 * ask for the missing facts instead of the mail being lost.
 */
async function createEmailTicket(
  ctx: InboundContext,
  t: {
    customerId: string;
    title: string;
    body: string;
    categoryId: string | null;
    attachmentIds: string[];
    idempotencyKey: string | null;
    tags: string[];
  },
) {
  const { db } = ctx.services;
  const input = {
    customerId: t.customerId,
    title: t.title,
    description: t.body,
    priority: null,
    priorityFromStaff: false,
    fields: {},
    attachmentIds: t.attachmentIds,
    channel: 'email' as const,
    idempotencyKey: t.idempotencyKey,
    actor: { actorType: 'customer' as const, actorId: t.customerId },
    uploader: SYSTEM,
    tags: t.tags,
  };
  try {
    return await createTicket(db, ctx.services.jobs, { ...input, categoryId: t.categoryId });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid_fields') || !t.categoryId) throw err;
    const created = await createTicket(db, ctx.services.jobs, { ...input, categoryId: null });
    await updateTicket(
      db,
      ctx.services.jobs,
      created.id,
      { categoryId: t.categoryId },
      { actorType: 'system', actorId: null },
    );
    return created;
  }
}
