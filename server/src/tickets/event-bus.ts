import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../db/client.ts';
import type { JobKind, Jobs } from '../platform/jobs.ts';
import type { TicketEvent, TicketEventType } from './events.ts';
import type { Channel, Priority } from './model.ts';

/**
 * The one way a ticket's change reaches the rest of Kefu. Ticket commands call
 * `emitTicketEvents` inside their transaction; every follow-up (service-level clocks, CSAT, the
 * customer's and agents' notices, channel delivery, automations, outgoing webhooks) is a
 * subscriber its own capability registers at boot. Nothing in `tickets/` imports them.
 *
 * A subscriber says here, in its declaration, how it works:
 * - `in_transaction`: runs inside the write's transaction. It must be cheap, and it must not fail
 *   for its own reasons (a failed statement aborts the whole transaction in PostgreSQL): only
 *   writes of the desk's own tables that cannot be refused. Its work commits or rolls back with
 *   the write.
 * - `job`: enqueues pg-boss jobs inside the write's transaction, so a job exists if and only if
 *   the write committed; the work (which may fail, wait or retry) runs later, on any node.
 */
export interface EmitContext {
  db: Db;
  jobs: Jobs;
}

interface SubscriberCommon {
  /** Unique; a second registration under the same name is ignored (several apps per process). */
  name: string;
  /** The event types it hears; others never reach it. */
  events: readonly TicketEventType[];
}

export interface InTransactionSubscriber extends SubscriberCommon {
  mode: 'in_transaction';
  /** Called once per write with that write's events of the types it hears, in timeline order. */
  handle(tx: Executor, events: readonly TicketEvent[], ctx: EmitContext): Promise<void>;
  /**
   * Rows a new ticket starts with, written by the ticket's own insert statement rather than by a
   * statement of their own (a ticket create is one statement; see create-ticket.ts).
   */
  newTicketRows?: NewTicketRows;
}

export interface JobSubscriber<T extends object = object> extends SubscriberCommon {
  mode: 'job';
  /** The job it enqueues; its handler, retries and backoff are declared by the capability. */
  job: JobKind<T>;
  /**
   * Whether it could enqueue anything for an event of this type: a look at a per-node copy of its
   * settings, no query (but for loading the copy: through `ex`, the open transaction when there
   * is one, since an embedded database has a single connection). A new ticket's insert takes a
   * transaction only when someone wants it.
   */
  wants?(db: Db, type: TicketEventType, ex: Executor): boolean | Promise<boolean>;
  /** The jobs' data for these events ([] when nothing is to be done). */
  jobsFor(events: readonly TicketEvent[], ctx: EmitContext & { tx: Executor }): Promise<T[]> | T[];
}

export type TicketSubscriber = InTransactionSubscriber | JobSubscriber<never>;

/** What a new ticket is known to be before its insert (its id is chosen by the writer). */
export interface NewTicketDraft {
  id: string;
  categoryId: string | null;
  teamId: string | null;
  priority: Priority;
  channel: Channel;
  createdAt: Date;
  /** As stored: secrets already masked. */
  title: string;
  description: string;
  fields: Record<string, unknown>;
}

export interface NewTicketRows {
  table: PgTable;
  /** The table's columns (database names) the rows give, `ticket_id` among them. */
  columns: readonly string[];
  rows(db: Db, draft: NewTicketDraft): Promise<NewTicketContribution>;
}

/**
 * What the ticket's own row says of its service-level clocks (tickets.sla_due_at, sla_warn_at,
 * sla_paused). The clocks' subscriber keeps it; lists, filters and badges read only it.
 */
export interface TicketClockSummary {
  slaDueAt: Date | null;
  slaWarnAt: Date | null;
  slaPaused: boolean;
}

export const NO_CLOCKS: TicketClockSummary = { slaDueAt: null, slaWarnAt: null, slaPaused: false };

export interface NewTicketContribution {
  rows: Array<Record<string, unknown>>;
  /** When the rows are service-level clocks: the ticket row's summary of them. */
  clockSummary?: TicketClockSummary;
}

// Subscribers are code, the same for every app in the process (tests run several), so the list
// is the module's; each capability adds its own when the app is built.
const subscribers: TicketSubscriber[] = [];

/**
 * Adds a subscriber. In-transaction subscribers run in the order they were added (the app adds
 * them in one place, app.ts), job subscribers enqueue in that order too.
 */
export function subscribeToTicketEvents<T extends object>(
  subscriber: InTransactionSubscriber | JobSubscriber<T>,
): void {
  if (subscribers.some((s) => s.name === subscriber.name)) return;
  subscribers.push(subscriber as TicketSubscriber);
}

/** The registered subscribers, for the docs' table and the tests. */
export function ticketSubscribers(): ReadonlyArray<{
  name: string;
  mode: TicketSubscriber['mode'];
  events: readonly TicketEventType[];
}> {
  return subscribers.map((s) => ({ name: s.name, mode: s.mode, events: s.events }));
}

/** The contributors of rows to a new ticket's insert, in a stable order. */
export function newTicketContributors(): NewTicketRows[] {
  const out: NewTicketRows[] = [];
  for (const s of subscribers) if (s.mode === 'in_transaction' && s.newTicketRows) out.push(s.newTicketRows);
  return out;
}

/** Whether any subscriber would act on an event of this type (cheap: no query). */
export async function anyoneWants(db: Db, type: TicketEventType): Promise<boolean> {
  for (const s of subscribers) {
    if (!s.events.includes(type)) continue;
    if (s.mode === 'in_transaction') return true;
    if (!s.wants || (await s.wants(db, type, db))) return true;
  }
  return false;
}

/**
 * Hands a write's events to the subscribers, inside the write's transaction `tx`. Call it once
 * per write with all its events, after their rows are stored.
 */
export async function emitTicketEvents(
  tx: Executor,
  ctx: EmitContext,
  events: readonly TicketEvent[],
): Promise<void> {
  if (events.length === 0) return;
  for (const s of subscribers) {
    const mine = events.filter((e) => s.events.includes(e.type));
    if (mine.length === 0) continue;
    if (s.mode === 'in_transaction') {
      await s.handle(tx, mine, ctx);
      continue;
    }
    const sub = s as unknown as JobSubscriber<object>;
    if (sub.wants) {
      let wanted = false;
      for (const type of new Set(mine.map((e) => e.type))) wanted ||= await sub.wants(ctx.db, type, tx);
      if (!wanted) continue;
    }
    for (const data of await sub.jobsFor(mine, { ...ctx, tx })) await ctx.jobs.send(sub.job, data, tx);
  }
}
