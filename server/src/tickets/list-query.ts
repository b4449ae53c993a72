import { type AnyColumn, and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { fixedPlansOf } from '../db/fixed-plans.ts';
import { type Binder, inlineBinder, runShapedQuery, ShapeBinder } from '../db/shaped.ts';
import { agentTeams, categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import { type Channel, type Priority, TICKET_STATUSES, type TicketStatus } from './model.ts';
import { presentSummary, type SummaryRow, summaryColumns, type TicketSummary } from './queries.ts';
import { PRIORITY_RANK_SQL, tickets } from './schema.ts';

/**
 * The inbox's lists: filters, sorts, keyset cursors and bounded counts, each statement compiled
 * once per shape (db/shaped.ts) and run with the request's values.
 */

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
  /**
   * Tickets whose custom field `key` holds exactly `value` (typed as the field is): a field of the
   * ticket, or with `entity: 'customer'` a field of the ticket's customer.
   */
  customField?: { entity?: 'ticket' | 'customer'; key: string; value: string | number | boolean };
  /** Column and direction, e.g. `-lastActivityAt` (newest first, the default) or `priority`. */
  sort?: TicketSort;
}

export const SLA_FILTERS = ['breached', 'near', 'paused', 'ticking'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

/**
 * Tickets whose clocks are in that state now, from the summary the clocks' subscriber keeps on the
 * ticket (its due time compared with the time of the query):
 * - breached: a ticking clock's due time has passed;
 * - near: the earliest warning time (75 % of a target) has passed and no ticking clock is due
 *   yet, which is the inbox badge's "near" (a ticket already breached is listed as breached);
 * - paused: a clock waits on the customer or a third party;
 * - ticking: a clock runs toward a due time.
 */
function slaCondition(filter: SlaFilter): SQL {
  const t = tickets;
  switch (filter) {
    case 'breached':
      return sql`${t.slaDueAt} <= now()`;
    case 'near':
      return sql`${t.slaWarnAt} <= now() and ${t.slaDueAt} > now()`;
    case 'paused':
      return sql`${t.slaPaused}`;
    case 'ticking':
      return sql`${t.slaDueAt} is not null`;
  }
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

function keysetCondition(key: SortKey, values: string[], b: Binder): SQL {
  const left = sql.join(
    key.columns.map((c) => c.expr),
    sql`, `,
  );
  const right = sql.join(
    key.columns.map((c, i) => sql`${b.value(`after${i}`, values[i])}::${sql.raw(c.cast)}`),
    sql`, `,
  );
  return key.descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/**
 * The conditions on status, teams and assignee, for the tickets' own columns or for the view
 * counters' (view-counters.ts), which are kept by the same three columns.
 */
export function statusCondition(column: AnyColumn, wanted: TicketStatus[], b: Binder): SQL {
  // The statuses are written into the text (a handful of known words, in one order), not sent as
  // a value: a generic plan (db/fixed-plans.ts) can then prove the views' partial indexes from
  // them, as a plan made for the values does.
  const statuses = TICKET_STATUSES.filter((x) => wanted.includes(x));
  b.shape(`status:${statuses.join('|')}`);
  return statuses.length
    ? sql`${column} in (${sql.raw(statuses.map((x) => `'${x}'`).join(', '))})`
    : sql`false`;
}

/**
 * `= any(array(…))`: the teams are read once (an init plan), so the team index answers as for a
 * list of ids; an agent of no team gets `any('{}')`, no ticket.
 */
export function teamsOfAgentCondition(column: AnyColumn, agentId: string, b: Binder): SQL {
  return sql`${column} = any(array(select ${agentTeams.teamId} from ${agentTeams} where ${agentTeams.agentId} = ${b.value('teams-of', agentId)}))`;
}

/** An agent id, or 'none' for unassigned. */
export function assigneeCondition(column: AnyColumn, assignee: string, b: Binder): SQL {
  if (assignee !== 'none') return sql`${column} = ${b.value('assignee', assignee)}`;
  b.shape('unassigned');
  return isNull(column);
}

/**
 * The conditions of a list's filters (all but the search text), on the tickets table alone. Lists
 * of values are one array parameter each (`= any(…)`), so their length is not part of the shape.
 */
export function filterConditions(filters: TicketFilters, b: Binder = inlineBinder): SQL[] {
  const where: SQL[] = [];
  const t = tickets;
  if (filters.status?.length) where.push(statusCondition(t.status, filters.status, b));
  if (filters.priority?.length)
    where.push(sql`${t.priority} = any(${b.value('priority', filters.priority)}::text[])`);
  if (filters.categoryId) where.push(sql`${t.categoryId} = ${b.value('category', filters.categoryId)}`);
  if (filters.teamId) where.push(sql`${t.teamId} = ${b.value('team', filters.teamId)}`);
  if (filters.teamIds) {
    if (!filters.teamIds.length) b.shape('no-teams');
    where.push(
      filters.teamIds.length
        ? sql`${t.teamId} = any(${b.value('teams', filters.teamIds)}::uuid[])`
        : sql`false`,
    );
  }
  if (filters.teamsOfAgent) where.push(teamsOfAgentCondition(t.teamId, filters.teamsOfAgent, b));
  if (filters.assignee) where.push(assigneeCondition(t.assigneeId, filters.assignee, b));
  if (filters.tag) where.push(sql`${t.tags} @> array[${b.value('tag', filters.tag)}::text]`);
  if (filters.channel) where.push(sql`${t.channel} = ${b.value('channel', filters.channel)}`);
  if (filters.customerId) where.push(sql`${t.customerId} = ${b.value('customer', filters.customerId)}`);
  if (filters.sla) {
    b.shape(`sla:${filters.sla}`);
    where.push(slaCondition(filters.sla));
  }
  // Containment, which the custom fields' GIN index answers; absent from the default views.
  if (filters.customField) {
    const json = JSON.stringify({ [filters.customField.key]: filters.customField.value });
    if (filters.customField.entity === 'customer') {
      // The customers with that value first (their own GIN index), then their tickets by customer.
      b.shape('customer-field');
      where.push(
        sql`${t.customerId} = any(array(select ${customers.id} from ${customers} where ${customers.customFields} @> ${b.value('customer-field', json)}::jsonb))`,
      );
    } else where.push(sql`${t.customFields} @> ${b.value('field', json)}::jsonb`);
  }
  return where;
}

/**
 * Whether one plan serves a list of these filters whatever their values, so that its statement
 * may run with a generic plan made once per connection (db/fixed-plans.ts): the statuses are in
 * its text, and each other value (an agent, a team, a customer, the agent's teams) only picks a
 * range of the index the view walks. A tag, a priority, a channel, a category or a field value
 * may match a handful of tickets or half the desk, and the best plan differs (an index of the
 * value and a sort, or a walk in activity order): those lists are planned for their values.
 */
export function planHoldsForAnyValues(filters: TicketFilters): boolean {
  return (
    !filters.q &&
    !filters.priority?.length &&
    !filters.tag &&
    !filters.channel &&
    !filters.categoryId &&
    !filters.customField
  );
}

/** Counts stop here: past it a view shows "10,000+" (an exact count would read every row). */
export const COUNT_CAP = 10_000;

/** How many rows match, read no further than the cap (`select 1 … limit cap + 1`). */
export function boundedCount(where: SQL[]): SQL {
  return sql`(select count(*) from (select 1 from ${tickets} where ${where.length ? and(...where) : sql`true`} limit ${sql.raw(String(COUNT_CAP + 1))}) c)`;
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

type PageRow = SummaryRow & { keys: string[]; total: string | number | null };

// Agent search, loaded on the first search and kept: a dynamic import runs the module loader's
// look-up on every call (~0.01 ms a search in a profile).
let searchModule: Promise<typeof import('../ticket-search/search.ts')> | undefined;

/**
 * A page of tickets: the page's ids come from the tickets table alone, in the order of an index
 * (keyset), then only those rows are joined to their category, assignee and customer.
 * A search (`q`) is answered by agent search (ticket-search/search.ts), ranked.
 */
export async function listTickets(db: Db, filters: TicketFilters, page: ListPage): Promise<TicketList> {
  if (filters.q?.trim()) {
    searchModule ??= import('../ticket-search/search.ts');
    const { searchTickets } = await searchModule;
    return searchTickets(db, { ...filters, q: filters.q.trim() }, page);
  }
  const sort = filters.sort ?? '-lastActivityAt';
  const key = sortKeyOf(sort);
  const b = new ShapeBinder();
  b.shape(sort);
  // A generic plan needs the page's size in its text: with LIMIT as a value the planner assumes a
  // tenth of the rows are wanted and may sort them all rather than walk an index for 26.
  const fixedPlan = planHoldsForAnyValues(filters) && !page.offset;
  if (fixedPlan) b.shape(`fixed:${page.limit}`);
  // The page's statement is built on, and runs on, the connections its plan calls for.
  const on = fixedPlan ? fixedPlansOf(db) : db;
  const where = filterConditions(filters, b);
  if (page.cursor) {
    b.shape('after');
    where.push(keysetCondition(key, decodeCursor(page.cursor, sort, key.columns.length), b));
  }
  // Drizzle types LIMIT and OFFSET as a number or a placeholder and writes either into the text
  // as given; a number would go as a value, so the fixed plan's size goes in as raw text.
  const inline = (n: number) => sql.raw(String(n)) as unknown as number;
  const limit = fixedPlan ? inline(page.limit + 1) : b.value('limit', page.limit + 1);
  const offset = fixedPlan ? inline(0) : b.value('offset', page.cursor ? 0 : (page.offset ?? 0));
  // The bounded count rides on the page's statement (a scalar subquery, run once), with the
  // filters' own values: one statement and one wait.
  if (page.withTotal) b.shape('total');
  const total = page.withTotal ? boundedCount(filterConditions(filters, b)) : sql`null`;
  const order = key.columns.map((c) => (key.descending ? sql`${c.expr} desc` : sql`${c.expr} asc`));
  // One statement: the page's ids in the order of an index (the CTE), then only those rows joined
  // to their category, assignee and customer and put back in that order.
  const pageIds = on.$with('page').as(
    on
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
      .limit(limit)
      .offset(offset),
  );
  const query = on
    .with(pageIds)
    .select({ ...summaryColumns, keys: pageIds.keys, total: sql<string | number | null>`${total}` })
    .from(pageIds)
    .innerJoin(tickets, eq(tickets.id, pageIds.id))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .orderBy(...order);
  const rows = (await runShapedQuery(on, b, 'list', query, { fixedPlan })) as PageRow[];
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const list: TicketList = {
    items: shown.map((r) => presentSummary(r)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(sort, last.keys) : null,
  };
  if (page.withTotal) {
    // An empty page has no row to carry the count: then there is nothing to count either, unless
    // the page began past the end (a cursor or offset), which a second statement answers.
    const n = rows[0]
      ? Number(rows[0].total ?? 0)
      : page.cursor || page.offset
        ? await countOnly(db, filters)
        : 0;
    list.total = Math.min(n, COUNT_CAP);
    list.totalCapped = n > COUNT_CAP;
  }
  return list;
}

async function countOnly(db: Db, filters: TicketFilters): Promise<number> {
  const result = (await db.execute(
    sql`select ${boundedCount(filterConditions(filters))} as n`,
  )) as unknown as {
    rows: Array<{ n: string | number }>;
  };
  return Number(result.rows[0]?.n ?? 0);
}
