import { and, eq, inArray, isNotNull, isNull, lte, max, min, or, sql } from 'drizzle-orm';
import { signRatingToken } from '../../csat/rating.ts';
import { customers } from '../../customers/schema.ts';
import type { Executor } from '../../db/client.ts';
import { agents } from '../../identity/schema.ts';
import { agentNotifications } from '../../notifications/agent-schema.ts';
import { normaliseLanguage } from '../../platform/i18n.ts';
import { defineJob, MAIL_JOB_EXPIRE_SECONDS } from '../../platform/jobs.ts';
import { formatTicketNumber } from '../../tickets/model.ts';
import { tickets } from '../../tickets/schema.ts';
import { recordEvent } from '../../tickets/timeline.ts';
import { sendAutomaticMail, unsubscribeUrl } from './automatic-mail.ts';
import { ticketSubject } from './compose.ts';
import type { OutboundContext } from './outbound.ts';
import { emailAddresses, emailMessages, emailNoticeQueue } from './schema.ts';

/** One mail with every notice of a ticket that is new since its last notification mail. */
export const customerNoticeMail = defineJob<{ ticketId: string; batch?: string }>({
  name: 'email.customer-notices',
  retryLimit: 8,
  retryDelaySeconds: 8,
  // A send is bounded by the transport's timeouts (outbound.ts): lost after 30 s, retried within a minute.
  expireInSeconds: MAIL_JOB_EXPIRE_SECONDS,
});

/** One agent notification whose agent chose mail. */
export const agentNoticeMail = defineJob<{ notificationId: string }>({
  name: 'email.agent-notice',
  retryLimit: 8,
  retryDelaySeconds: 8,
  // A send is bounded by the transport's timeouts (outbound.ts): lost after 30 s, retried within a minute.
  expireInSeconds: MAIL_JOB_EXPIRE_SECONDS,
});

/**
 * Finds owed mails and queues their jobs. A ticket's notices are queued once it has been quiet for
 * EMAIL_NOTIFY_DELAY_SECONDS (or its oldest notice waited ten times that: a long burst still gets
 * mail). The conditional update makes one node queue them, once.
 */
export async function sweepOwedMail(ctx: OutboundContext, recentlyQueued: Map<string, number>) {
  const { db, jobs } = ctx.services;
  const delay = ctx.email.notifyDelaySeconds * 1000;
  const now = Date.now();
  const due = await db
    .select({ ticketId: emailNoticeQueue.ticketId })
    .from(emailNoticeQueue)
    .where(isNull(emailNoticeQueue.queuedAt))
    .groupBy(emailNoticeQueue.ticketId)
    .having(
      or(
        lte(max(emailNoticeQueue.createdAt), new Date(now - delay)),
        lte(min(emailNoticeQueue.createdAt), new Date(now - delay * 10)),
      ),
    )
    .limit(100);
  for (const { ticketId } of due) {
    // The claim's time names the batch: the job mails exactly these notices, however often it runs.
    const batch = new Date();
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(emailNoticeQueue)
        .set({ queuedAt: batch })
        .where(and(eq(emailNoticeQueue.ticketId, ticketId), isNull(emailNoticeQueue.queuedAt)))
        .returning({ id: emailNoticeQueue.id });
      if (claimed.length > 0)
        await jobs.send(customerNoticeMail, { ticketId, batch: batch.toISOString() }, tx);
    });
  }
  // Agents' mails: the job's conditional update sends each once; this map only spares the queue
  // from a job per sweep while one is waiting to run on this node.
  for (const [id, at] of recentlyQueued) if (now - at > 10 * 60_000) recentlyQueued.delete(id);
  const owed = await db
    .select({ id: agentNotifications.id })
    .from(agentNotifications)
    .where(and(eq(agentNotifications.email, true), isNull(agentNotifications.emailedAt)))
    .limit(100);
  for (const { id } of owed) {
    if (recentlyQueued.has(id)) continue;
    recentlyQueued.set(id, now);
    await jobs.send(agentNoticeMail, { notificationId: id });
  }
}

/**
 * Mails a ticket's queued notices (one batch of the sweep) together, in the customer's language.
 * The notices count as mailed only once the relay took the mail; a retry after a crash mid-send
 * mails the same batch with the same Message-ID (derived from the notices), which the relay or
 * mailbox drops as a duplicate. Marking them first lost the mail when a node died mid-send.
 */
