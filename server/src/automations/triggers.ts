import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import {
  eventId,
  reviveEvents,
  type SerializedTicketEvent,
  serializeEvents,
  TICKET_EVENT_TYPES,
  type TicketEvent,
} from '../tickets/events.ts';
import { messages } from '../tickets/schema.ts';
import { type Actor, recordEvent } from '../tickets/timeline.ts';
import { enqueueTriggerWebhook } from '../webhooks/deliveries.ts';
import { applyPlan, loadActionTicket, planActions } from './actions.ts';
import { conditionsHold, holds } from './conditions.ts';
import { triggerFirings, triggers } from './schema.ts';
import { settingsCopy } from './settings-copy.ts';
import { conditionFacts } from './trigger-context.ts';

/**
 * How many rounds of triggers firing on each other's changes one event may cause (runTriggers);
 * then the cascade stops with a history note, and nothing loops.
 */
export const MAX_TRIGGER_CHAIN = 5;

export type TriggerRow = typeof triggers.$inferSelect;

const copy = settingsCopy('automation-triggers', (db) =>
  db
    .select()
    .from(triggers)
    .where(eq(triggers.active, true))
    .orderBy(asc(triggers.position), asc(triggers.createdAt)),
);

/** The active triggers in their order, from this node's copy (forgotten on every edit). */
export function activeTriggers(db: Db): Promise<TriggerRow[]> {
  return copy.get(db);
}

export function forgetTriggers(db: Db): void {
  copy.forget(db);
}

/** Runs the triggers of a write's events, after its commit (retried on failure, never twice). */
export const triggerJob = defineJob<{ events: SerializedTicketEvent[] }>({
  name: 'automations.triggers',
  retryLimit: 4,
  retryDelaySeconds: 3,
});

/**
 * Triggers hear every ticket event as a job enqueued in the write's transaction, only when an
 * active trigger listens to its type (this node's copy): a desk without triggers pays nothing.
 */
export function subscribeTriggers(services: Services): void {
  subscribeToTicketEvents({
    name: 'automations.triggers',
    mode: 'job',
    events: TICKET_EVENT_TYPES,
    job: triggerJob,
    wants: async (db, type, ex) => {
      const list = await copy.peek(db, ex);
      return list === null || list.some((t) => t.events.includes(type));
    },
    async jobsFor(events, { db, tx }) {
      const list = await copy.peek(db, tx);
      const listened = new Set(list ? list.flatMap((t) => t.events) : TICKET_EVENT_TYPES);
      // A trigger's own changes are followed by its cascade (runTriggers), not by a new job.
      const mine = events.filter((e) => listened.has(e.type) && !e.actor.automation);
      return mine.length ? [{ events: serializeEvents(mine) }] : [];
    },
  });
  services.jobs.handle(triggerJob, async ({ events }) => {
    for (const event of reviveEvents(events)) await runTriggers(services, event);
  });
}

/**
 * The cascade of one event, in rounds. Round 1: the triggers listening to the event's type, in
 * order, each tested on the ticket as the previous one left it. Each later round: the triggers
 * not fired yet that listen to what the previous round changed. A trigger fires at most once per
 * cascade (so it never fires on its own change, and two never ping-pong), and after
 * MAX_TRIGGER_CHAIN rounds the cascade stops with a history note. The changes triggers make
 * reach the other subscribers (webhooks, notices) as events like any other, but not the triggers'
 * own job: this loop is their only way back in, which is what keeps the chain bounded.
 */
export async function runTriggers(services: Services, event: TicketEvent): Promise<void> {
  const { db } = services;
  const fired: string[] = [];
  let types = new Set<TicketEvent['type']>([event.type]);
  const messageId =
    event.type === 'message.added' ? event.message.id : (event as { messageId?: string }).messageId;
  for (let round = 1; types.size > 0; round++) {
    const candidates = (await activeTriggers(db)).filter(
      (t) => t.events.some((e) => types.has(e)) && !fired.includes(t.id),
    );
    if (candidates.length === 0) return;
    if (round > MAX_TRIGGER_CHAIN) {
      await db.transaction((tx) =>
        recordEvent(
          tx,
          event.ticket.id,
          { actorType: 'system', actorId: null },
          'automation_chain_stopped',
          null,
          {
            chain: fired,
            event: event.type,
            limit: MAX_TRIGGER_CHAIN,
          },
        ),
      );
      return;
    }
    const next = new Set<TicketEvent['type']>();
    for (const trigger of candidates) {
      // The ticket as the previous trigger left it; the event's own message in round 1.
      const facts = await conditionFacts(db, event.ticket.id, {
        actorType: round === 1 ? event.actor.actorType : 'system',
        messageId: round === 1 ? (messageId ?? null) : null,
      });
      if (!facts) return;
      if (!conditionsHold(trigger.match, trigger.conditions, facts)) continue;
      fired.push(trigger.id);
      for (const type of await fire(services, trigger, event, fired)) next.add(type);
    }
    types = next;
  }
}

