import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { type AgentNotice, mentionedAgents, notifyAgents } from './agent-notices.ts';
import { postTicketNotice } from './customer-notices.ts';
import { agentReplyNotice } from './inbox.ts';

const PREVIEW = 140;
const preview = (text: string) => (text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text);
const STAFF = new Set(['agent', 'integration']);

/**
 * The people who hear about a ticket's changes:
 * - `notifications.customer-status` (in transaction): the customer's inbox (站内信) hears that
 *   staff solved the ticket or need more information; a grouped row per ticket.
 * - `notifications.customer-reply` (job `inbox.agent-reply`): a public staff reply becomes an
 *   inbox entry, built after the commit.
 * - `notifications.agents` (in transaction): the new assignee, the agents @mentioned in a note,
 *   the assignee of a ticket the customer wrote on; one insert per write.
 */
export function subscribeNotices(): void {
  subscribeToTicketEvents({
    name: 'notifications.customer-status',
    mode: 'in_transaction',
    events: ['status.changed'],
    async handle(tx, events) {
      for (const e of events) {
        if (e.type !== 'status.changed' || e.actor.actorType === 'customer') continue;
        if (e.to !== 'solved' && e.to !== 'pending') continue;
        await postTicketNotice(tx, {
          ticketId: e.ticket.id,
          kind: e.to === 'solved' ? 'solved' : 'needs_info',
          sourceId: e.messageId ?? `${e.ticket.id}:${e.to}@${e.at.toISOString()}`,
          preview:
            e.to === 'solved'
              ? '请为本次服务评分 · Please rate our help'
              : '请在工单中回复 · Please reply on the ticket',
        });
      }
    },
  });

  subscribeToTicketEvents({
    name: 'notifications.customer-reply',
    mode: 'job',
    events: ['message.added'],
    job: agentReplyNotice,
    jobsFor: (events) =>
      events.flatMap((e) =>
        e.type === 'message.added' && e.message.visibility === 'public' && STAFF.has(e.message.authorType)
          ? [{ messageId: e.message.id }]
          : [],
      ),
  });

  subscribeToTicketEvents({
    name: 'notifications.agents',
    mode: 'in_transaction',
    events: ['message.added', 'assignee.changed'],
    async handle(tx, events) {
      const notices: AgentNotice[] = [];
      for (const e of events) {
        const label = `${formatTicketNumber(e.ticket.number)} ${e.ticket.title}`;
        if (e.type === 'assignee.changed') {
          // A chat given to an agent is announced by the chat itself (its frames, its sound).
          if (typeof e.to === 'string' && e.to !== e.actor.actorId && !e.liveChat) {
            notices.push({
              agentId: e.to,
              ticketId: e.ticket.id,
              kind: 'assigned',
              sourceKey: `${e.ticket.id}@${e.at.toISOString()}`,
              title: label,
            });
          }
          continue;
        }
        if (e.type !== 'message.added') continue;
        if (e.actor.actorType === 'customer' && e.message.visibility === 'public') {
          const notice = customerReplyNotice(e.ticket.id, e.ticket, e.message.id, e.message.body);
          if (notice) notices.push(notice);
        }
        if (e.actor.actorType !== 'customer' && e.message.visibility === 'internal') {
          for (const agentId of await mentionedAgents(tx, e.message.body)) {
            if (agentId === e.actor.actorId) continue;
            notices.push({
              agentId,
              ticketId: e.ticket.id,
              kind: 'mentioned',
              sourceKey: e.message.id,
              title: label,
              body: preview(e.message.body),
            });
          }
        }
      }
      await notifyAgents(tx, notices);
    },
  });
}

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
