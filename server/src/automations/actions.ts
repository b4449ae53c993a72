import { type Static, Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { agents } from '../identity/schema.ts';
import { linkToIncident } from '../incidents/commands.ts';
import { type AgentNotice, notifyAgents, teamSupervisors } from '../notifications/agent-notices.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { formatTicketNumber, PRIORITIES, TICKET_STATUSES } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { Actor } from '../tickets/timeline.ts';
import { type TicketChanges, updateTicket } from '../tickets/update-ticket.ts';
import { setCustomerFieldsOf, usableFieldValues } from './field-actions.ts';
import { renderTemplate, type TemplateContext } from './variables.ts';

/**
 * The actions macros and triggers share (and bulk actions will): one list, one executor. An
 * action becomes ticket commands (addMessage, updateTicket), so every change is a ticket event
 * like a person's, with its history row and its subscribers.
 *
 * To add an action: a member of `ActionSchema`, its
 * effect in `planActions` (what the preview shows) and in `applyActions`.
 */
const Uuid = Type.String({ format: 'uuid' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 });
const Text = Type.String({ maxLength: 20_000 });

export const ActionSchema = Type.Union([
  /** A public reply; the customer's language picks the text (the other one when it is empty). */
  Type.Object(
    { type: Type.Literal('reply'), zh: Text, en: Text },
    { additionalProperties: false, description: 'Public reply with {{variables}}, in zh-CN and en' },
  ),
  Type.Object(
    { type: Type.Literal('note'), body: Type.String({ minLength: 1, maxLength: 20_000 }) },
    { additionalProperties: false, description: 'Internal note with {{variables}}' },
  ),
  Type.Object(
    { type: Type.Literal('status'), value: Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s))) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('priority'), value: Type.Union(PRIORITIES.map((p) => Type.Literal(p))) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('team'), value: Type.Union([Uuid, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('assignee'),
      /** "me": whoever applies the macro (a trigger leaves the assignee as it is). */
      value: Type.Union([Uuid, Type.Null(), Type.Literal('me')]),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('add_tags'), tags: Tags }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('remove_tags'), tags: Tags }, { additionalProperties: false }),
  /**
   * A custom field (custom-fields/) of the ticket, or of the ticket's customer with
   * `entity: 'customer'`: its value, typed as the field is; null clears it.
   */
  Type.Object(
    {
      type: Type.Literal('set_field'),
      entity: Type.Optional(Type.Union([Type.Literal('ticket'), Type.Literal('customer')])),
      key: Type.String({ minLength: 1, maxLength: 64 }),
      value: Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  /** Triggers only: a notice in the workspace of these agents (and the ticket's assignee). */
  Type.Object(
    {
      type: Type.Literal('notify'),
      agentIds: Type.Array(Uuid, { maxItems: 50 }),
      assignee: Type.Optional(Type.Boolean()),
      /** The supervisors of the ticket's team (as the actions before this one leave it): an escalation. */
      supervisors: Type.Optional(Type.Boolean()),
      text: Type.String({ minLength: 1, maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
  /** Triggers only: the event, to one outgoing webhook subscription (signed, retried). */
  Type.Object({ type: Type.Literal('webhook'), subscriptionId: Uuid }, { additionalProperties: false }),
  /** Triggers only: link the ticket to an open incident (its ticket id); skipped once it is solved. */
  Type.Object({ type: Type.Literal('link_incident'), incident: Uuid }, { additionalProperties: false }),
]);
export type Action = Static<typeof ActionSchema>;
export const ActionList = Type.Array(ActionSchema, { maxItems: 20 });

/** Actions a macro may hold: those an agent could do by hand. */
export const MACRO_ACTIONS = new Set<Action['type']>([
  'reply',
  'note',
  'status',
  'priority',
  'team',
  'assignee',
  'add_tags',
  'remove_tags',
  'set_field',
]);

/** What applying a list of actions would do to a ticket: the preview, and the plan applied. */
export interface ActionPlan {
  reply: { language: 'zh-CN' | 'en'; body: string } | null;
  notes: string[];
  changes: TicketChanges;
  /** Each changed property, from → to, for the preview. */
  diff: Array<{ field: string; from: unknown; to: unknown }>;
  notify: Array<{ agentIds: string[]; text: string }>;
  webhooks: string[];
  /** The incident to link the ticket to. */
  incident: string | null;
  /** Custom field values to set on the ticket's customer (those the fields take now). */
  customerFields: Record<string, unknown>;
}

export interface ActionTicket {
  id: string;
  number: number;
  title: string;
  status: string;
  priority: string;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  customer: {
    id: string;
    name: string | null;
    uid: string | null;
    language: string;
    customFields: Record<string, unknown>;
  };
}

/** The ticket as the actions see it (one read). */
export async function loadActionTicket(ex: Executor, ticketId: string): Promise<ActionTicket | null> {
  const [row] = await ex
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      priority: tickets.priority,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      tags: tickets.tags,
      customFields: tickets.customFields,
      customerId: customers.id,
      customerFields: customers.customFields,
      customerName: customers.name,
      customerUid: customers.uid,
      language: customers.language,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, ticketId));
  if (!row) return null;
  const { customerId, customerFields, customerName, customerUid, language, ...ticket } = row;
  return {
    ...ticket,
    customer: {
      id: customerId,
      name: customerName,
      uid: customerUid,
      language,
      customFields: customerFields,
    },
  };
}

async function agentName(ex: Executor, agentId: string | null): Promise<string | null> {
  if (!agentId) return null;
  const [row] = await ex.select({ name: agents.name }).from(agents).where(eq(agents.id, agentId));
  return row?.name ?? null;
}

/** Works out, without writing anything, what the actions would do to the ticket. */
export async function planActions(
  ex: Executor,
  ticket: ActionTicket,
  actions: readonly Action[],
  by: { agentId: string | null },
): Promise<ActionPlan> {
  const vars: TemplateContext = {
    ticket: {
      number: formatTicketNumber(ticket.number),
      title: ticket.title,
      status: ticket.status,
      priority: ticket.priority,
    },
    customer: { name: ticket.customer.name ?? '', uid: ticket.customer.uid ?? '' },
    agent: { name: (await agentName(ex, by.agentId)) ?? '' },
  };
  const plan: ActionPlan = {
    reply: null,
    notes: [],
    changes: {},
    diff: [],
    notify: [],
    webhooks: [],
    incident: null,
    customerFields: {},
  };
  let tags = [...ticket.tags];
  for (const action of actions) {
    switch (action.type) {
      case 'reply': {
        const en = ticket.customer.language === 'en';
        const text = (en ? action.en : action.zh).trim() || (en ? action.zh : action.en).trim();
        if (text) {
          const body = renderTemplate(text, vars);
          // Two replies in one list are one message, in order.
          plan.reply = {
            language: en ? 'en' : 'zh-CN',
            body: plan.reply ? `${plan.reply.body}\n\n${body}` : body,
          };
        }
        break;
      }
      case 'note':
        plan.notes.push(renderTemplate(action.body, vars));
        break;
      case 'status':
        plan.changes.status = action.value;
        break;
      case 'priority':
        plan.changes.priority = action.value;
        break;
      case 'team':
        plan.changes.teamId = action.value;
        break;
      case 'assignee':
        if (action.value !== 'me') plan.changes.assigneeId = action.value;
        else if (by.agentId) plan.changes.assigneeId = by.agentId;
        break;
      case 'add_tags':
        tags = [...new Set([...tags, ...action.tags])];
        plan.changes.tags = tags;
        break;
      case 'remove_tags':
        tags = tags.filter((t) => !action.tags.includes(t));
        plan.changes.tags = tags;
        break;
      case 'set_field':
        if (action.entity === 'customer') plan.customerFields[action.key] = action.value;
        else plan.changes.customFields = { ...plan.changes.customFields, [action.key]: action.value };
        break;
      case 'notify': {
        const teamId = plan.changes.teamId !== undefined ? plan.changes.teamId : ticket.teamId;
        plan.notify.push({
          agentIds: [
            ...action.agentIds,
            ...(action.assignee && ticket.assigneeId ? [ticket.assigneeId] : []),
            ...(action.supervisors ? await teamSupervisors(ex, teamId) : []),
          ],
          text: renderTemplate(action.text, vars),
        });
        break;
      }
      case 'webhook':
        plan.webhooks.push(action.subscriptionId);
        break;
      case 'link_incident':
        if (action.incident !== ticket.id) plan.incident = action.incident;
        break;
    }
  }
  const c = plan.changes;
  const add = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) plan.diff.push({ field, from, to });
  };
  if (c.status !== undefined) add('status', ticket.status, c.status);
  if (c.priority !== undefined) add('priority', ticket.priority, c.priority);
  if (c.teamId !== undefined) add('team', ticket.teamId, c.teamId);
  if (c.assigneeId !== undefined) add('assignee', ticket.assigneeId, c.assigneeId);
  if (c.tags !== undefined) add('tags', [...ticket.tags].sort(), [...c.tags].sort());
  if (c.customFields !== undefined) {
    c.customFields = await usableFieldValues(ex, ticket.customFields, c.customFields);
    for (const [key, to] of Object.entries(c.customFields))
      add(`field:${key}`, ticket.customFields[key] ?? null, to === '' ? null : to);
  }
  if (Object.keys(plan.customerFields).length > 0) {
    const current = ticket.customer.customFields;
    plan.customerFields = await usableFieldValues(ex, current, plan.customerFields, 'customer');
    for (const [key, to] of Object.entries(plan.customerFields))
      add(`customer_field:${key}`, current[key] ?? null, to === '' ? null : to);
  }
  if (plan.incident) plan.diff.push({ field: 'incident', from: null, to: plan.incident });
  return plan;
}

/**
 * Applies a plan inside the caller's transaction `tx` (a savepoint per command): the reply (with
 * the status when one is set, as "send and mark solved" does), the notes, then the other
 * changes, then the notices. Webhook actions are the caller's (they need the event).
 */
export async function applyPlan(
  tx: Executor,
  jobs: Jobs,
  ticket: ActionTicket,
  plan: ActionPlan,
  actor: Actor,
): Promise<void> {
  const db = tx as unknown as Db;
  const changes: TicketChanges = { ...plan.changes };
  const authorType = actor.actorType === 'agent' ? 'agent' : 'integration';
  const uploader = { uploaderType: 'system', uploaderId: null } as const;
  if (plan.reply) {
    const thenStatus =
      changes.status !== undefined && changes.status !== ticket.status ? changes.status : undefined;
    await addMessage(db, jobs, {
      ticketId: ticket.id,
      authorType: actor.actorType === 'system' ? 'integration' : authorType,
      authorId: actor.actorType === 'system' ? null : actor.actorId,
      visibility: 'public',
      body: plan.reply.body,
      clientId: null,
      attachmentIds: [],
      uploader,
      automation: actor.automation,
      ...(thenStatus ? { thenStatus } : {}),
    });
    delete changes.status;
  }
  for (const note of plan.notes) {
    await addMessage(db, jobs, {
      ticketId: ticket.id,
      authorType: actor.actorType === 'agent' ? 'agent' : 'system',
      authorId: actor.actorType === 'agent' ? actor.actorId : null,
      visibility: 'internal',
      body: note,
      clientId: null,
      attachmentIds: [],
      uploader,
      automation: actor.automation,
    });
  }
  if (Object.keys(changes).length > 0) await updateTicket(db, jobs, ticket.id, changes, actor);
  await setCustomerFieldsOf(db, jobs, ticket, plan.customerFields, actor);
  if (plan.incident) {
    // A rule keeps linking to an incident after it is solved or gone: that link is skipped (its
    // savepoint rolls back), not a failure of the rule's other actions.
    try {
      await linkToIncident(db, jobs, plan.incident, [ticket.id], actor);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  const notices: AgentNotice[] = plan.notify.flatMap((n, i) =>
    [...new Set(n.agentIds)].map((agentId) => ({
      agentId,
      ticketId: ticket.id,
      kind: 'automation' as const,
      sourceKey: `${ticket.id}:${actor.automation?.ruleId ?? 'manual'}:${Date.now()}:${i}`,
      title: `${formatTicketNumber(ticket.number)} ${ticket.title}`,
      body: n.text,
    })),
  );
  await notifyAgents(tx, notices);
}
