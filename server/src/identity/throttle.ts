import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { signInFailures } from './schema.ts';

/** Failed sign-ins allowed in the window, per account and per network address. */
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

/**
 * Refuses a sign-in while the account or the address has failed too often recently. Counted in
 * the database, so the limit holds whichever node the attempts reach.
 */
export async function assertNotThrottled(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - THROTTLE.windowMs);
  const [byAccount] = await db
    .select({ n: count(), first: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email.toLowerCase()), gt(signInFailures.at, since)));
  const [byAddress] = await db
    .select({ n: count(), first: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(eq(signInFailures.ip, ip), gt(signInFailures.at, since)));
  const over = [
    byAccount && byAccount.n >= THROTTLE.perAccount ? byAccount : null,
    byAddress && byAddress.n >= THROTTLE.perAddress ? byAddress : null,
  ].find((x) => x?.first);
  if (over?.first) {
    const retryAfter = Math.max(1, Math.ceil((over.first.getTime() + THROTTLE.windowMs - Date.now()) / 1000));
    throw new AppError(
      'too_many_attempts',
      { retryAfter },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }
}

export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insert(signInFailures).values({ email: email.toLowerCase(), ip });
  // Keep the table small: what is out of every window is of no use.
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(Date.now() - 2 * THROTTLE.windowMs)));
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email.toLowerCase()));
}
