import { and, desc, eq, isNull } from 'drizzle-orm';
import { emailNoticeQueue } from '../channels/email/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Executor } from '../db/client.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import { inboxMessages } from './schema.ts';

export type CustomerNoticeKind = 'agent_reply' | 'solved' | 'needs_info';

/**
 * Posts a ticket notice to the customer's inbox, grouped: while an earlier notice about the same
 * ticket is still unread, it is brought up to date (newest text, a count of updates) instead of
 * adding another, so a burst of replies is one entry and never a flood.
 */
export async function postTicketNotice(
  tx: Executor,
  input: { ticketId: string; kind: CustomerNoticeKind; sourceId: string; preview: string },
): Promise<void> {
  const [row] = await tx
    .select({
      number: tickets.number,
      title: tickets.title,
      customerId: tickets.customerId,
      channel: tickets.channel,
      language: customers.language,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, input.ticketId))
    // Notices of one ticket take turns (a reply's job and a status change can race), so two
    // never both find "no unread entry" and add one each.
    .for('update', { of: tickets });
  if (!row) return;
  const en = row.language === 'en';
  const number = formatTicketNumber(row.number);
  const [already] = await tx
    .select({ id: inboxMessages.id })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.kind, input.kind), eq(inboxMessages.sourceId, input.sourceId)));
  if (already) return; // a retried job
  // Owed by mail too; the email module decides whether and when to send (see email/notify.ts).
  await tx
    .insert(emailNoticeQueue)
    .values({ ticketId: input.ticketId, kind: input.kind, sourceId: input.sourceId, preview: input.preview })
    .onConflictDoNothing();
  const [unread] = await tx
    .select({ id: inboxMessages.id, title: inboxMessages.title })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.customerId, row.customerId),
        eq(inboxMessages.ticketId, input.ticketId),
        isNull(inboxMessages.readAt),
      ),
    )
    .orderBy(desc(inboxMessages.createdAt))
    .limit(1);
  const count = unread ? updatesIn(unread.title) + 1 : 1;
  const title = titleFor(input.kind, en, number, row.title, count, row.channel === 'chat');
  const values = {
    kind: input.kind,
    sourceId: input.sourceId,
    title,
    body: input.preview,
    createdAt: new Date(),
  };
  if (unread) await tx.update(inboxMessages).set(values).where(eq(inboxMessages.id, unread.id));
  else
    await tx
      .insert(inboxMessages)
      .values({ ...values, customerId: row.customerId, ticketId: input.ticketId });
}

const COUNT = /[（(](\d+)[)）]$/;
function updatesIn(title: string): number {
  return Number(COUNT.exec(title)?.[1] ?? 1);
}

function titleFor(
  kind: CustomerNoticeKind,
  en: boolean,
  number: string,
  subject: string,
  count: number,
  chat: boolean,
) {
  const base =
    kind === 'solved' && chat
      ? en
        ? `Your chat ${number} has ended: ${subject}`
        : `在线咨询 ${number} 已结束：${subject}`
      : kind === 'solved'
        ? en
          ? `${number} was solved: ${subject}`
          : `工单 ${number} 已解决：${subject}`
        : kind === 'needs_info'
          ? en
            ? `We need more information on ${number}: ${subject}`
            : `工单 ${number} 需要你补充信息：${subject}`
          : en
            ? `New reply on ${number}: ${subject}`
            : `工单 ${number} 有新回复：${subject}`;
  if (count <= 1) return base;
  return en ? `${base} (${count})` : `${base}（${count}）`;
}
