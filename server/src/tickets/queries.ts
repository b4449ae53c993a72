import { and, arrayContains, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { perDatabase } from '../db/per-database.ts';
import { agentTeams, categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import { type SlaFilter, slaCondition, slaDueAt, slaPaused, slaWarnAt } from '../sla/list-filters.ts';
import {
  type Channel,
  formatTicketNumber,
  type Priority,
  parseTicketNumber,
  type TicketStatus,
} from './model.ts';
import { PRIORITY_RANK_SQL, tickets } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a ticket reference is an id (else a number such as KF-000123). */
export const isTicketUuid = (ref: string) => UUID.test(ref);

/** Prepared once per database: the agent's ticket page reads it on every open. */
const customerOfTicket = perDatabase((db) =>
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
  slaDueAt,
  slaWarnAt,
  slaPaused,
};

type SummaryColumn = Exclude<keyof typeof summaryColumns, 'slaDueAt' | 'slaWarnAt' | 'slaPaused'>;
export type SummaryRow = { slaDueAt: Date | null; slaWarnAt: Date | null; slaPaused: boolean } & {
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

export interface TicketFilters {
  status?: TicketStatus[];
  categoryId?: string;
  teamId?: string;
  /** An agent id, or 'none' for unassigned. */
  assignee?: string;
  priority?: Priority[];
  tag?: string;
  channel?: Channel;
  customerId?: string;
  /** Agent search: an id (ticket number, UID, email, TXID …), a customer, or words of the thread. */
  q?: string;
  /** Tickets with an SLA clock in this state now. */
  sla?: SlaFilter;
  /** Tickets of any of these teams (the "my teams" view). */
  teamIds?: string[];
  /**
   * Tickets of any team of this agent, the teams read inside the statement (one round trip fewer).
   * For counts only: a page ordered by activity needs the literal `teamIds` to walk the team's
   * index in order (with an unknown list the planner walks the whole activity index instead).
   */
  teamsOfAgent?: string;
  /** Tickets whose custom field `key` holds exactly `value` (typed as the field is). */
  customField?: { key: string; value: string | number | boolean };
  /** Column and direction, e.g. `-lastActivityAt` (newest first, the default) or `priority`. */
  sort?: TicketSort;
}

export const TICKET_SORTS = [
  'lastActivityAt',
  '-lastActivityAt',
  'createdAt',
  '-createdAt',
  'priority',
  '-priority',
  'number',
  '-number',
  'sla',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/**
 * A sort as an ordered key: the columns, compared as one row, and the direction. Every key ends
 * with the ticket number, so the order is total and a page can start after the last row shown
 * (keyset paging): `(key) < (last row's key)` is a range of an index (tickets/schema.ts), where an
 * OFFSET would read and drop every row before the page.
 */
interface SortKey {
  columns: Array<{ expr: SQL; cast: 'timestamptz' | 'bigint' | 'integer' }>;
  descending: boolean;
}

const priorityRank = sql`(${PRIORITY_RANK_SQL})`;
const activity = { expr: sql`${tickets.lastActivityAt}`, cast: 'timestamptz' as const };
const numberKey = { expr: sql`${tickets.number}`, cast: 'bigint' as const };

function sortKeyOf(sort: TicketSort = '-lastActivityAt'): SortKey {
  // Least time left first, tickets with no ticking clock after them: the earliest due time the
  // clocks' subscriber keeps on the ticket (tickets.sla_due_at), in the order of its index.
  if (sort === 'sla')
    return {
      columns: [
        { expr: sql`coalesce(${tickets.slaDueAt}, 'infinity'::timestamptz)`, cast: 'timestamptz' },
        activity,
        numberKey,
      ],
      descending: false,
    };
  const descending = sort.startsWith('-');
  const key = sort.slice(descending ? 1 : 0);
  // Tickets are numbered as they are created: creation order is number order (and its index).
  if (key === 'number' || key === 'createdAt') return { columns: [numberKey], descending };
  // "priority" reads naturally as most urgent first; the minus sign turns it around.
  if (key === 'priority')
    return {
      columns: [{ expr: priorityRank, cast: 'integer' }, activity, numberKey],
      descending: !descending,
    };
  return { columns: [activity, numberKey], descending };
}

const CURSOR_VERSION = 1;

/** An opaque cursor: the sort and the last row's key (timestamps as PostgreSQL's text, to the µs). */
export function encodeCursor(sort: string, values: string[]): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, sort, values])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, length: number): string[] {
  try {
    const [version, s, values] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      version === CURSOR_VERSION &&
      s === sort &&
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' && v.length < 64)
    )
      return values as string[];
  } catch {
    // falls through to the error below
  }
  throw new AppError('validation_failed', {
    detail: 'cursor does not belong to this list (start again without it)',
  });
}

