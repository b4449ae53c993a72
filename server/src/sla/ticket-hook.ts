import { eq } from 'drizzle-orm';
import { requestRating } from '../csat/rating.ts';
import type { Executor } from '../db/client.ts';
import { type AgentNotice, mentionedAgents, notifyAgents } from '../notifications/agent-notices.ts';
import { postTicketNotice } from '../notifications/customer-notices.ts';
import { formatTicketNumber, type TicketStatus } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { Actor } from '../tickets/timeline.ts';
import { refreshTicketSla } from './refresh.ts';

/** A new ticket's clocks are written by its insert (sla/new-ticket.ts); nothing else follows it. */
export type TicketChange =
  | {
      kind: 'updated';
      actor: Actor;
      events: ReadonlyArray<readonly [kind: string, from: unknown, to: unknown]>;
    }
  | {
      kind: 'message';
      actor: Actor;
      messageId: string;
      visibility: 'public' | 'internal';
      body: string;
      status: readonly [from: TicketStatus, to: TicketStatus] | null;
    };

const PREVIEW = 140;
const preview = (text: string) => (text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text);

/** The assignee hears about a customer's public message (the live chat raises these in batches). */
export function customerReplyNotice(
  ticketId: string,
  ticket: { number: number; title: string; assigneeId: string | null },
  messageId: string,
  body: string,
): AgentNotice | null {
  if (!ticket.assigneeId) return null;
  return {
    agentId: ticket.assigneeId,
    ticketId,
    kind: 'customer_reply',
    sourceKey: messageId,
    title: `${formatTicketNumber(ticket.number)} ${ticket.title}`,
    body: preview(body),
  };
}

/**
 * Everything that follows a ticket change, inside its transaction: the SLA clocks are recomputed,
 * agents hear about assignments, mentions and customer replies, and the customer's inbox hears
 * about a solution or a request for more information. One call from each ticket write path.
 */
export async function onTicketChanged(tx: Executor, ticketId: string, change: TicketChange): Promise<void> {
  const now = new Date();
  await refreshTicketSla(tx, ticketId, now);
  const [ticket] = await tx
    .select({ number: tickets.number, title: tickets.title, assigneeId: tickets.assigneeId })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  if (!ticket) return;
  const label = `${formatTicketNumber(ticket.number)} ${ticket.title}`;
  const notices: AgentNotice[] = [];
  const byStaff = change.actor.actorType !== 'customer';
  const statusTo = async (to: unknown, sourceId: string) => {
    if (!byStaff || (to !== 'solved' && to !== 'pending')) return;
    // Solved (a chat that ended too): the rating request joins the timeline before the notice.
    if (to === 'solved') await requestRating(tx, ticketId);
    await postTicketNotice(tx, {
      ticketId,
      kind: to === 'solved' ? 'solved' : 'needs_info',
      sourceId,
      preview:
        to === 'solved'
          ? '请为本次服务评分 · Please rate our help'
          : '请在工单中回复 · Please reply on the ticket',
    });
  };

  if (change.kind === 'updated') {
    for (const [kind, , to] of change.events) {
      if (kind === 'assignee' && typeof to === 'string' && to !== change.actor.actorId) {
        notices.push({
          agentId: to,
          ticketId,
          kind: 'assigned',
          sourceKey: `${ticketId}@${now.toISOString()}`,
          title: label,
        });
      }
      if (kind === 'status') await statusTo(to, `${ticketId}:${to}@${now.toISOString()}`);
    }
  } else {
    if (change.status) await statusTo(change.status[1], change.messageId);
    if (change.actor.actorType === 'customer' && change.visibility === 'public') {
      const notice = customerReplyNotice(ticketId, ticket, change.messageId, change.body);
      if (notice) notices.push(notice);
    }
    if (byStaff && change.visibility === 'internal') {
      for (const agentId of await mentionedAgents(tx, change.body)) {
        if (agentId === change.actor.actorId) continue;
        notices.push({
          agentId,
          ticketId,
          kind: 'mentioned',
          sourceKey: change.messageId,
          title: label,
          body: preview(change.body),
        });
      }
    }
  }
  await notifyAgents(tx, notices);
}
