import { eq, type SQL, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { mergedInto } from './merge-tickets.ts';
import { customerSummary, presentSummary, type SummaryRow, summaryColumns } from './queries.ts';
import { tickets } from './schema.ts';

interface DetailRow {
  description: string;
  fields: Record<string, unknown>;
  last_seq: number;
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
  }>;
  files: Array<{
    id: string;
    messageId: string | null;
    fileName: string;
    contentType: string;
    sizeBytes: number;
  }>;
  events: Array<{
    seq: number;
    kind: string;
    actorType: string;
    actorId: string | null;
    fromValue: unknown;
    toValue: unknown;
    createdAt: string;
  }>;
}

/**
 * A timestamp as JavaScript's toISOString() writes it (UTC, milliseconds, "Z"), written by
 * PostgreSQL: a 500-message thread's dates were parsed and re-written one by one in JavaScript.
 * Microseconds are cut, not rounded, as `new Date(text)` cut them.
 */
const isoText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The detail query for one audience, built once per database handle and run as a named prepared
 * statement: PostgreSQL parses and plans it once per connection instead of on every create.
 */
function buildDetailQuery(db: Db, staff: boolean) {
  return db
    .select({
      ...summaryColumns,
      description: tickets.description,
      fields: tickets.fields,
      customFields: tickets.customFields,
      lastSeq: tickets.lastSeq,
      mergedIntoId: tickets.mergedIntoId,
      messages: sql<DetailRow['messages']>`(select coalesce(json_agg(x order by x.seq), '[]'::json) from (
           select m.id, m.seq, m.client_id as "clientId", m.author_type as "authorType",
                  m.author_id as "authorId", coalesce(a.name, c.name) as "authorName",
                  m.visibility, m.body, ${isoText(sql`m.created_at`)} as "createdAt"
           from messages m
           left join agents a on m.author_type = 'agent' and a.id = m.author_id
           left join customers c on m.author_type = 'customer' and c.id = m.author_id
           where m.ticket_id = ${tickets.id} and (${sql.raw(String(staff))} or m.visibility = 'public')) x)`,
      files: sql<DetailRow['files']>`(select coalesce(json_agg(f order by f.id), '[]'::json) from (
           select f.id, f.message_id as "messageId", f.file_name as "fileName",
                  f.content_type as "contentType", f.size_bytes as "sizeBytes"
           from attachments f where f.ticket_id = ${tickets.id}) f)`,
      events: sql<DetailRow['events']>`(select coalesce(json_agg(e order by e.seq), '[]'::json) from (
           select e.seq, e.kind, e.actor_type as "actorType", e.actor_id as "actorId",
                  e.from_value as "fromValue", e.to_value as "toValue", ${isoText(sql`e.created_at`)} as "createdAt"
           from ticket_events e
           where e.ticket_id = ${tickets.id} and (${sql.raw(String(staff))} or e.kind = 'status')) e)`,
    })
    .from(tickets)
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, sql.placeholder('id')))
    .prepare(staff ? 'kefu_ticket_detail_staff' : 'kefu_ticket_detail_customer');
}

const detailQueries = new WeakMap<
  Db,
  { staff: ReturnType<typeof buildDetailQuery>; customer: ReturnType<typeof buildDetailQuery> }
>();

/**
 * A ticket with its thread, evidence and history, as `audience` may see it: a customer sees public
 * messages only and, of the history, the status changes. One query (the summary's columns and
 * json_agg subqueries for the rest) rather than five: this runs after every create and change.
 */
export type TicketDetail = NonNullable<Awaited<ReturnType<typeof getTicketDetail>>>;

export async function getTicketDetail(db: Db, id: string, audience: 'staff' | 'customer') {
  const staff = audience === 'staff';
  let queries = detailQueries.get(db);
  if (!queries) {
    queries = { staff: buildDetailQuery(db, true), customer: buildDetailQuery(db, false) };
    detailQueries.set(db, queries);
  }
  const [found] = await queries[audience].execute({ id });
  if (!found) return null;
  const { description, fields, customFields, lastSeq, mergedIntoId, messages, files, events, ...summaryRow } =
    found;
  const presented = presentSummary(summaryRow as SummaryRow);
  const summary = staff ? presented : customerSummary(presented);
  const row = { description, fields, last_seq: lastSeq, messages, files, events };
  const visibleIds = new Set(row.messages.map((m) => m.id));
  const filesOf = new Map<string, DetailRow['files']>();
  for (const f of row.files) {
    if (!f.messageId) continue;
    const list = filesOf.get(f.messageId);
    if (list) list.push(f);
    else filesOf.set(f.messageId, [f]);
  }
  return {
    ...summary,
    description: row.description,
    fields: row.fields,
    /** The desk's custom fields: the staff's view only (they are the desk's notes on the ticket). */
    customFields: staff ? customFields : {},
    lastSeq: row.last_seq,
    /** Set on a merged ticket: the ticket its thread went to, which pages and clients follow. */
    mergedInto: mergedIntoId ? await mergedInto(db, id) : null,
    messages: row.messages.map((m) => ({
      ...m,
      // Agents' names are theirs to show; a customer sees "support" for staff, not who it was.
      authorName: !staff && m.authorType !== 'customer' ? null : m.authorName,
      authorId: !staff && m.authorType !== 'customer' ? null : m.authorId,
      createdAt: m.createdAt,
      attachments: (filesOf.get(m.id) ?? []).map(({ messageId: _, ...f }) => ({
        ...f,
        sizeBytes: Number(f.sizeBytes),
        url: `/api/v1/attachments/${f.id}`,
      })),
    })),
    history: row.events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      actorType: e.actorType,
      actorId: staff ? e.actorId : null,
      from: e.fromValue,
      to: e.toValue,
      at: e.createdAt,
    })),
    attachmentCount: row.files.filter((f) => f.messageId && visibleIds.has(f.messageId)).length,
  };
}
