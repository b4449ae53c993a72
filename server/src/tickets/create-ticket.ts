import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db, Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { findCategory } from '../desk/category-cache.ts';
import { fileIdsIn, validateFormAnswers } from '../desk/category-form.ts';
import { invalidFieldsError } from '../desk/field-problem-text.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { Jobs } from '../platform/jobs.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { assertRestrictionAllows } from '../safety/restrictions.ts';
import { screenIncomingText } from '../safety/screen.ts';
import { linkChecklistFiles } from './checklist-files.ts';
import { anyoneWants, emitTicketEvents, NO_CLOCKS, newTicketContributors } from './event-bus.ts';
import type { Channel, Priority } from './model.ts';
import { type NewTicketItem, writeNewTicket } from './new-ticket-statement.ts';
import type { OpenedTicket } from './opened-detail.ts';
import { tickets } from './schema.ts';
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
  jobs: Jobs,
  input: CreateTicketInput,
): Promise<{
  id: string;
  created: boolean;
  safetyNotice: SafetyNotice | null;
  /** What was written, when this call wrote it (not on a retry): the response is built from it. */
  opened?: OpenedTicket;
}> {
  // No look-up of the idempotency key first: the unique index refuses a second ticket with the
  // key (caught below), which saves a round trip on every create that is not a retry.
  // Secrets are masked (and requests for them refused) before anything is stored. A customer's
  // mute or block is checked by the insert itself (below), not by a query of its own.
  const byCustomer = input.actor.actorType === 'customer';
  const screened = await screenIncomingText(db, {
    ...input.actor,
    ticketId: null,
    visibility: 'public',
    title: input.title,
    body: input.description,
    fields: input.fields,
    restrictionCheckedByCaller: byCustomer,
  });
  const category = input.categoryId ? await findCategory(db, input.categoryId) : null;
  if (input.categoryId && !category?.active) throw new AppError('category_not_found');

  const form = category?.form ?? { fields: [] };
  const checked = input.skipForm
    ? { ok: true as const, values: {} }
    : validateFormAnswers(form, screened.fields ?? input.fields);
  if (!checked.ok) throw invalidFieldsError(form, checked.problems, input.lang ?? 'zh-CN');
  // Files the checklist names go with the description's; one named in both is linked once.
  const checklistFileIds = new Set(fileIdsIn(form, checked.values));
  const attachmentIds = input.attachmentIds.filter((id) => !checklistFileIds.has(id.toLowerCase()));
  const mayPrioritise = input.priorityFromStaff || category?.customerMayPrioritise === true;
  const priority = (mayPrioritise && input.priority) || category?.defaultPriority || 'normal';

  const authorType =
    input.actor.actorType === 'customer'
      ? 'customer'
      : input.actor.actorType === 'agent'
        ? 'agent'
        : 'integration';
  const created = {
    status: 'new' as const,
    priority,
    categoryId: category?.id ?? null,
    teamId: category?.teamId ?? null,
    channel: input.channel,
  };
  // The ids and the time are chosen here, so that everything the ticket starts with is known
  // before the insert: the rows subscribers add to a new ticket (the service-level clocks, from
  // their node's copy of the policies and calendars) and what the safety screen found are written
  // by the same statement.
  const now = new Date();
  const ticketId = randomUUID();
  const messageId = randomUUID();
  const contributors = newTicketContributors();
  const draft = {
    id: ticketId,
    ...created,
    priority: priority as Priority,
    createdAt: now,
    title: screened.title ?? input.title,
    description: screened.body,
    fields: checked.values,
  };
  const contributions = await Promise.all(contributors.map((c) => c.rows(db, draft)));
  const clocks = contributions.find((c) => c.clockSummary)?.clockSummary ?? NO_CLOCKS;
  const findings = screened.findingRows({ ticketId, messageId });
  // One statement, so one round trip and no transaction of its own (a statement is atomic), unless
  // a subscriber of "ticket.created" has something to do in the same transaction.
  const item: NewTicketItem = {
    ticket_id: ticketId,
    title: screened.title ?? input.title,
    body: screened.body,
    customer_id: input.customerId,
    category_id: category?.id ?? null,
    team_id: category?.teamId ?? null,
    priority,
    channel: input.channel,
    fields: checked.values,
    tags: input.tags ?? [],
    idempotency_key: input.idempotencyKey,
    now: now.toISOString(),
    sla_due_at: clocks.slaDueAt?.toISOString() ?? null,
    sla_warn_at: clocks.slaWarnAt?.toISOString() ?? null,
    sla_paused: clocks.slaPaused,
    message_id: messageId,
    author_type: authorType,
    actor_id: input.actor.actorId,
    actor_type: input.actor.actorType,
    created,
    by_customer: byCustomer,
    findings,
  };
  const contributed = contributions.map((c) => c.rows);
  const write = async (ex: Executor, alone: boolean) => {
    const row = await writeNewTicket(contributors, alone ? { db } : { tx: ex }, item, contributed);
    if (!row.ticket_id) {
      const until = row.until instanceof Date ? row.until : row.until ? new Date(String(row.until)) : null;
      // Judged at the statement's `now`, so a mute ending a moment later still gets the same answer.
      assertRestrictionAllows({ kind: row.kind ?? '', until }, now);
      throw new Error('ticket insert returned no row');
    }
    // Evidence is linked in the same transaction (refused when an id is not the uploader's).
    const target = { ticketId, messageId };
    const lang = input.lang ?? 'zh-CN';
    const files = [
      ...(await linkAttachments(ex, attachmentIds, input.uploader, target)),
      ...(await linkChecklistFiles(ex, form, checked.values, input.uploader, target, lang)),
    ];
    const opened: OpenedTicket = {
      id: ticketId,
      number: Number(row.number),
      title: screened.title ?? input.title,
      description: screened.body,
      ...created,
      priority: priority as Priority,
      category: category
        ? { id: category.id, code: category.code, nameZh: category.nameZh, nameEn: category.nameEn }
        : null,
      tags: input.tags ?? [],
      fields: checked.values,
      customer: {
        id: input.customerId,
        uid: row.customer_uid,
        name: row.customer_name,
        email: row.customer_email,
      },
      actor: input.actor,
      messageId,
      authorType,
      authorName: authorType === 'customer' ? row.customer_name : row.author_agent_name,
      files,
      clocks,
      at: now,
    };
    if (announce) {
      await emitTicketEvents(ex, { db, jobs }, [
        {
          type: 'ticket.created',
          ticket: {
            id: ticketId,
            number: opened.number,
            title: opened.title,
            status: 'new',
            priority: opened.priority,
            channel: input.channel,
            customerId: input.customerId,
            categoryId: opened.categoryId,
            teamId: opened.teamId,
            assigneeId: null,
            tags: opened.tags,
          },
          actor: input.actor,
          at: now,
          seq: 2,
          message: { id: messageId, seq: 1, authorType, visibility: 'public', body: screened.body },
        },
      ]);
    }
    return { id: ticketId, created: true, safetyNotice: screened.notice, opened };
  };
  const announce = await anyoneWants(db, 'ticket.created');
  try {
    return attachmentIds.length > 0 || checklistFileIds.size > 0 || announce
      ? await db.transaction((tx) => write(tx, false))
      : await write(db, true);
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
