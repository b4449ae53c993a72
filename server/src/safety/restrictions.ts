import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { customerRestrictions } from './schema.ts';

/** Refuses a muted (until the mute ends) or blocked customer's message, telling them why. */
export async function assertMayWrite(db: Db, customerId: string): Promise<void> {
  const [r] = await db
    .select()
    .from(customerRestrictions)
    .where(eq(customerRestrictions.customerId, customerId));
  assertRestrictionAllows(r);
}

/** The same refusal from a restriction row already read (the chat reads many in one query; the ticket insert reads it in its statement). */
export function assertRestrictionAllows(
  r: { kind: string; until: Date | null } | null | undefined,
  /** The instant the restriction was judged at, when a statement already judged it (same answer). */
  now: Date = new Date(),
): void {
  if (!r) return;
  if (r.kind === 'blocked') throw new AppError('customer_blocked');
  if (r.until && r.until > now) {
    const retryAfter = Math.max(1, Math.ceil((r.until.getTime() - Date.now()) / 1000));
    throw new AppError(
      'customer_muted',
      { until: r.until.toISOString() },
      { headers: { 'retry-after': String(retryAfter) }, extra: { until: r.until.toISOString() } },
    );
  }
}

export interface Restriction {
  kind: 'muted' | 'blocked' | 'none';
  until: Date | null;
  reason: string;
}

export async function restrictionOf(db: Db, customerId: string): Promise<Restriction> {
  const [r] = await db
    .select()
    .from(customerRestrictions)
    .where(eq(customerRestrictions.customerId, customerId));
  if (!r || (r.kind === 'muted' && (!r.until || r.until <= new Date())))
    return { kind: 'none', until: null, reason: '' };
  return { kind: r.kind, until: r.until, reason: r.reason };
}

/** Mutes for `minutes`, or blocks (minutes null), or lifts (kind none); always audited. */
export async function restrictCustomer(
  db: Db,
  customerId: string,
  change: { kind: 'muted' | 'blocked' | 'none'; minutes: number | null; reason: string },
  by: { agentId: string; ip: string },
): Promise<Restriction> {
  await db.transaction(async (tx) => {
    if (change.kind === 'none') {
      await tx.delete(customerRestrictions).where(eq(customerRestrictions.customerId, customerId));
    } else {
      const values = {
        customerId,
        kind: change.kind,
        until: change.kind === 'muted' ? new Date(Date.now() + (change.minutes ?? 60) * 60_000) : null,
        reason: change.reason,
        byAgentId: by.agentId,
        createdAt: new Date(),
      };
      await tx
        .insert(customerRestrictions)
        .values(values)
        .onConflictDoUpdate({ target: customerRestrictions.customerId, set: values });
    }
    await audit(tx, {
      actorType: 'agent',
      actorId: by.agentId,
      action: change.kind === 'none' ? 'customer.unrestricted' : `customer.${change.kind}`,
      targetType: 'customer',
      targetId: customerId,
      data: { minutes: change.minutes, reason: change.reason },
      ip: by.ip,
    });
  });
  return restrictionOf(db, customerId);
}
