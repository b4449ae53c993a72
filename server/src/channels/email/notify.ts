import { and, eq, inArray, isNotNull, isNull, lte, max, min, or, sql } from 'drizzle-orm';
import { signRatingToken } from '../../csat/rating.ts';
import { customers } from '../../customers/schema.ts';
import { agents } from '../../identity/schema.ts';
import { agentNotifications } from '../../notifications/agent-schema.ts';
import { normaliseLanguage } from '../../platform/i18n.ts';
import { defineJob } from '../../platform/jobs.ts';
import { formatTicketNumber } from '../../tickets/model.ts';
import { tickets } from '../../tickets/schema.ts';
import { recordEvent } from '../../tickets/timeline.ts';
import { sendAutomaticMail, unsubscribeUrl } from './automatic-mail.ts';
import { ticketSubject } from './compose.ts';
import type { OutboundContext } from './outbound.ts';
import { emailAddresses, emailMessages, emailNoticeQueue } from './schema.ts';

/** One mail with every notice of a ticket that is new since its last notification mail. */
export const customerNoticeMail = defineJob<{ ticketId: string }>({
  name: 'email.customer-notices',
  retryLimit: 6,
  retryDelaySeconds: 15,
});

/** One agent notification whose agent chose mail. */
export const agentNoticeMail = defineJob<{ notificationId: string }>({
  name: 'email.agent-notice',
  retryLimit: 6,
  retryDelaySeconds: 15,
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
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(emailNoticeQueue)
        .set({ queuedAt: new Date() })
        .where(and(eq(emailNoticeQueue.ticketId, ticketId), isNull(emailNoticeQueue.queuedAt)))
        .returning({ id: emailNoticeQueue.id });
      if (claimed.length > 0) await jobs.send(customerNoticeMail, { ticketId }, tx);
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

/** Mails a ticket's queued notices together, in the customer's language. */
export async function mailCustomerNotices(
  ctx: OutboundContext,
  ticketId: string,
  attempt: { finalAttempt: boolean },
) {
  const { db, config } = ctx.services;
  // Claimed by this job alone; a failure hands them back for the retry.
  const notices = await db
    .update(emailNoticeQueue)
    .set({ mailedAt: new Date() })
    .where(
      and(
        eq(emailNoticeQueue.ticketId, ticketId),
        isNotNull(emailNoticeQueue.queuedAt),
        isNull(emailNoticeQueue.mailedAt),
      ),
    )
    .returning();
  if (notices.length === 0) return;
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
  if (!ticket || ticket.channel === 'email') return;
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
    await db.insert(emailMessages).values({
      direction: 'outbound',
      ticketId,
      fromAddress: from,
      toAddress: to,
      kind: 'notification',
      status: 'skipped',
      error: skip,
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
  paragraphs.push(en ? `Reply on the ticket in the help center.` : `请在帮助中心的工单中回复。`);
  try {
    const rfcMessageId = await sendAutomaticMail(ctx, {
      to,
      language,
      subject: ticketSubject(language, ticket.number, ticket.title, true),
      paragraphs,
      ticket: { id: ticketId, number: ticket.number },
      unsubscribeUrl: unsubscribeUrl(config.appSecret, config.publicUrl, to),
    });
    await db.insert(emailMessages).values({
      direction: 'outbound',
      ticketId,
      rfcMessageId,
      fromAddress: from,
      toAddress: to,
      kind: 'notification',
      status: 'sent',
      subject: ticketSubject(language, ticket.number, ticket.title, true),
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (attempt.finalAttempt) {
      await recordEvent(db, ticketId, { actorType: 'system', actorId: null }, 'email_send_failed', null, {
        kind: 'notification',
        to,
        messageId: null,
        error,
      });
    } else {
      const ids = notices.map((n) => n.id);
      await db.update(emailNoticeQueue).set({ mailedAt: null }).where(inArray(emailNoticeQueue.id, ids));
    }
    throw err;
  }
}

/** Mails one agent notification, once: the conditional update lets only one node send it. */
export async function mailAgentNotice(
  ctx: OutboundContext,
  notificationId: string,
  attempt: { finalAttempt: boolean },
) {
  const { db, config } = ctx.services;
  const [notice] = await db
    .update(agentNotifications)
    .set({ emailedAt: sql`now()` })
    .where(
      and(
        eq(agentNotifications.id, notificationId),
        eq(agentNotifications.email, true),
        isNull(agentNotifications.emailedAt),
      ),
    )
    .returning();
  if (!notice) return;
  const [agent] = await db
    .select({ email: agents.email, language: agents.language, disabledAt: agents.disabledAt })
    .from(agents)
    .where(eq(agents.id, notice.agentId));
  if (!agent || agent.disabledAt) return;
  const language = normaliseLanguage(agent.language) ?? 'zh-CN';
  const en = language === 'en';
  const what: Record<string, [string, string]> = {
    assigned: ['Assigned to you', '分配给你的工单'],
    mentioned: ['You were mentioned', '有人在备注中提到了你'],
    customer_reply: ['Customer replied', '客户有新回复'],
    sla_near: ['Service level due soon', 'SLA 即将到期'],
    sla_breached: ['Service level breached', 'SLA 已超时'],
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
    });
  } catch (err) {
    // Handed back for the retry; after the last one it stays marked so it is not sent forever.
    if (!attempt.finalAttempt)
      await db
        .update(agentNotifications)
        .set({ emailedAt: null })
        .where(eq(agentNotifications.id, notificationId));
    throw err;
  }
}
