import { eq, type SQL, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { fixedPlanStatement } from '../db/fixed-plans.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { mergedInto } from './merge-tickets.ts';
import {
  customerSummary,
  presentSummary,
  type SummaryRow,
  summaryColumns,
  type TicketSummary,
} from './queries.ts';
import { tickets } from './schema.ts';

/** A ticket with its thread, evidence and history, as one audience may see it. */
export type TicketDetail = TicketSummary & {
  description: string;
  fields: Record<string, unknown>;
  /** The desk's custom fields: the staff's view only (they are the desk's notes on the ticket). */
  customFields: Record<string, unknown>;
  lastSeq: number;
  /** Set on a merged ticket: the ticket its thread went to, which pages and clients follow. */
  mergedInto: { id: string; number: string } | null;
  messages: Array<{
    id: string;
    seq: number;
    clientId: string | null;
    authorType: string;
    authorId: string | null;
    authorName: string | null;
    visibility: string;
    body: string;
    createdAt: string;
    attachments: Array<{ id: string; fileName: string; contentType: string; sizeBytes: number; url: string }>;
  }>;
  history: Array<{
    seq: number;
    kind: string;
    actorType: string;
    actorId: string | null;
    from: unknown;
    to: unknown;
    at: string;
  }>;
  attachmentCount: number;
  /** Visible messages older than the first in `messages` (the staff's detail carries the newest THREAD_PAGE). */
  earlierMessages: number;
};

/**
 * A timestamp as JavaScript's toISOString() writes it (UTC, milliseconds, "Z"), written by
 * PostgreSQL: a 500-message thread's dates were parsed and re-written one by one in JavaScript.
 * Microseconds are cut, not rounded, as `new Date(text)` cut them.
 */
const isoText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * How many of a thread's newest messages the staff's ticket detail carries; the older ones are
 * read a page at a time (`GET /tickets/:id/messages?before=`). A chat can run to hundreds of
 * messages, and opening one sent, parsed and drew them all.
 */
export const THREAD_PAGE = 100;

/**
 * A page of a ticket's thread as JSON text in the answer's shape, oldest first: who wrote a message
 * is hidden from a customer unless it was the customer; each message with its files and links.
 * `newest` keeps the newest that many (before `before` when it is given); null keeps them all.
 */
function threadJson(ticketId: SQL, staff: boolean, newest: number | null, before?: SQL) {
  const seesAuthor = staff ? sql`true` : sql`m.author_type = 'customer'`;
  const visible = sql`m.ticket_id = ${ticketId} and (${sql.raw(String(staff))} or m.visibility = 'public')${
    before ? sql` and m.seq < ${before}` : sql``
  }`;
  // Newest first through the (ticket_id, seq) index, cut, then written oldest first.
  const cut = newest === null ? sql`` : sql` order by m.seq desc limit ${sql.raw(String(newest))}`;
  const picked = sql`(select * from messages m where ${visible}${cut}) m`;
  return sql<string>`(select coalesce(json_agg(json_build_object(
             'id', m.id, 'seq', m.seq, 'clientId', m.client_id, 'authorType', m.author_type,
             'authorId', case when ${seesAuthor} then m.author_id end,
             'authorName', case when ${seesAuthor} then coalesce(a.name, c.name) end,
             'visibility', m.visibility, 'body', m.body, 'createdAt', ${isoText(sql`m.created_at`)},
             'attachments', coalesce(f.files, '[]'::json)) order by m.seq), '[]'::json)::text
           from ${picked}
           left join agents a on m.author_type = 'agent' and a.id = m.author_id
           left join customers c on m.author_type = 'customer' and c.id = m.author_id
           left join (select f.message_id, json_agg(json_build_object(
                        'id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
                        'sizeBytes', f.size_bytes, 'url', '/api/v1/attachments/' || f.id) order by f.id) as files
                      from attachments f where f.ticket_id = ${ticketId} and f.message_id is not null
                      group by f.message_id) f on f.message_id = m.id)`;
}

/** How many visible messages a page of `newest` leaves out before it (0 when it holds them all). */
function earlierThan(ticketId: SQL, staff: boolean, newest: number | null, before?: SQL) {
  if (newest === null) return sql<number>`0`;
  return sql<number>`greatest((select count(*)::int from messages m
           where m.ticket_id = ${ticketId} and (${sql.raw(String(staff))} or m.visibility = 'public')${
             before ? sql` and m.seq < ${before}` : sql``
           }) - ${sql.raw(String(newest))}, 0)`;
}

/**
 * The detail query for one audience, built once per database handle and run as a named prepared
 * statement. The thread (the staff's: its newest THREAD_PAGE messages) and the history come back as
 * JSON text already in the answer's shape, so a long thread is neither parsed nor written again in
 * JavaScript: the text goes into the response as it is (detailText). The history is whole: it is
 * small beside the messages, and the ticket's side panels read its newest entries of a kind.
 */
function buildDetailQuery(db: Db, staff: boolean) {
  // A customer's own ticket is read whole (their pages have no "earlier messages" yet).
  const newest = staff ? THREAD_PAGE : null;
  return db
    .select({
      ...summaryColumns,
      description: tickets.description,
      fields: tickets.fields,
      customFields: tickets.customFields,
      lastSeq: tickets.lastSeq,
      mergedIntoId: tickets.mergedIntoId,
      messages: threadJson(sql`${tickets.id}`, staff, newest),
      earlierMessages: earlierThan(sql`${tickets.id}`, staff, newest),
      attachmentCount: sql<number>`(select count(*)::int from attachments f join messages m on m.id = f.message_id
           where f.ticket_id = ${tickets.id} and m.ticket_id = ${tickets.id}
             and (${sql.raw(String(staff))} or m.visibility = 'public'))`,
      history: sql<string>`(select coalesce(json_agg(json_build_object(
             'seq', e.seq, 'kind', e.kind, 'actorType', e.actor_type,
             'actorId', ${staff ? sql`e.actor_id` : sql`null::uuid`},
             'from', e.from_value, 'to', e.to_value, 'at', ${isoText(sql`e.created_at`)}) order by e.seq), '[]'::json)::text
           from ticket_events e
           where e.ticket_id = ${tickets.id} and (${sql.raw(String(staff))} or e.kind = 'status'))`,
    })
    .from(tickets)
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, sql.placeholder('id')))
    .prepare(staff ? 'kefu_ticket_detail_json_staff' : 'kefu_ticket_detail_json_customer');
}

