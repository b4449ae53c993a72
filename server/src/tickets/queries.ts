import { and, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { fixedPlanStatement } from '../db/fixed-plans.ts';
import type { Binder } from '../db/shaped.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { formatTicketNumber, parseTicketNumber } from './model.ts';
import { tickets } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a ticket reference is an id (else a number such as KF-000123). */
export const isTicketUuid = (ref: string) => UUID.test(ref);

/** Prepared once per database: the agent's ticket page reads it on every open. */
const customerOfTicket = fixedPlanStatement((db) =>
  db
    .select()
    .from(customers)
    .where(
      sql`${customers.id} = (select ${tickets.customerId} from ${tickets} where ${tickets.id} = ${sql.placeholder('id')})`,
    )
    .prepare('kefu_customer_of_ticket'),
);

/** The whole customer row of a ticket (as getCustomer), found from the ticket's id in one statement. */
export async function getCustomerOfTicket(db: Db, ticketId: string) {
  const [row] = await customerOfTicket(db).execute({ id: ticketId });
  return row ?? null;
}

/** A ticket named by its id or its number (KF-000123); null when no such ticket. */
export async function resolveTicketId(db: Db, ref: string): Promise<string | null> {
  if (UUID.test(ref)) {
    const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ref));
    return row?.id ?? null;
  }
  const number = parseTicketNumber(ref);
  if (number === null) return null;
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
  return row?.id ?? null;
}

/** The customer's own ticket, or null: another customer's ticket looks exactly like a missing one. */
export async function resolveOwnTicketId(db: Db, ref: string, customerId: string): Promise<string | null> {
  const id = await resolveTicketId(db, ref);
  if (!id) return null;
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, id), eq(tickets.customerId, customerId)));
  return row?.id ?? null;
}

export const summaryColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  status: tickets.status,
  priority: tickets.priority,
  channel: tickets.channel,
  tags: tickets.tags,
  teamId: tickets.teamId,
  categoryId: tickets.categoryId,
  categoryCode: categories.code,
  categoryNameZh: categories.nameZh,
  categoryNameEn: categories.nameEn,
  assigneeId: tickets.assigneeId,
  assigneeName: agents.name,
  customerId: tickets.customerId,
  customerUid: customers.uid,
  customerName: customers.name,
  customerEmail: customers.email,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  lastActivityAt: tickets.lastActivityAt,
  firstResponseAt: tickets.firstResponseAt,
  solvedAt: tickets.solvedAt,
  // The clocks' summary, kept on the ticket's row by the service-level clocks' subscriber.
  slaDueAt: tickets.slaDueAt,
  slaWarnAt: tickets.slaWarnAt,
  slaPaused: tickets.slaPaused,
};

type SummaryColumn = keyof typeof summaryColumns;
export type SummaryRow = {
  [K in SummaryColumn]:
    | (typeof summaryColumns)[K]['_']['data']
    | ((typeof summaryColumns)[K]['_']['notNull'] extends true ? never : null)
    | (K extends
        | 'categoryCode'
        | 'categoryNameZh'
        | 'categoryNameEn'
        | 'assigneeName'
        | 'customerUid'
        | 'customerName'
        | 'customerEmail'
        ? null
        : never);
};

export function presentSummary(row: SummaryRow) {
  return {
    id: row.id,
    number: formatTicketNumber(row.number),
    title: row.title,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    tags: row.tags,
    teamId: row.teamId,
    category: row.categoryId
      ? { id: row.categoryId, code: row.categoryCode, nameZh: row.categoryNameZh, nameEn: row.categoryNameEn }
      : null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName } : null,
    customer: { id: row.customerId, uid: row.customerUid, name: row.customerName, email: row.customerEmail },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    solvedAt: row.solvedAt?.toISOString() ?? null,
    slaDueAt: row.slaDueAt?.toISOString() ?? null,
    slaWarnAt: row.slaWarnAt?.toISOString() ?? null,
    slaPaused: row.slaPaused,
  };
}
export type TicketSummary = ReturnType<typeof presentSummary>;

/**
 * A ticket's summary as its customer sees it: without the desk's own workings — its tags (an
 * agent's or a rule's labels, "suspected_fraud" among them), the team and the agent handling it
 * (a customer sees "support", never a person's name or id) and the service-level clocks. The
 * keys stay, empty, so one type and one API shape serve both.
 */
export function customerSummary<T extends TicketSummary>(summary: T): T {
  return {
    ...summary,
    tags: [],
    teamId: null,
    assignee: null,
    slaDueAt: null,
    slaWarnAt: null,
    slaPaused: false,
  };
}

function summaryQuery(db: Db) {
  return db
    .select(summaryColumns)
    .from(tickets)
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .innerJoin(customers, eq(customers.id, tickets.customerId));
}

