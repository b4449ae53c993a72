import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { AttachmentRef, TimelineItem } from '../../../shared/chat-protocol.ts';
import { attachments } from '../attachments/schema.ts';
import type { Executor } from '../db/client.ts';
import { agents } from '../identity/schema.ts';
import { messages, ticketEvents } from '../tickets/schema.ts';
import { chatMessageExtras } from './schema.ts';

/** Timeline events a customer sees; the rest (tags, priority …) are the desk's business. */
const CUSTOMER_EVENTS = new Set([
  'status',
  'assignee',
  'team',
  'chat_state',
  'transfer',
  // The customer's own checklist answers, so every device of theirs knows the form was sent.
  'checklist',
  // The rating request after the chat ends, and the customer's own rating (score only).
  'csat_request',
  'csat_rating',
]);

export function visibleToCustomer(item: TimelineItem): boolean {
  return item.kind === 'message' ? !item.internal : CUSTOMER_EVENTS.has(item.event);
}

/**
 * Everything of a ticket's timeline after `afterSeq`, in order: what a resuming client missed,
 * or what a node fetches when the bus skipped a number. Reads straight from the database, so it
 * is the same whichever node answers.
 */
export async function loadItems(
  db: Executor,
  ticketId: string,
  afterSeq: number,
  limit = 500,
): Promise<TimelineItem[]> {
  const [rows, events] = await Promise.all([
    db
      .select({
        id: messages.id,
        seq: messages.seq,
        clientId: messages.clientId,
        authorType: messages.authorType,
        authorId: messages.authorId,
        authorName: agents.name,
        visibility: messages.visibility,
        body: messages.body,
        createdAt: messages.createdAt,
        cards: chatMessageExtras.cards,
        offerHandoff: chatMessageExtras.offerHandoff,
      })
      .from(messages)
      .leftJoin(agents, eq(agents.id, messages.authorId))
      .leftJoin(chatMessageExtras, eq(chatMessageExtras.messageId, messages.id))
      .where(and(eq(messages.ticketId, ticketId), gt(messages.seq, afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(limit),
    db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), gt(ticketEvents.seq, afterSeq)))
      .orderBy(asc(ticketEvents.seq))
      .limit(limit),
  ]);
  const files = rows.length
    ? await attachmentsOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  const items: TimelineItem[] = [
    ...rows.map(
      (r): TimelineItem => ({
        kind: 'message',
        seq: r.seq,
        id: r.id,
        clientId: r.clientId,
        authorType: r.authorType,
        authorId: r.authorId,
        authorName: r.authorType === 'agent' ? r.authorName : null,
        internal: r.visibility === 'internal',
        body: r.body,
        attachments: files.get(r.id) ?? [],
        cards: r.cards ?? [],
        offerHandoff: r.offerHandoff === 1,
        createdAt: r.createdAt.toISOString(),
      }),
    ),
    ...events.map(
      (e): TimelineItem => ({
        kind: 'event',
        seq: e.seq,
        event: e.kind,
        from: e.fromValue,
        to: e.toValue,
        actorType: e.actorType,
        createdAt: e.createdAt.toISOString(),
      }),
    ),
  ];
  items.sort((a, b) => a.seq - b.seq);
  // Two separate limits may overlap unevenly: keep only the gap-free prefix up to the smaller end.
  const cutoff = Math.min(
    rows.length === limit ? rows.at(-1)!.seq : Number.POSITIVE_INFINITY,
    events.length === limit ? events.at(-1)!.seq : Number.POSITIVE_INFINITY,
  );
  return items.filter((i) => i.seq <= cutoff);
}

async function attachmentsOf(db: Executor, messageIds: string[]): Promise<Map<string, AttachmentRef[]>> {
  const rows = await db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
    })
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds));
  const out = new Map<string, AttachmentRef[]>();
  for (const a of rows) {
    const list = out.get(a.messageId!) ?? [];
    const url = `/api/v1/attachments/${a.id}`;
    list.push({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      url,
      thumbnailUrl: a.contentType.startsWith('image/') ? `/api/v1/chat/thumbnails/${a.id}` : null,
    });
    out.set(a.messageId!, list);
  }
  return out;
}