/** A page of older messages for the staff: the newest THREAD_PAGE before `before`, oldest first. */
const earlierPageQuery = fixedPlanStatement((db) =>
  db
    .select({
      messages: threadJson(
        sql`${sql.placeholder('id')}::uuid`,
        true,
        THREAD_PAGE,
        sql`${sql.placeholder('before')}::int`,
      ),
      earlierMessages: earlierThan(
        sql`${sql.placeholder('id')}::uuid`,
        true,
        THREAD_PAGE,
        sql`${sql.placeholder('before')}::int`,
      ),
    })
    .from(sql`(select 1) one`)
    .prepare('kefu_ticket_earlier_messages'),
);

/**
 * The THREAD_PAGE messages of a ticket's thread before seq `before` (oldest first, as JSON text in
 * the detail's shape) and how many visible messages are older still: the agent's "show earlier".
 */
export async function readEarlierMessages(
  db: Db,
  id: string,
  before: number,
): Promise<{ messages: string; earlierMessages: number }> {
  const [row] = await earlierPageQuery(db).execute({ id, before });
  return { messages: row?.messages ?? '[]', earlierMessages: Number(row?.earlierMessages ?? 0) };
}

const detailQueries = fixedPlanStatement((db) => ({
  staff: buildDetailQuery(db, true),
  customer: buildDetailQuery(db, false),
}));

/** A ticket's detail as read: its members, and the thread and history as JSON text. */
export interface DetailParts {
  head: Record<string, unknown>;
  attachmentCount: number;
  earlierMessages: number;
  messages: string;
  history: string;
}

/** Reads a ticket's detail for `audience` (detailText writes it); null when no such ticket. */
export async function readTicketDetail(
  db: Db,
  id: string,
  audience: 'staff' | 'customer',
): Promise<DetailParts | null> {
  const staff = audience === 'staff';
  const [found] = await detailQueries(db)[audience].execute({ id });
  if (!found) return null;
  const {
    description,
    fields,
    customFields,
    lastSeq,
    mergedIntoId,
    messages,
    earlierMessages,
    history,
    attachmentCount,
    ...summaryRow
  } = found;
  const presented = presentSummary(summaryRow as SummaryRow);
  const head = {
    ...(staff ? presented : customerSummary(presented)),
    description,
    fields,
    customFields: staff ? customFields : {},
    lastSeq,
    mergedInto: mergedIntoId ? await mergedInto(db, id) : null,
  };
  return {
    head,
    attachmentCount: Number(attachmentCount),
    earlierMessages: Number(earlierMessages),
    messages,
    history,
  };
}

/**
 * The detail as JSON text, with `extra` members set: one the detail has already (the staff's view
 * gives the customer's whole row) is replaced where it stands, the others go last (the mail, the
 * expected reply). The thread and history are spliced in as PostgreSQL wrote them.
 */
export function detailText(parts: DetailParts, extra: Record<string, unknown> = {}): string {
  const head = { ...parts.head };
  const tail: Record<string, unknown> = {
    attachmentCount: parts.attachmentCount,
    earlierMessages: parts.earlierMessages,
  };
  for (const [key, value] of Object.entries(extra)) {
    if (key in head) head[key] = value;
    else tail[key] = value;
  }
  // Both objects have members, so cutting a brace off each leaves valid JSON around the splice.
  return `${JSON.stringify(head).slice(0, -1)},"messages":${parts.messages},"history":${parts.history},${JSON.stringify(tail).slice(1)}`;
}

/**
 * A ticket with its thread, evidence and history, as `audience` may see it: a customer sees public
 * messages only and, of the history, the status changes. One query (the summary's columns and
 * JSON subqueries for the rest): this runs after every create and change.
 */
export async function getTicketDetail(
  db: Db,
  id: string,
  audience: 'staff' | 'customer',
): Promise<TicketDetail | null> {
  const parts = await readTicketDetail(db, id, audience);
  return parts === null ? null : (JSON.parse(detailText(parts)) as TicketDetail);
}
