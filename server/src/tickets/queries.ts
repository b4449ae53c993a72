import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { type SlaFilter, slaCondition, slaDueAt, slaPaused, slaWarnAt } from '../sla/list-filters.ts';
import {
  type Channel,
  formatTicketNumber,
  type Priority,
  parseTicketNumber,
  type TicketStatus,
} from './model.ts';
import { tickets } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  /** A ticket number, a customer's UID or email, or words of the title and description. */
  q?: string;
  /** Tickets with an SLA clock in this state now. */
  sla?: SlaFilter;
  /** Tickets of any of these teams (the "my teams" view). */
  teamIds?: string[];
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

/** Priorities by rank, so "priority" sorts urgent → low rather than alphabetically. */
const priorityRank = sql`case ${tickets.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`;

function orderOf(sort: TicketSort = '-lastActivityAt'): SQL[] {
  // Least time left first; tickets with no running clock after them.
  if (sort === 'sla')
    return [sql`${slaDueAt} asc nulls last`, desc(tickets.lastActivityAt), desc(tickets.number)];
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column =
    key === 'createdAt'
      ? tickets.createdAt
      : key === 'priority'
        ? priorityRank
        : key === 'number'
          ? tickets.number
          : tickets.lastActivityAt;
  // "priority" reads naturally as most urgent first; the minus sign turns it around.
  const wantDesc = key === 'priority' ? !descending : descending;
  return [wantDesc ? desc(column) : asc(column), desc(tickets.number)];
}

export async function listTickets(db: Db, filters: TicketFilters, page: { limit: number; offset: number }) {
  const where: SQL[] = [];
  if (filters.status?.length) where.push(inArray(tickets.status, filters.status));
  if (filters.priority?.length) where.push(inArray(tickets.priority, filters.priority));
  if (filters.categoryId) where.push(eq(tickets.categoryId, filters.categoryId));
  if (filters.teamId) where.push(eq(tickets.teamId, filters.teamId));
  if (filters.teamIds) {
    where.push(filters.teamIds.length ? inArray(tickets.teamId, filters.teamIds) : sql`false`);
  }
  if (filters.assignee === 'none') where.push(isNull(tickets.assigneeId));
  else if (filters.assignee) where.push(eq(tickets.assigneeId, filters.assignee));
  if (filters.tag) where.push(arrayContains(tickets.tags, [filters.tag]));
  if (filters.channel) where.push(eq(tickets.channel, filters.channel));
  if (filters.customerId) where.push(eq(tickets.customerId, filters.customerId));
  if (filters.sla) where.push(slaCondition(filters.sla));
  if (filters.q?.trim()) {
    const q = filters.q.trim();
    const number = parseTicketNumber(q);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const options: SQL[] = [
      ilike(tickets.title, like),
      ilike(tickets.description, like),
      eq(customers.uid, q),
      sql`lower(${customers.email}) = lower(${q})`,
    ];
    if (number !== null) options.push(eq(tickets.number, number));
    where.push(or(...options)!);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    summaryQuery(db)
      .where(condition)
      .orderBy(...orderOf(filters.sort))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: count() })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(condition),
  ]);
  return { items: (rows as SummaryRow[]).map(presentSummary), total: total?.n ?? 0 };
}

export async function getTicketSummary(db: Db, id: string): Promise<TicketSummary | null> {
  const [row] = await summaryQuery(db).where(eq(tickets.id, id));
  return row ? presentSummary(row as SummaryRow) : null;
}
