import { createHash, randomUUID } from 'node:crypto';
import { and, eq, getTableName, sql } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db, Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { namedStatement } from '../db/named-statement.ts';
import { findCategory } from '../desk/category-cache.ts';
import { fileIdsIn, validateFormAnswers } from '../desk/category-form.ts';
import { invalidFieldsError } from '../desk/field-problem-text.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { Jobs } from '../platform/jobs.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { assertRestrictionAllows } from '../safety/restrictions.ts';
import { customerRestrictions, safetyFindings } from '../safety/schema.ts';
import { screenIncomingText } from '../safety/screen.ts';
import { linkChecklistFiles } from './checklist-files.ts';
import {
  anyoneWants,
  emitTicketEvents,
  type NewTicketRows,
  NO_CLOCKS,
  newTicketContributors,
} from './event-bus.ts';
import type { Channel, Priority } from './model.ts';
import type { OpenedTicket } from './opened-detail.ts';
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
  const statement = insertNewTicket(contributors);
  const extra = Object.fromEntries(contributions.map((c, i) => [`c${i}`, JSON.stringify(c.rows)]));
  // One statement, so one round trip and no transaction of its own (a statement is atomic), unless
  // a subscriber of "ticket.created" has something to do in the same transaction.
  const insert = (ex: Executor) =>
    statement.run(ex, {
      ...extra,
      byCustomer,
      customerId: input.customerId,
      now: now.toISOString(),
      slaDueAt: clocks.slaDueAt?.toISOString() ?? null,
      slaWarnAt: clocks.slaWarnAt?.toISOString() ?? null,
      slaPaused: clocks.slaPaused,
      ticketId,
      title: screened.title ?? input.title,
      body: screened.body,
      categoryId: category?.id ?? null,
      teamId: category?.teamId ?? null,
      priority,
      channel: input.channel,
      fields: JSON.stringify(checked.values),
      tags: JSON.stringify(input.tags ?? []),
      idempotencyKey: input.idempotencyKey,
      messageId,
      authorType,
      actorId: input.actor.actorId,
      actorType: input.actor.actorType,
      created: JSON.stringify(created),
      findings: JSON.stringify(findings),
    });
  const write = async (ex: Executor) => {
    const [row] = await insert(ex);
    if (!row) throw new Error('ticket insert returned no row');
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
      ? await db.transaction(write)
      : await write(db);
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

/**
 * Everything a ticket starts with, in one statement (see createTicket): the customer's restriction
 * (a muted or blocked customer inserts nothing), the ticket, its first message (seq 1), its
 * "created" event (seq 2), the screen's findings and the rows subscribers add to a new ticket
 * (`c0`, `c1` … as JSON arrays). Its text is built once per set of contributors (once per process).
 */
type NewTicketValues = {
  byCustomer: boolean;
  customerId: string;
  now: string;
  ticketId: string;
  title: string;
  body: string;
  categoryId: string | null;
  teamId: string | null;
  priority: string;
  channel: string;
  fields: string;
  tags: string;
  idempotencyKey: string | null;
  messageId: string;
  authorType: string;
  actorId: string | null;
  actorType: string;
  created: string;
  findings: string;
  slaDueAt: string | null;
  slaWarnAt: string | null;
  slaPaused: boolean;
} & Record<`c${number}`, string>;

type NewTicketRow = {
  ticket_id: string | null;
  number: number | string | null;
  customer_uid: string | null;
  customer_name: string | null;
  customer_email: string | null;
  author_agent_name: string | null;
  kind: string | null;
  until: unknown;
};

const statements = new Map<string, ReturnType<typeof namedStatement<NewTicketValues, NewTicketRow>>>();

function insertNewTicket(contributors: readonly NewTicketRows[]) {
  const shape = contributors.map((c) => `${getTableName(c.table)}(${c.columns.join(',')})`).join(';');
  let statement = statements.get(shape);
  if (statement) return statement;
  // Named per shape: a prepared statement's text must not change under its name.
  const name = `kefu_create_ticket_${createHash('sha1').update(shape).digest('hex').slice(0, 10)}`;
  statement = namedStatement<NewTicketValues, NewTicketRow>(
    name,
    (v) => sql`
      with r as (
        select kind, until from ${customerRestrictions}
        where ${v.byCustomer} and customer_id = ${v.customerId}
          and (kind = 'blocked' or until > ${v.now}::timestamptz)
      ), t as (
        insert into ${tickets} (id, title, description, customer_id, category_id, team_id, priority, channel,
                                fields, tags, idempotency_key, last_seq, created_at, updated_at, last_activity_at,
                                sla_due_at, sla_warn_at, sla_paused)
        select ${v.ticketId}::uuid, ${v.title}, ${v.body}, ${v.customerId}::uuid,
               ${v.categoryId}::uuid, ${v.teamId}::uuid, ${v.priority}, ${v.channel},
               ${v.fields}::jsonb,
               array(select jsonb_array_elements_text(${v.tags}::jsonb))::text[],
               ${v.idempotencyKey}, 2, ${v.now}::timestamptz, ${v.now}::timestamptz,
               ${v.now}::timestamptz, ${v.slaDueAt}::timestamptz, ${v.slaWarnAt}::timestamptz,
               ${v.slaPaused}::boolean
        where not exists (select 1 from r)
        returning id, number, customer_id
      ), m as (
        insert into ${messages} (id, ticket_id, seq, author_type, author_id, visibility, body, created_at)
        select ${v.messageId}::uuid, t.id, 1, ${v.authorType}, ${v.actorId}::uuid, 'public', ${v.body},
               ${v.now}::timestamptz
        from t
      ), e as (
        insert into ${ticketEvents} (ticket_id, seq, actor_type, actor_id, kind, from_value, to_value, created_at)
        select t.id, 2, ${v.actorType}, ${v.actorId}::uuid, 'created', null,
               ${v.created}::jsonb, ${v.now}::timestamptz
        from t
      ), f as (
        insert into ${safetyFindings} (ticket_id, message_id, field, kind, start, "end")
        select t.id, x."messageId", x.field, x.kind, x.start, x."end"
        from t, jsonb_to_recordset(${v.findings}::jsonb) as x(
          "messageId" uuid, field text, kind text, start integer, "end" integer)
      )${sql.join(
        contributors.map((c, i) => {
          const cols = sql.join(
            c.columns.map((col) => sql.identifier(col)),
            sql`, `,
          );
          const picked = sql.join(
            c.columns.map((col) => sql`x.${sql.identifier(col)}`),
            sql`, `,
          );
          // From t: nothing is added when the restriction stopped the ticket.
          return sql`, ${sql.identifier(`c${i}`)} as (
        insert into ${c.table} (${cols})
        select ${picked}
        from t, jsonb_populate_recordset(null::${c.table}, ${v[`c${i}`]}::jsonb) as x
      )`;
        }),
      )}
      select t.id as ticket_id, t.number, c.uid as customer_uid, c.name as customer_name,
             c.email as customer_email,
             (select a.name from agents a where ${v.authorType} = 'agent' and a.id = ${v.actorId}::uuid)
               as author_agent_name,
             r.kind, r.until
      from (select 1) one left join r on true left join t on true left join customers c on c.id = t.customer_id`,
  );
  statements.set(shape, statement);
  return statement;
}