function keysetCondition(key: SortKey, values: string[]): SQL {
  const left = sql.join(
    key.columns.map((c) => c.expr),
    sql`, `,
  );
  const right = sql.join(
    key.columns.map((c, i) => sql`${values[i]}::${sql.raw(c.cast)}`),
    sql`, `,
  );
  return key.descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/** The conditions of a list's filters (all but the search text), on the tickets table alone. */
export function filterConditions(filters: TicketFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.status?.length) where.push(inArray(tickets.status, filters.status));
  if (filters.priority?.length) where.push(inArray(tickets.priority, filters.priority));
  if (filters.categoryId) where.push(eq(tickets.categoryId, filters.categoryId));
  if (filters.teamId) where.push(eq(tickets.teamId, filters.teamId));
  if (filters.teamIds) {
    where.push(filters.teamIds.length ? inArray(tickets.teamId, filters.teamIds) : sql`false`);
  }
  // `= any(array(…))`: the teams are read once (an init plan), so the team index answers as for
  // a list of ids; an agent of no team gets `any('{}')`, no ticket.
  if (filters.teamsOfAgent) {
    where.push(
      sql`${tickets.teamId} = any(array(select ${agentTeams.teamId} from ${agentTeams} where ${agentTeams.agentId} = ${filters.teamsOfAgent}))`,
    );
  }
  if (filters.assignee === 'none') where.push(isNull(tickets.assigneeId));
  else if (filters.assignee) where.push(eq(tickets.assigneeId, filters.assignee));
  if (filters.tag) where.push(arrayContains(tickets.tags, [filters.tag]));
  if (filters.channel) where.push(eq(tickets.channel, filters.channel));
  if (filters.customerId) where.push(eq(tickets.customerId, filters.customerId));
  if (filters.sla) where.push(slaCondition(filters.sla));
  // Containment, which the custom fields' GIN index answers; absent from the default views.
  if (filters.customField)
    where.push(
      sql`${tickets.customFields} @> ${JSON.stringify({ [filters.customField.key]: filters.customField.value })}::jsonb`,
    );
  return where;
}

/** Counts stop here: past it a view shows "10,000+" (an exact count would read every row). */
export const COUNT_CAP = 10_000;

/** How many rows match, read no further than the cap (`select 1 … limit cap + 1`). */
export function boundedCount(where: SQL[]): SQL {
  return sql`(select count(*) from (select 1 from ${tickets} where ${where.length ? and(...where) : sql`true`} limit ${COUNT_CAP + 1}) c)`;
}

export interface ListPage {
  limit: number;
  /** The previous page's nextCursor. */
  cursor?: string | undefined;
  /** Deprecated: OFFSET paging, for integrations written before cursors (reads the skipped rows). */
  offset?: number | undefined;
  /** Also count the matches (bounded by COUNT_CAP). */
  withTotal?: boolean | undefined;
}

export interface TicketList {
  items: TicketSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
  total?: number;
  /** True when there are more than `total` (= COUNT_CAP) matches. */
  totalCapped?: boolean;
}

