import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import type { Jobs } from '../platform/jobs.ts';
import type { Screened } from '../safety/screen.ts';
import { type AddedMessage, statusTimestamps } from './add-message.ts';
import { emitTicketEvents } from './event-bus.ts';
import type { TicketEvent } from './events.ts';
import type { Channel, Priority, TicketStatus } from './model.ts';
import { messages, ticketEvents, tickets } from './schema.ts';
import { statusAfterMessage } from './status.ts';
import { type Actor, factsOf, recordChanges } from './timeline.ts';

/** A customer's public text message, already screened, for a ticket no other message of the batch touches. */
export interface ScreenedCustomerMessage {
  ticketId: string;
  customerId: string;
  clientId: string;
  screened: Screened;
}

/**
 * Group commit: several customers' messages (each to a different ticket) stored by one
 * transaction, so a busy node pays one commit (one WAL flush) and a handful of statements for
 * the lot instead of ~25 statements and a commit per message. Each message gets exactly what
 * `addMessage` gives it — its seq under the ticket's row lock, the status change a reply causes,
 * the safety findings and its events (one emit for the batch, so subscribers such as the
 * assignee's notices work in bulk), all in the same transaction.
 *
 * Returns null for a message the batch did not store (its ticket is closed or gone, or the whole
 * transaction failed — a resend's client id already used, a deadlock with another node): the
 * caller stores it alone through `addMessage`, which answers it exactly (duplicate, closed …).
 */
export async function addCustomerMessages(
  db: Db,
  jobs: Jobs,
  batch: readonly ScreenedCustomerMessage[],
  onFailure: (err: unknown) => void = () => {},
): Promise<Array<AddedMessage | null>> {
  if (batch.length === 0) return [];
  try {
    return await db.transaction((tx) => write(tx, { db, jobs }, batch));
  } catch (err) {
    onFailure(err);
    return batch.map(() => null);
  }
}

interface Row {
  id: string;
  ticket_id: string;
  seq: number;
  status: TicketStatus;
  assignee_id: string | null;
  number: number | string;
  title: string;
  priority: Priority;
  channel: Channel;
  customer_id: string;
  category_id: string | null;
  team_id: string | null;
  tags: string[];
  last_human: string | null;
  seen_seq: number | null;
}

async function write(tx: Executor, ctx: { db: Db; jobs: Jobs }, batch: readonly ScreenedCustomerMessage[]) {
  const now = new Date();
  const input = JSON.stringify(
    batch.map((m) => ({
      ticket_id: m.ticketId,
      client_id: m.clientId,
      author_id: m.customerId,
      body: m.screened.body,
    })),
  );
  // One statement: lock the tickets (in id order, so two batches never wait on each other in a
  // circle), take each one's next seq, insert the messages. It also reads, for the subscribers
  // (the service-level clocks skip a recompute that cannot change anything), the last public
  // message of a person before each new one, and the highest seq this statement could see: when
  // that is not the seq just before ours, another writer committed while we waited for the lock
  // and the look-back is not trusted (the event says "not known").
  const result = await tx.execute(sql`
    with i as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as i(ticket_id uuid, client_id text, author_id uuid, body text)
    ), locked as (
      select t.id from ${tickets} t
      where t.id in (select ticket_id from i) and t.status <> 'closed'
      order by t.id
      for update
    ), u as (
      update ${tickets} t
      set last_seq = t.last_seq + 1, updated_at = ${now.toISOString()}::timestamptz,
          last_activity_at = ${now.toISOString()}::timestamptz
      from locked where t.id = locked.id
      returning t.id, t.last_seq, t.status, t.assignee_id, t.number, t.title, t.priority, t.channel,
                t.customer_id, t.category_id, t.team_id, t.tags
    ), m as (
      insert into ${messages} (ticket_id, seq, client_id, author_type, author_id, visibility, body, created_at)
      select i.ticket_id, u.last_seq, i.client_id, 'customer', i.author_id, 'public', i.body,
             ${now.toISOString()}::timestamptz
      from i join u on u.id = i.ticket_id
      returning id, ticket_id, seq
    )
    select m.id, m.ticket_id, m.seq, u.status, u.assignee_id, u.number, u.title, u.priority, u.channel,
      u.customer_id, u.category_id, u.team_id, u.tags,
      (select h.author_type from ${messages} h
        where h.ticket_id = m.ticket_id and h.visibility = 'public'
          and h.author_type in ('customer', 'agent', 'integration')
        order by h.seq desc limit 1) as last_human,
      greatest((select max(s.seq) from ${messages} s where s.ticket_id = m.ticket_id),
               (select max(e.seq) from ${ticketEvents} e where e.ticket_id = m.ticket_id)) as seen_seq
    from m join u on u.id = m.ticket_id`);
  const rows = (result as unknown as { rows: Row[] }).rows;
  const byTicket = new Map(rows.map((r) => [r.ticket_id, r]));
  const events: TicketEvent[] = [];
  const eventAdded: string[] = [];
  const out: Array<AddedMessage | null> = [];
  for (const m of batch) {
    const row = byTicket.get(m.ticketId);
    if (!row) {
      out.push(null);
      continue;
    }
    const actor: Actor = { actorType: 'customer', actorId: m.customerId };
    await m.screened.record(tx, { ticketId: m.ticketId, messageId: row.id });
    const target = statusAfterMessage(row.status, 'customer', 'public');
    const changesStatus = !!target && target !== row.status;
    const facts = factsOf({
      id: row.ticket_id,
      number: Number(row.number),
      title: row.title,
      status: changesStatus ? target : row.status,
      priority: row.priority,
      channel: row.channel,
      customerId: row.customer_id,
      categoryId: row.category_id,
      teamId: row.team_id,
      assigneeId: row.assignee_id,
      tags: row.tags ?? [],
    });
    const sure = Number(row.seen_seq ?? 0) === row.seq - 1;
    const before = row.last_human;
    events.push({
      type: 'message.added',
      ticket: facts,
      actor,
      at: now,
      seq: row.seq,
      message: {
        id: row.id,
        seq: row.seq,
        authorType: 'customer',
        visibility: 'public',
        body: m.screened.body,
        ...(sure
          ? { previousPublicAuthor: before === null ? null : before === 'customer' ? 'customer' : 'staff' }
          : {}),
      },
    });
    if (changesStatus) {
      await tx.update(tickets).set(statusTimestamps(target, now)).where(eq(tickets.id, m.ticketId));
      events.push(...(await recordChanges(tx, facts, actor, [['status', row.status, target]], now, row.id)));
      eventAdded.push(m.ticketId);
    }
    out.push({
      id: row.id,
      seq: row.seq,
      createdAt: now,
      duplicate: false,
      safetyNotice: m.screened.notice,
      lastSeq: row.seq,
    });
  }
  await emitTicketEvents(tx, ctx, events);
  if (eventAdded.length > 0) {
    // The status event took the next seq: report the timeline's end, as addMessage does.
    const ends = await tx
      .select({ id: tickets.id, lastSeq: tickets.lastSeq })
      .from(tickets)
      .where(inArray(tickets.id, eventAdded));
    const endOf = new Map(ends.map((e) => [e.id, e.lastSeq]));
    batch.forEach((m, k) => {
      const end = endOf.get(m.ticketId);
      if (out[k] && end !== undefined) out[k].lastSeq = end;
    });
  }
  return out;
}
