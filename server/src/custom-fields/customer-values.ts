import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import { applyCustomValues, customValueTexts, definitionsOf } from './values.ts';

/**
 * Sets a customer's custom field values in one transaction: checked by type, text masked, the
 * search text (part of the customers' contact trigram index) rewritten, and the change audited
 * (who, from → to) — a customer has no timeline of their own, so the audit log is their history.
 */
export async function setCustomerFields(
  db: Db,
  customerId: string,
  input: Record<string, unknown>,
  by: {
    actorType: 'agent' | 'integration' | 'system';
    actorId: string | null;
    ip?: string;
    /** Set by a macro or rule: the ticket it ran on (and the rule's name), kept in the audit entry. */
    via?: { ticketId: string; rule?: string };
  },
  lang: Language,
): Promise<{ changed: boolean; customFields: Record<string, unknown> }> {
  return db.transaction(async (tx) => {
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
    const { via, ...who } = by;
    await audit(tx, {
      ...who,
      action: 'customer.fields',
      targetType: 'customer',
      targetId: customerId,
      data: { from: change.from, to: change.to, ...(via ? { via } : {}) },
    });
    return { changed: true, customFields: change.next };
  });
}
