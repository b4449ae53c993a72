import { and, eq } from 'drizzle-orm';
import { emailMessages } from '../channels/email/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Executor } from '../db/client.ts';
import { businessMsBetween } from '../sla/calendar.ts';
import { messages, tickets } from '../tickets/schema.ts';
import type { ConditionFacts } from './conditions.ts';
import { teamCalendar } from './time-when.ts';

/**
 * Everything a trigger's conditions read, for one ticket and one event: the ticket as it stands
 * now, its customer, the event's message (its text and, for a mail, its authenticity verdict),
 * and whether it is working time on the ticket's team's calendar.
 */
export async function conditionFacts(
  ex: Executor,
  ticketId: string,
  event: { actorType: string; messageId: string | null },
  now = new Date(),
): Promise<ConditionFacts | null> {
  const [row] = await ex
    .select({
      channel: tickets.channel,
      categoryId: tickets.categoryId,
      teamId: tickets.teamId,
      priority: tickets.priority,
      status: tickets.status,
      assigneeId: tickets.assigneeId,
      tags: tickets.tags,
      title: tickets.title,
      description: tickets.description,
      uid: customers.uid,
      name: customers.name,
      email: customers.email,
      region: customers.region,
      language: customers.language,
      ticketFields: tickets.customFields,
      customerFields: customers.customFields,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, ticketId));
  if (!row) return null;
  let text = `${row.title}\n${row.description}`;
  let authenticity: ConditionFacts['mail_authenticity'] = 'none';
  if (event.messageId) {
    const [message] = await ex
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.id, event.messageId));
    if (message) text = `${row.title}\n${message.body}`;
    const [mail] = await ex
      .select({ verified: emailMessages.verified })
      .from(emailMessages)
      .where(and(eq(emailMessages.messageId, event.messageId), eq(emailMessages.direction, 'inbound')));
    if (mail) authenticity = mail.verified ? 'verified' : 'unverified';
  } else if (row.channel === 'email') {
    // The opening mail of a ticket: its first message's verdict.
    const [mail] = await ex
      .select({ verified: emailMessages.verified })
      .from(emailMessages)
      .where(and(eq(emailMessages.ticketId, ticketId), eq(emailMessages.direction, 'inbound')))
      .orderBy(emailMessages.createdAt)
      .limit(1);
    if (mail) authenticity = mail.verified ? 'verified' : 'unverified';
  }
  return {
    channel: row.channel,
    category: row.categoryId,
    team: row.teamId,
    priority: row.priority,
    status: row.status,
    assignee: row.assigneeId,
    language: row.language,
    actor: event.actorType,
    mail_authenticity: authenticity,
    tags: row.tags,
    text,
    customer: { uid: row.uid, name: row.name, email: row.email, region: row.region, language: row.language },
    businessHours: await inBusinessHours(ex, row.teamId, now),
    ticketFields: row.ticketFields,
    customerFields: row.customerFields,
  };
}

/** Working time now on the team's calendar, else the desk's default; always, with no calendar. */
async function inBusinessHours(ex: Executor, teamId: string | null, now: Date): Promise<boolean> {
  const calendar = await teamCalendar(ex, teamId);
  return businessMsBetween(calendar, now.getTime(), now.getTime() + 60_000) > 0;
}
