import { and, eq } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db } from '../db/client.ts';
import { validateFormAnswers } from '../desk/category-form.ts';
import { categories } from '../desk/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { screenIncomingText } from '../safety/screen.ts';
import { onTicketChanged } from '../sla/ticket-hook.ts';
import type { Channel, Priority } from './model.ts';
import { messages, tickets } from './schema.ts';
import { type Actor, nextSeq, recordEvent } from './timeline.ts';

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
  if (input.idempotencyKey) {
    const existing = await findByIdempotencyKey(db, input.customerId, input.idempotencyKey);
    if (existing) return { id: existing, created: false, safetyNotice: null };
  }
  // Secrets are masked (and requests for them refused) before anything is stored.
  const screened = await screenIncomingText(db, {
    ...input.actor,
    ticketId: null,
    visibility: 'public',
    title: input.title,
    body: input.description,
    fields: input.fields,
  });
  const category = input.categoryId
    ? (await db.select().from(categories).where(eq(categories.id, input.categoryId)))[0]
    : undefined;
  if (input.categoryId && !category?.active) throw new AppError('category_not_found');

  const checked = input.skipForm
    ? { ok: true as const, values: {} }
    : validateFormAnswers(category?.form ?? { fields: [] }, screened.fields ?? input.fields);
  if (!checked.ok) {
    throw new AppError(
      'invalid_fields',
      { detail: checked.problems.map((p) => `${p.key} (${p.problem})`).join(', ') },
      { extra: { fields: checked.problems } },
    );
  }
  const mayPrioritise = input.priorityFromStaff || category?.customerMayPrioritise === true;
  const priority = (mayPrioritise && input.priority) || category?.defaultPriority || 'normal';

  try {
    return await db.transaction(async (tx) => {
      const [ticket] = await tx
        .insert(tickets)
        .values({
          title: screened.title ?? input.title,
          description: screened.body,
          customerId: input.customerId,
          categoryId: category?.id ?? null,
          teamId: category?.teamId ?? null,
          priority: priority as Priority,
          channel: input.channel,
          fields: checked.values,
          tags: input.tags ?? [],
          idempotencyKey: input.idempotencyKey,
        })
        .returning({ id: tickets.id });
      const ticketId = ticket!.id;
      const seq = await nextSeq(tx, ticketId);
      const [message] = await tx
        .insert(messages)
        .values({
          ticketId,
          seq,
          authorType:
            input.actor.actorType === 'customer'
              ? 'customer'
              : input.actor.actorType === 'agent'
                ? 'agent'
                : 'integration',
          authorId: input.actor.actorId,
          visibility: 'public',
          body: screened.body,
        })
        .returning({ id: messages.id });
      await screened.record(tx, { ticketId, messageId: message!.id });
      await linkAttachments(tx, input.attachmentIds, input.uploader, { ticketId, messageId: message!.id });
      await recordEvent(tx, ticketId, input.actor, 'created', null, {
        status: 'new',
        priority,
        categoryId: category?.id ?? null,
        teamId: category?.teamId ?? null,
        channel: input.channel,
      });
      await onTicketChanged(tx, ticketId, { kind: 'created' });
      return { id: ticketId, created: true, safetyNotice: screened.notice };
    });
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
