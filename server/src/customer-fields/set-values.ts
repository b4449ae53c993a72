import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { applyCustomValues, customValueTexts, definitionsOf } from '../custom-fields/values.ts';
import { customers } from '../customers/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { Jobs } from '../platform/jobs.ts';
import { emitTicketEvents } from '../tickets/event-bus.ts';
import type { TicketEvent } from '../tickets/events.ts';
import { tickets } from '../tickets/schema.ts';
import { type Actor, recordTicketChange } from '../tickets/timeline.ts';

/**
 * How many of a customer's open tickets hear a change of their fields made on the customer (the
 * API, the customer panel): the most recently active ones. A customer with more open tickets than
 * this is rare; the change is still stored and audited, only the oldest tickets get no event.
 */
export const CUSTOMER_FIELD_EVENT_TICKETS = 50;

/**
 * Sets a customer's custom field values in one transaction: checked by type, text masked, the
 * search text (part of the customers' contact trigram index) rewritten, and the change audited
 * (who, from → to) — a customer has no timeline of their own, so the audit log is their history.
 *
 * The change is also a `customer_fields.changed` event (with a `customer_fields` history row
 * `{key: before}` → `{key: after}`) so that triggers and webhooks hear it: on the ticket a macro or
 * rule ran on (`via`), else on each of the customer's tickets not closed (up to
 * CUSTOMER_FIELD_EVENT_TICKETS). Those tickets are locked before the customer row, in id order —
 * the order a rule's transaction (which holds its ticket already) takes them too — so two writers
 * never wait on each other in a circle.
 */
export async function setCustomerFields(
  db: Db,
  jobs: Jobs,
  customerId: string,
  input: Record<string, unknown>,
  by: {
    actorType: 'agent' | 'integration' | 'system';
    actorId: string | null;
    ip?: string;
    /** Set by a macro or rule: the ticket it ran on (and the rule's name), kept in the audit entry. */
    via?: { ticketId: string; rule?: string };
    /** A rule's cascade, carried by the event so the rule's own triggers do not hear it twice. */
    automation?: Actor['automation'];
  },
  lang: Language,
): Promise<{ changed: boolean; customFields: Record<string, unknown> }> {
  return db.transaction(async (tx) => {
    const told = await lockTicketsToTell(tx, customerId, by.via?.ticketId ?? null);
    const [current] = await tx
      .select({ customFields: customers.customFields })
      .from(customers)
      .where(eq(customers.id, customerId))
      .for('update');
    if (!current) throw new AppError('not_found');
    const defs = await definitionsOf(tx, 'customer');
    const change = applyCustomValues(defs, current.customFields, input, lang);
    if (!change) return { changed: false, customFields: current.customFields };
    const text = customValueTexts(defs, change.next).join(' ');
    await tx
      .update(customers)
      .set({ customFields: change.next, customText: text || null, updatedAt: new Date() })
      .where(eq(customers.id, customerId));
    const { via, automation, ...who } = by;
    await audit(tx, {
      ...who,
      action: 'customer.fields',
      targetType: 'customer',
      targetId: customerId,
      data: { from: change.from, to: change.to, ...(via ? { via } : {}) },
    });
    const actor: Actor = {
      actorType: by.actorType,
      actorId: by.actorId,
      ...(automation ? { automation } : {}),
    };
    const at = new Date();
    const events: TicketEvent[] = [];
    for (const ticketId of told) {
      events.push(
        await recordTicketChange(tx, ticketId, actor, 'customer_fields', change.from, change.to, at),
      );
    }
    await emitTicketEvents(tx, { db, jobs }, events);
    return { changed: true, customFields: change.next };
  });
}

/** The tickets a change will be an event of, locked (row lock, id order) before the customer. */
async function lockTicketsToTell(tx: Executor, customerId: string, via: string | null): Promise<string[]> {
  const chosen = via
    ? [via]
    : tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.customerId, customerId), ne(tickets.status, 'closed')))
        .orderBy(desc(tickets.lastActivityAt))
        .limit(CUSTOMER_FIELD_EVENT_TICKETS);
  const rows = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(inArray(tickets.id, chosen))
    .orderBy(asc(tickets.id))
    .for('update');
  return rows.map((r) => r.id);
}
