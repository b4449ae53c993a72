import type { CustomFieldEntity } from '../custom-fields/schema.ts';
import { applyCustomValues, definitionsOf } from '../custom-fields/values.ts';
import { setCustomerFields } from '../customer-fields/set-values.ts';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { Jobs } from '../platform/jobs.ts';
import type { Actor } from '../tickets/timeline.ts';
import type { Action, ActionTicket } from './actions.ts';

/**
 * The "set field" action (macros, triggers, time rules) on the desk's custom fields of the ticket
 * or of the ticket's customer. A rule is checked when it is saved; a field archived (or its choice
 * dropped) after that makes the action a no-op when it runs, not a failure of the rule's other
 * actions.
 */
type SetField = Extract<Action, { type: 'set_field' }>;

function fieldActions(actions: readonly Action[], entity: CustomFieldEntity): SetField[] {
  return actions.filter((a): a is SetField => a.type === 'set_field' && (a.entity ?? 'ticket') === entity);
}

/** Refuses (400 invalid_fields, in the caller's language) a set-field action the field cannot take. */
export async function checkFieldActions(ex: Executor, actions: readonly Action[], lang: Language) {
  for (const entity of ['ticket', 'customer'] as const) {
    const sets = fieldActions(actions, entity);
    if (!sets.length) continue;
    const defs = await definitionsOf(ex, entity);
    // As if every field held a value: a rule may not clear a required field either.
    const full = Object.fromEntries(defs.map((d) => [d.key, '\u0000']));
    applyCustomValues(defs, full, Object.fromEntries(sets.map((a) => [a.key, a.value])), lang);
  }
}

/** Of the values a plan would set, those the fields take now (each checked on its own). */
export async function usableFieldValues(
  ex: Executor,
  current: Record<string, unknown>,
  wanted: Record<string, unknown>,
  entity: CustomFieldEntity = 'ticket',
): Promise<Record<string, unknown>> {
  const known = await definitionsOf(ex, entity);
  const usable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    try {
      applyCustomValues(known, current, { [key]: value }, 'en');
      usable[key] = value;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return usable;
}

/**
 * A plan's customer field values, written as PATCH /customers/:id/custom-fields writes them
 * (typed, masked, indexed, audited as `customer.fields`), by the agent applying a macro or by the
 * system for a rule — whose name the audit entry carries — and a `customer_fields.changed` event
 * of that ticket (a rule's own: its cascade follows it, see automations/triggers.ts).
 */
export async function setCustomerFieldsOf(
  db: Db,
  jobs: Jobs,
  ticket: ActionTicket,
  values: Record<string, unknown>,
  actor: Actor,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  const actorType = actor.actorType === 'customer' ? 'system' : actor.actorType;
  await setCustomerFields(
    db,
    jobs,
    ticket.customer.id,
    values,
    {
      actorType,
      actorId: actorType === 'system' ? null : actor.actorId,
      via: { ticketId: ticket.id, ...(actor.automation ? { rule: actor.automation.ruleName } : {}) },
      ...(actor.automation ? { automation: actor.automation } : {}),
    },
    'en',
  );
}