/** The message a search highlights: the first holding the whole query, else one of its words. */
const matchedMessage = (patterns: SQL | Placeholder, whole: SQL | Placeholder) =>
  sql<string | null>`(select m.body from messages m where m.ticket_id = ${tickets.id}
          and m.body ilike any(${patterns}::text[])
          order by (m.body ilike ${whole}) desc, m.seq limit 1)`;

/**
 * Summaries of these tickets, in this order, each with the ticket's field values and its
 * customer's phone (what agent search highlights besides the summary), and per ticket the first
 * message holding the whole query (`whole`), else the first holding one of `patterns` (ILIKE
 * patterns; an index range of the ticket's messages, a thread of 500 is still small): one
 * statement for all, prepared once per database (every search page sends it).
 */
const summariesWithContact = fixedPlanStatement((db) =>
  db
    .select({
      ...summaryColumns,
      fields: tickets.fields,
      phone: customers.phone,
      text: matchedMessage(sql.placeholder('patterns'), sql.placeholder('whole')),
    })
    .from(tickets)
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(sql`${tickets.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('kefu_ticket_summaries_with_contact'),
);

export async function getTicketSummariesWithContact(
  db: Db,
  ids: string[],
  match: { patterns: string[]; whole: string },
): Promise<SummaryWithContact[]> {
  if (!ids.length) return [];
  const rows = await summariesWithContact(db).execute({ ids, patterns: match.patterns, whole: match.whole });
  const byId = new Map(
    rows.map(({ fields, phone, text, ...r }) => [
      r.id,
      { summary: presentSummary(r as SummaryRow), fields: fields as Record<string, unknown>, phone, text },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What a search result is highlighted in besides its summary (see summariesWithContact). */
export type SummaryWithContact = {
  summary: TicketSummary;
  fields: Record<string, unknown>;
  phone: string | null;
  text: string | null;
};

/**
 * summariesWithContact's rows for the ids `ids` (SQL giving a uuid[]) as one JSON array, to ride
 * inside another statement: agent search's statement for an identifier then answers in one
 * statement and one wait instead of two (read back by summariesFromJson).
 */
export function summariesWithContactJson(ids: SQL, b: Binder, match: { patterns: string[]; whole: string }) {
  const patterns = b.value('patterns', match.patterns);
  const whole = b.value('whole', match.whole);
  return sql`(select json_agg(json_build_object(${summaryJsonPairs()}, 'text', ${matchedMessage(patterns, whole)}))
    ${summaryJsonFrom()} where ${tickets.id} = any(${ids}))`;
}

// The pieces with no value in them, built once: the statement is built on every search (db/shaped.ts
// keeps only its compiled text), and these thirty pairs were most of its building.
let pairsBuilt: SQL | undefined;
const summaryJsonPairs = () =>
  (pairsBuilt ??= sql.join(
    Object.entries({ ...summaryColumns, fields: tickets.fields, phone: customers.phone }).map(
      ([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`,
    ),
    sql`, `,
  ));
let fromBuilt: SQL | undefined;
const summaryJsonFrom = () =>
  (fromBuilt ??= sql`from ${tickets}
    left join ${categories} on ${categories.id} = ${tickets.categoryId}
    left join ${agents} on ${agents.id} = ${tickets.assigneeId}
    join ${customers} on ${customers.id} = ${tickets.customerId}`);

const TIMES = [
  'createdAt',
  'updatedAt',
  'lastActivityAt',
  'firstResponseAt',
  'solvedAt',
  'slaDueAt',
  'slaWarnAt',
];

/** summariesWithContactJson's array, as getTicketSummariesWithContact gives it, in the order of `ids`. */
export function summariesFromJson(json: unknown, ids: string[]): SummaryWithContact[] {
  const rows = (typeof json === 'string' ? JSON.parse(json) : (json ?? [])) as Array<Record<string, unknown>>;
  const byId = new Map<string, SummaryWithContact>();
  for (const { fields, phone, text, ...r } of rows) {
    // JSON writes a time as text (ISO 8601 with the session's offset); a row read as columns
    // gives a Date cut to the millisecond, as `new Date` cuts this text.
    for (const k of TIMES) if (typeof r[k] === 'string') r[k] = new Date(r[k]);
    const summary = presentSummary(r as unknown as SummaryRow);
    byId.set(summary.id, {
      summary,
      fields: fields as Record<string, unknown>,
      phone: phone as string | null,
      text: text as string | null,
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function getTicketSummary(db: Db, id: string): Promise<TicketSummary | null> {
  const [row] = await summaryQuery(db).where(eq(tickets.id, id));
  return row ? presentSummary(row as SummaryRow) : null;
}