export async function mailCustomerNotices(
  ctx: OutboundContext,
  job: { ticketId: string; batch?: string },
  attempt: { finalAttempt: boolean },
) {
  const { db, config } = ctx.services;
  const { ticketId } = job;
  const notices = await db
    .select()
    .from(emailNoticeQueue)
    .where(
      and(
        eq(emailNoticeQueue.ticketId, ticketId),
        job.batch ? eq(emailNoticeQueue.queuedAt, new Date(job.batch)) : isNotNull(emailNoticeQueue.queuedAt),
        isNull(emailNoticeQueue.mailedAt),
      ),
    )
    .orderBy(emailNoticeQueue.createdAt, emailNoticeQueue.id);
  if (notices.length === 0) return;
  const ids = notices.map((n) => n.id);
  const markMailed = (tx: Executor) =>
    tx.update(emailNoticeQueue).set({ mailedAt: new Date() }).where(inArray(emailNoticeQueue.id, ids));
  const [ticket] = await db
    .select({
      number: tickets.number,
      title: tickets.title,
      channel: tickets.channel,
      status: tickets.status,
      email: customers.email,
      language: customers.language,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, ticketId));
  // Email tickets already get the reply itself by mail.
  if (!ticket || ticket.channel === 'email') {
    await markMailed(db);
    return;
  }
  const to = (ticket.email ?? '').toLowerCase();
  const [status] = to ? await db.select().from(emailAddresses).where(eq(emailAddresses.address, to)) : [];
  const skip = !to
    ? 'no_address'
    : status?.failing
      ? 'address_failing'
      : status?.unsubscribed
        ? 'unsubscribed'
        : null;
  const from = ctx.email.mailboxes[0]!.address;
  if (skip) {
    await db.transaction(async (tx) => {
      await tx.insert(emailMessages).values({
        direction: 'outbound',
        ticketId,
        fromAddress: from,
        toAddress: to,
        kind: 'notification',
        status: 'skipped',
        error: skip,
      });
      await markMailed(tx);
    });
    return;
  }
  const language = normaliseLanguage(ticket.language) ?? 'zh-CN';
  const en = language === 'en';
  const number = formatTicketNumber(ticket.number);
  const paragraphs: string[] = [];
  const replies = notices.filter((n) => n.kind === 'agent_reply');
  if (replies.length > 0) {
    paragraphs.push(
      en
        ? `${replies.length === 1 ? 'A new reply' : `${replies.length} new replies`} on ${number}:`
        : `工单 ${number} 有 ${replies.length} 条新回复：`,
    );
    for (const r of replies) paragraphs.push(r.preview);
  }
  if (notices.some((n) => n.kind === 'needs_info'))
    paragraphs.push(
      en ? `We need more information from you on ${number}.` : `工单 ${number} 需要你补充信息。`,
    );
  if (
    notices.some((n) => n.kind === 'solved') &&
    (ticket.status === 'solved' || ticket.status === 'closed')
  ) {
    const rateUrl = new URL(
      `/rate/${signRatingToken(config.appSecret, ticketId)}`,
      config.publicUrl,
    ).toString();
    paragraphs.push(
      en
        ? `${number} was solved. How did we do? Rate our help: ${rateUrl}`
        : `工单 ${number} 已解决。请为本次服务评分：${rateUrl}`,
    );
  }
  // The ticket's own page: the customer lands on it (the app signs them in) instead of searching.
  const ticketUrl = new URL(`/tickets/${ticketId}`, config.publicUrl).toString();
  paragraphs.push(
    en
      ? `See and answer ${number} in the app: ${ticketUrl}`
      : `在 App 中查看并回复工单 ${number}：${ticketUrl}`,
  );
  const subject = ticketSubject(language, ticket.number, ticket.title, true);
  let rfcMessageId: string;
  try {
    rfcMessageId = await sendAutomaticMail(ctx, {
      to,
      language,
      subject,
      paragraphs,
      ticket: { id: ticketId, number: ticket.number },
      unsubscribeUrl: unsubscribeUrl(config.appSecret, config.publicUrl, to),
      idempotencyKey: `notices:${ids.join(',')}`,
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (attempt.finalAttempt) {
      // Given up: recorded where agents see it, and not tried again by later batches.
      await db.transaction(async (tx) => {
        await recordEvent(tx, ticketId, { actorType: 'system', actorId: null }, 'email_send_failed', null, {
          kind: 'notification',
          to,
          messageId: null,
          error,
        });
        await markMailed(tx);
      });
    }
    throw err;
  }
  await db.transaction(async (tx) => {
    await tx.insert(emailMessages).values({
      direction: 'outbound',
      ticketId,
      rfcMessageId,
      fromAddress: from,
      toAddress: to,
      kind: 'notification',
      status: 'sent',
      subject,
    });
    await markMailed(tx);
  });
}

/**
 * Mails one agent notification once in effect. An attempt leases it (email_lease_until) so the
 * jobs several nodes' sweeps queue for it do not send it side by side; it counts as emailed only
 * once the relay took it. A node that dies mid-send lets the lease run out and the retry sends the
 * same Message-ID (`agent-notice:{id}`), which the relay or mailbox can drop as a duplicate.
 */
export async function mailAgentNotice(
  ctx: OutboundContext,
  notificationId: string,
  attempt: { finalAttempt: boolean },
) {
  const { db, config } = ctx.services;
  const owed = and(
    eq(agentNotifications.id, notificationId),
    eq(agentNotifications.email, true),
    isNull(agentNotifications.emailedAt),
  );
  const [notice] = await db
    .update(agentNotifications)
    .set({ emailLeaseUntil: sql`now() + make_interval(secs => ${AGENT_NOTICE_LEASE_SECONDS})` })
    .where(
      and(
        owed,
        or(isNull(agentNotifications.emailLeaseUntil), lte(agentNotifications.emailLeaseUntil, sql`now()`)),
      ),
    )
    .returning();
  if (!notice) {
    const [held] = await db.select({ id: agentNotifications.id }).from(agentNotifications).where(owed);
    // Still owed but leased by a running attempt: try again after it (the retry's delay).
    if (held) throw new Error('another attempt is sending this notification; trying again later');
    return;
  }
  const done = (tx: Executor) =>
    tx
      .update(agentNotifications)
      .set({ emailedAt: sql`now()`, emailLeaseUntil: null })
      .where(eq(agentNotifications.id, notificationId));
  const [agent] = await db
    .select({ email: agents.email, language: agents.language, disabledAt: agents.disabledAt })
    .from(agents)
    .where(eq(agents.id, notice.agentId));
  if (!agent || agent.disabledAt) {
    await done(db);
    return;
  }
  const language = normaliseLanguage(agent.language) ?? 'zh-CN';
  const en = language === 'en';
  const what: Record<string, [string, string]> = {
    assigned: ['Assigned to you', '分配给你的工单'],
    mentioned: ['You were mentioned', '有人在备注中提到了你'],
    customer_reply: ['Customer replied', '客户有新回复'],
    side_reply: ['Side conversation reply', '协作会话有新回复'],
    sla_near: ['Service level due soon', 'SLA 即将到期'],
    sla_breached: ['Service level breached', 'SLA 已超时'],
    security: ['Your sign-in changed', '你的登录设置已更改'],
  };
  const [enLabel, zhLabel] = what[notice.kind] ?? ['Notification', '通知'];
  const label = en ? enLabel : zhLabel;
  try {
    await sendAutomaticMail(ctx, {
      to: agent.email,
      language,
      subject: `[Kefu] ${label}: ${notice.title}`.slice(0, 250),
      paragraphs: [
        `${label}: ${notice.title}`,
        ...(notice.body ? [notice.body] : []),
        new URL('/agent', config.publicUrl).toString(),
      ],
      ticket: null,
      unsubscribeUrl: null,
      idempotencyKey: `agent-notice:${notificationId}`,
    });
  } catch (err) {
    // Handed back for the retry; after the last one it is marked so it is not sent forever.
    if (attempt.finalAttempt) await done(db);
    else
      await db
        .update(agentNotifications)
        .set({ emailLeaseUntil: null })
        .where(eq(agentNotifications.id, notificationId));
    throw err;
  }
  await done(db);
}

/** Longer than a send can take (the transport's timeouts), shorter than a retry's wait. */
const AGENT_NOTICE_LEASE_SECONDS = 45;
