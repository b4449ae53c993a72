import { and, eq, sql } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db, Executor } from '../db/client.ts';
import { findCategory } from '../desk/category-cache.ts';
import { validateFormAnswers } from '../desk/category-form.ts';
import { invalidFieldsError } from '../desk/field-problem-text.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { screenIncomingText } from '../safety/screen.ts';
import { onTicketChanged } from '../sla/ticket-hook.ts';
import type { Channel, Priority } from './model.ts';
import { messages, ticketEvents, tickets } from './schema.ts';
import type { Actor } from './timeline.ts';

export interface CreateTicketInput {
  customerId: string;
  title: string;
  description: string;
  categoryId: string | null;
  /** Null: the category's default. */
  priority: Priority | null;
  /** Whether the caller may set the priority (agents always; customers where the category allows). */
  priorityFromStaff: boolean;
  fields: Record<string, unknown>;
  attachmentIds: string[];
  channel: Channel;
  idempotencyKey: string | null;
  actor: Actor;
  uploader: Uploader;
  tags?: string[];
  /** Live chat opens before any form is shown: the category's form is asked later, if at all. */
  skipForm?: boolean;
  /** The language of a refusal's words (the caller's); Chinese when not given. */
  lang?: Language;
}

/**
 * Opens a ticket: checks the category and its form, numbers it, stores the description as the
 * first message of the thread with its evidence, and records the creation in the history.
 * A retry with the same idempotency key returns the ticket made the first time.
 */
export async function createTicket(
  db: Db,
  input: CreateTicketInput,
): Promise<{ id: string; created: boolean; safetyNotice: SafetyNotice | null }> {
  // No look-up of the idempotency key first: the unique index refuses a second ticket with the
  // key (caught below), which saves a round trip on every create that is not a retry.
  // Secrets are masked (and requests for them refused) before anything is stored.
  const screened = await screenIncomingText(db, {
    ...input.actor,
    ticketId: null,
    visibility: 'public',
    title: input.title,
    body: input.description,
    fields: input.fields,
  });
  const category = input.categoryId ? await findCategory(db, input.categoryId) : null;
  if (input.categoryId && !category?.active) throw new AppError('category_not_found');

  const form = category?.form ?? { fields: [] };
  const checked = input.skipForm
    ? { ok: true as const, values: {} }
    : validateFormAnswers(form, screened.fields ?? input.fields);
  if (!checked.ok) throw invalidFieldsError(form, checked.problems, input.lang ?? 'zh-CN');
  const mayPrioritise = input.priorityFromStaff || category?.customerMayPrioritise === true;
  const priority = (mayPrioritise && input.priority) || category?.defaultPriority || 'normal';

  const authorType =
    input.actor.actorType === 'customer'
      ? 'customer'
      : input.actor.actorType === 'agent'
        ? 'agent'
        : 'integration';
  const created = {
    status: 'new',
    priority,
    categoryId: category?.id ?? null,
    teamId: category?.teamId ?? null,
    channel: input.channel,
  };
  // The ticket, its first message (seq 1) and its "created" event (seq 2) in one statement: one
  // round trip instead of five. The same transaction links the evidence (refused when an id is not
  // the uploader's), records what the safety screen found and sets the service-level clocks.
  const write = async (ex: Executor) => {
    const result = await ex.execute(sql`
      with t as (
        insert into ${tickets} (title, description, customer_id, category_id, team_id, priority, channel,
                                fields, tags, idempotency_key, last_seq)
        values (${screened.title ?? input.title}, ${screened.body}, ${input.customerId}, ${category?.id ?? null},
                ${category?.teamId ?? null}, ${priority}, ${input.channel}, ${JSON.stringify(checked.values)}::jsonb,
                array(select jsonb_array_elements_text(${JSON.stringify(input.tags ?? [])}::jsonb))::text[],
                ${input.idempotencyKey}, 2)
        returning id
      ), m as (
        insert into ${messages} (ticket_id, seq, author_type, author_id, visibility, body)
        select t.id, 1, ${authorType}, ${input.actor.actorId}, 'public', ${screened.body} from t
        returning id
      ), e as (
        insert into ${ticketEvents} (ticket_id, seq, actor_type, actor_id, kind, from_value, to_value)
        select t.id, 2, ${input.actor.actorType}, ${input.actor.actorId}, 'created', null, ${JSON.stringify(created)}::jsonb
        from t
      )
      select t.id as ticket_id, m.id as message_id from t, m`);
    const row = (result as unknown as { rows: Array<{ ticket_id: string; message_id: string }> }).rows[0]!;
    await linkAttachments(ex, input.attachmentIds, input.uploader, {
      ticketId: row.ticket_id,
      messageId: row.message_id,
    });
    await screened.record(ex, { ticketId: row.ticket_id, messageId: row.message_id });
    await onTicketChanged(ex, row.ticket_id, { kind: 'created' });
    return { id: row.ticket_id, created: true, safetyNotice: screened.notice };
  };
  try {
    return await db.transaction(write);
  } catch (err) {
    // Two retries racing with one key: the loser returns the winner's ticket.
    if (input.idempotencyKey && isUniqueViolation(err)) {
      const existing = await findByIdempotencyKey(db, input.customerId, input.idempotencyKey);
      if (existing) return { id: existing, created: false, safetyNotice: null };
    }
    throw err;
  }
}

async function findByIdempotencyKey(db: Db, customerId: string, key: string): Promise<string | null> {
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.customerId, customerId), eq(tickets.idempotencyKey, key)));
  return row?.id ?? null;
}

/** PostgreSQL's unique_violation, whichever driver reports it (and however it wraps it). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
