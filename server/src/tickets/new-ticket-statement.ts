import { createHash } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { asError, type GroupCommit, groupCommit } from '../db/group-commit.ts';
import { isServerPool, namedStatement } from '../db/named-statement.ts';
import { customerRestrictions, safetyFindings } from '../safety/schema.ts';
import type { NewTicketRows } from './event-bus.ts';
import { messages, ticketEvents, tickets } from './schema.ts';

/** One new ticket as the statement takes it (JSON: ids, text, times as ISO strings). */
export interface NewTicketItem {
  ticket_id: string;
  title: string;
  body: string;
  customer_id: string;
  category_id: string | null;
  team_id: string | null;
  priority: string;
  channel: string;
  fields: Record<string, unknown>;
  tags: string[];
  idempotency_key: string | null;
  now: string;
  sla_due_at: string | null;
  sla_warn_at: string | null;
  sla_paused: boolean;
  message_id: string;
  author_type: string;
  actor_id: string | null;
  actor_type: string;
  created: Record<string, unknown>;
  /** Whether the customer's mute or block is checked (a customer's own ticket). */
  by_customer: boolean;
  findings: Array<Record<string, unknown>>;
}

/** The rows each contributor adds to one new ticket (`ticket_id` in each), in the contributors' order. */
export type Contributed = ReadonlyArray<ReadonlyArray<Record<string, unknown>>>;

type Waiting = { item: NewTicketItem; contributed: Contributed };

export interface NewTicketRow {
  ticket_id: string | null;
  number: number | string | null;
  customer_uid: string | null;
  customer_name: string | null;
  customer_email: string | null;
  author_agent_name: string | null;
  kind: string | null;
  until: unknown;
}

type StatementValues = { batch: string } & Record<`c${number}`, string>;
type ReturnedRow = NewTicketRow & { wanted: string };

/**
 * Everything a ticket starts with, for one or many tickets, in one statement: the customer's
 * restriction (a muted or blocked customer's ticket inserts nothing), the ticket, its first message
 * (seq 1), its "created" event (seq 2), the screen's findings and the rows subscribers add to a new
 * ticket (`c0`, `c1` … as JSON arrays, each row naming its ticket). One row comes back per ticket
 * asked for. Its text is built once per set of contributors (once per process).
 */
function shapeOf(contributors: readonly NewTicketRows[]): string {
  return contributors.map((c) => `${getTableName(c.table)}(${c.columns.join(',')})`).join(';');
}

function batchStatement(contributors: readonly NewTicketRows[], shape: string) {
  // Named per shape: a prepared statement's text must not change under its name.
  const name = `kefu_create_tickets_${createHash('sha1').update(shape).digest('hex').slice(0, 10)}`;
  return namedStatement<StatementValues, ReturnedRow>(
    name,
    (v) => sql`
      with x as materialized (
        select * from jsonb_to_recordset(${v.batch}::jsonb) as x(
          ticket_id uuid, title text, body text, customer_id uuid, category_id uuid,
          team_id uuid, priority text, channel text, fields jsonb, tags jsonb, idempotency_key text,
          now timestamptz, sla_due_at timestamptz, sla_warn_at timestamptz, sla_paused boolean,
          message_id uuid, author_type text, actor_id uuid, actor_type text, created jsonb,
          by_customer boolean, findings jsonb)
      ), r as (
        select distinct on (x.ticket_id) x.ticket_id, cr.kind, cr.until
        from x join ${customerRestrictions} cr on x.by_customer and cr.customer_id = x.customer_id
          and (cr.kind = 'blocked' or cr.until > x.now)
        order by x.ticket_id, (cr.kind = 'blocked') desc
      ), t as (
        insert into ${tickets} (id, title, description, customer_id, category_id, team_id, priority, channel,
                                fields, tags, idempotency_key, last_seq, created_at, updated_at, last_activity_at,
                                sla_due_at, sla_warn_at, sla_paused)
        select x.ticket_id, x.title, x.body, x.customer_id, x.category_id, x.team_id, x.priority, x.channel,
               x.fields, array(select jsonb_array_elements_text(x.tags))::text[], x.idempotency_key, 2,
               x.now, x.now, x.now, x.sla_due_at, x.sla_warn_at, x.sla_paused
        from x
        where not exists (select 1 from r where r.ticket_id = x.ticket_id)
        returning id, number, customer_id
      ), m as (
        insert into ${messages} (id, ticket_id, seq, author_type, author_id, visibility, body, created_at)
        select x.message_id, t.id, 1, x.author_type, x.actor_id, 'public', x.body, x.now
        from t join x on x.ticket_id = t.id
      ), e as (
        insert into ${ticketEvents} (ticket_id, seq, actor_type, actor_id, kind, from_value, to_value, created_at)
        select t.id, 2, x.actor_type, x.actor_id, 'created', null, x.created, x.now
        from t join x on x.ticket_id = t.id
      ), f as (
        insert into ${safetyFindings} (ticket_id, message_id, field, kind, start, "end")
        select t.id, y."messageId", y.field, y.kind, y.start, y."end"
        from t join x on x.ticket_id = t.id, jsonb_to_recordset(x.findings) as y(
          "messageId" uuid, field text, kind text, start integer, "end" integer)
      )${sql.join(
        contributors.map((c, i) => {
          const cols = sql.join(
            c.columns.map((col) => sql.identifier(col)),
            sql`, `,
          );
          const picked = sql.join(
            c.columns.map((col) => sql`y.${sql.identifier(col)}`),
            sql`, `,
          );
          // Joined to t: nothing is added for a ticket the restriction stopped.
          return sql`, ${sql.identifier(`c${i}`)} as (
        insert into ${c.table} (${cols})
        select ${picked}
        from jsonb_populate_recordset(null::${c.table}, ${v[`c${i}`]}::jsonb) as y join t on t.id = y.ticket_id
      )`;
        }),
      )}
      select x.ticket_id as wanted, t.id as ticket_id, t.number, c.uid as customer_uid,
             c.name as customer_name, c.email as customer_email,
             (select a.name from agents a where x.author_type = 'agent' and a.id = x.actor_id)
               as author_agent_name,
             r.kind, r.until
      from x left join r on r.ticket_id = x.ticket_id left join t on t.id = x.ticket_id
        left join customers c on c.id = t.customer_id`,
  );
}