/** Fires one trigger; returns the types of the events its actions made (none on a retried job). */
async function fire(
  services: Services,
  trigger: TriggerRow,
  event: TicketEvent,
  chain: readonly string[],
): Promise<Array<TicketEvent['type']>> {
  return services.db.transaction(async (tx) => {
    const first = await tx
      .insert(triggerFirings)
      .values({ triggerId: trigger.id, eventId: eventId(event), ticketId: event.ticket.id })
      .onConflictDoNothing()
      .returning({ triggerId: triggerFirings.triggerId });
    if (first.length === 0) return []; // a retried job: fired already
    const ticket = await loadActionTicket(tx, event.ticket.id);
    if (!ticket) return [];
    const actor: Actor = {
      actorType: 'system',
      actorId: null,
      automation: { ruleId: trigger.id, ruleName: trigger.name, chain: [...chain] },
    };
    await recordEvent(tx, ticket.id, actor, 'trigger_fired', null, {
      triggerId: trigger.id,
      name: trigger.name,
      event: event.type,
      eventSeq: event.seq,
    });
    const plan = await planActions(tx, ticket, trigger.actions, { agentId: null });
    await applyPlan(tx, services.jobs, ticket, plan, actor);
    for (const subscriptionId of plan.webhooks) {
      await enqueueTriggerWebhook(tx, services.jobs, subscriptionId, event, trigger);
    }
    await tx
      .update(triggers)
      .set({ fireCount: sql`${triggers.fireCount} + 1`, lastFiredAt: new Date() })
      .where(eq(triggers.id, trigger.id));
    const made = plan.diff.map((d) => eventOfDiff(d.field));
    if (plan.reply || plan.notes.length > 0) made.push('message.added');
    return made;
  });
}

/**
 * The event type a planned change makes: `field:<key>` is a ticket's custom field, `customer_field:<key>`
 * one of its customer's, `incident` a link; the others are `<field>.changed`.
 */
export function eventOfDiff(field: string): TicketEvent['type'] {
  if (field.startsWith('field:')) return 'fields.changed';
  if (field.startsWith('customer_field:')) return 'customer_fields.changed';
  if (field === 'incident') return 'incident.linked';
  return `${field}.changed` as TicketEvent['type'];
}

/**
 * What the triggers would do for an event of `type` on the ticket as it stands (its last
 * message as the event's): each trigger, whether it listens, each condition's answer, and the
 * actions' effect. Nothing is written.
 */
export async function dryRun(
  ex: Executor,
  list: readonly TriggerRow[],
  ticketId: string,
  type: TicketEvent['type'],
  actorType: string,
) {
  const [last] = await ex
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.visibility, 'public')))
    .orderBy(desc(messages.seq))
    .limit(1);
  const facts = await conditionFacts(ex, ticketId, { actorType, messageId: last?.id ?? null });
  const ticket = await loadActionTicket(ex, ticketId);
  if (!facts || !ticket) return null;
  const out = [];
  for (const t of list) {
    const listens = t.events.includes(type);
    const checks = t.conditions.map((c) => ({ condition: c, holds: holds(c, facts) }));
    const matches = listens && conditionsHold(t.match, t.conditions, facts);
    const plan = matches ? await planActions(ex, ticket, t.actions, { agentId: null }) : null;
    out.push({
      triggerId: t.id,
      name: t.name,
      active: t.active,
      listens,
      wouldFire: matches && t.active,
      conditions: checks,
      effect: plan
        ? {
            reply: plan.reply,
            notes: plan.notes,
            changes: plan.diff,
            notify: plan.notify,
            webhooks: plan.webhooks,
          }
        : null,
    });
  }
  return out;
}