/**
 * A page of tickets: the page's ids come from the tickets table alone, in the order of an index
 * (keyset), then only those rows are joined to their category, assignee and customer.
 * A search (`q`) is answered by agent search (ticket-search/search.ts), ranked.
 */
export async function listTickets(db: Db, filters: TicketFilters, page: ListPage): Promise<TicketList> {
  if (filters.q?.trim()) {
    const { searchTickets } = await import('../ticket-search/search.ts');
    return searchTickets(db, { ...filters, q: filters.q.trim() }, page);
  }
  const sort = filters.sort ?? '-lastActivityAt';
  const key = sortKeyOf(sort);
  const where = filterConditions(filters);
  if (page.cursor) where.push(keysetCondition(key, decodeCursor(page.cursor, sort, key.columns.length)));
  const order = key.columns.map((c) => (key.descending ? sql`${c.expr} desc` : sql`${c.expr} asc`));
  // One statement: the page's ids in the order of an index (the CTE), then only those rows joined
  // to their category, assignee and customer and put back in that order. One round trip fewer per
  // page than asking for the ids first: on a busy machine each one waits for a core twice.
  const pageIds = db.$with('page').as(
    db
      .select({
        id: sql<string>`${tickets.id}`.as('page_id'),
        keys: sql<string[]>`array[${sql.join(
          key.columns.map((c) => sql`${c.expr}::text`),
          sql`, `,
        )}]`.as('keys'),
      })
      .from(tickets)
      .where(where.length ? and(...where) : undefined)
      .orderBy(...order)
      .limit(page.limit + 1)
      .offset(page.cursor ? 0 : (page.offset ?? 0)),
  );
  const [rows, total] = await Promise.all([
    db
      .with(pageIds)
      .select({ ...summaryColumns, keys: pageIds.keys })
      .from(pageIds)
      .innerJoin(tickets, eq(tickets.id, pageIds.id))
      .leftJoin(categories, eq(categories.id, tickets.categoryId))
      .leftJoin(agents, eq(agents.id, tickets.assigneeId))
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .orderBy(...order),
    page.withTotal
      ? db.execute(sql`select ${boundedCount(filterConditions(filters))} as n`)
      : Promise.resolve(null),
  ]);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const list: TicketList = {
    items: shown.map((r) => presentSummary(r as SummaryRow)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(sort, last.keys) : null,
  };
  if (total) {
    const n = Number((total as unknown as { rows: Array<{ n: string | number }> }).rows[0]?.n ?? 0);
    list.total = Math.min(n, COUNT_CAP);
    list.totalCapped = n > COUNT_CAP;
  }
  return list;
}

/**
 * Summaries of these tickets, in this order, each with the ticket's field values and its
 * customer's phone (what agent search highlights besides the summary), and per ticket the first
 * message holding the whole query (`whole`), else the first holding one of `patterns` (ILIKE
 * patterns; an index range of the ticket's messages, a thread of 500 is still small): one
 * statement for all, prepared once per database (every search page sends it).
 */
const summariesWithContact = perDatabase((db) =>
  db
    .select({
      ...summaryColumns,
      fields: tickets.fields,
      phone: customers.phone,
      text: sql<string | null>`(select m.body from messages m where m.ticket_id = ${tickets.id}
          and m.body ilike any(${sql.placeholder('patterns')}::text[])
          order by (m.body ilike ${sql.placeholder('whole')}) desc, m.seq limit 1)`,
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
): Promise<
  Array<{
    summary: TicketSummary;
    fields: Record<string, unknown>;
    phone: string | null;
    text: string | null;
  }>
> {
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

export async function getTicketSummary(db: Db, id: string): Promise<TicketSummary | null> {
  const [row] = await summaryQuery(db).where(eq(tickets.id, id));
  return row ? presentSummary(row as SummaryRow) : null;
}