async function runBatch(
  statement: ReturnType<typeof batchStatement>,
  contributorCount: number,
  ex: Executor,
  waiting: readonly Waiting[],
): Promise<NewTicketRow[]> {
  const values: StatementValues = { batch: JSON.stringify(waiting.map((w) => w.item)) };
  for (let i = 0; i < contributorCount; i++) {
    values[`c${i}`] = JSON.stringify(waiting.flatMap((w) => w.contributed[i] ?? []));
  }
  const rows = await statement.run(ex, values);
  const byTicket = new Map(rows.map((r) => [r.wanted, r]));
  return waiting.map(({ item }) => {
    const row = byTicket.get(item.ticket_id);
    if (!row) throw new Error('ticket insert returned no row');
    return row;
  });
}

/**
 * How many create statements one node keeps out at once before new tickets wait to share the next
 * one: on a server, enough to keep the database's cores busy, few enough that under load each
 * statement carries many tickets (1, 2, 4 and 8 measured; docs/performance.md "Tickets created
 * together"). PGlite has one connection, and runs a statement to its end before its caller goes
 * on, so there a ticket waits one turn of the event loop for the others that turn brings (PGlite
 * also plans the statement anew each time: sharing it is most of its cost saved).
 */
const MAX_IN_FLIGHT = { server: 2, embedded: 1 };
const MAX_BATCH = 64;

/**
 * The tickets as one statement; when it fails (a statement is atomic, so one ticket's duplicate
 * idempotency key or vanished category fails them all), each is written again alone, so each
 * gets its own answer. Two creates with one idempotency key never share a statement (`keyOf`
 * below): the second waits and meets the first's row like any retry.
 */
async function writeTogether(
  statement: ReturnType<typeof batchStatement>,
  contributorCount: number,
  db: Db,
  waiting: Waiting[],
): Promise<Array<NewTicketRow | Error>> {
  try {
    return await runBatch(statement, contributorCount, db, waiting);
  } catch (err) {
    if (waiting.length === 1) return [asError(err)];
    return Promise.all(
      waiting.map((w) => runBatch(statement, contributorCount, db, [w]).then(([row]) => row!, asError)),
    );
  }
}

type Writer = {
  statement: ReturnType<typeof batchStatement>;
  batches: WeakMap<object, GroupCommit<Waiting, NewTicketRow>>;
};
const writers = new Map<string, Writer>();

/**
 * Writes a new ticket. Outside a transaction (`ex` is the database itself) tickets arriving while
 * others are being written share one statement (natural batching: a lone ticket goes at once);
 * inside one the ticket is written alone on the transaction's connection.
 */
export function writeNewTicket(
  contributors: readonly NewTicketRows[],
  target: { db: Db } | { tx: Executor },
  item: NewTicketItem,
  contributed: Contributed,
): Promise<NewTicketRow> {
  const shape = shapeOf(contributors);
  let writer = writers.get(shape);
  if (!writer) {
    writer = { statement: batchStatement(contributors, shape), batches: new WeakMap() };
    writers.set(shape, writer);
  }
  const { statement } = writer;
  if ('tx' in target)
    return runBatch(statement, contributors.length, target.tx, [{ item, contributed }]).then(([row]) => row!);
  let batch = writer.batches.get(target.db);
  if (!batch) {
    const db = target.db;
    const onServer = isServerPool(db);
    batch = groupCommit<Waiting, NewTicketRow>({
      keyOf: ({ item }) =>
        item.idempotency_key === null ? item.ticket_id : `${item.customer_id} ${item.idempotency_key}`,
      maxInFlight: onServer ? MAX_IN_FLIGHT.server : MAX_IN_FLIGHT.embedded,
      gatherForOneTurn: !onServer,
      maxBatch: MAX_BATCH,
      run: (waiting) => writeTogether(statement, contributors.length, db, waiting),
    });
    writer.batches.set(db, batch);
  }
  return batch.submit({ item, contributed });
}
