import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { type SignInLimitScope, signInLimits } from './schema.ts';

/**
 * How each scope slows down: `free` failures cost nothing, then each one doubles the wait from
 * `baseS` up to `capS`; failures are forgotten after `forgetS` without one. There is no hard lock
 * an anonymous caller can set on someone else: an address or an (account, address) pair slows
 * only itself, and the account-wide delay is skipped by a browser the agent signed in on before
 * (device cookie, see device.ts). The second factor can only be guessed by someone who knows the
 * password, so it is the one that is locked for long.
 */
export const LIMITS: Record<
  SignInLimitScope,
  { free: number; baseS: number; capS: number; forgetS: number }
> = {
  pair: { free: 3, baseS: 2, capS: 15 * 60, forgetS: 3600 },
  address: { free: 20, baseS: 2, capS: 15 * 60, forgetS: 3600 },
  account: { free: 10, baseS: 2, capS: 5 * 60, forgetS: 3600 },
  second_factor: { free: 3, baseS: 30, capS: 3600, forgetS: 24 * 3600 },
};

export interface LimitKey {
  scope: SignInLimitScope;
  key: string;
}

export const addressKey = (ip: string): LimitKey => ({ scope: 'address', key: ip });
export const pairKey = (email: string, ip: string): LimitKey => ({
  scope: 'pair',
  key: `${email.toLowerCase()} ${ip}`,
});
export const accountKey = (email: string): LimitKey => ({ scope: 'account', key: email.toLowerCase() });
export const secondFactorKey = (agentId: string): LimitKey => ({ scope: 'second_factor', key: agentId });

/** The wait after the `n`-th failure, in seconds (pure: the SQL below computes the same). */
export function delaySeconds(scope: SignInLimitScope, n: number): number {
  const l = LIMITS[scope];
  return n <= l.free ? 0 : Math.min(l.capS, l.baseS * 2 ** Math.min(n - l.free - 1, 30));
}

class Refused extends Error {}

/**
 * Counts an attempt in every scope before it is checked, or refuses it (429 with Retry-After)
 * while any scope still waits. Each scope is one conditional upsert (`… where blocked_until <=
 * now()`), which PostgreSQL serialises on the row, and all scopes are one transaction: of thirty
 * parallel guesses only those the limits allow are checked, and a refused one counts nowhere.
 * The caller gives the attempt back with `forgiveAttempt` when it was right.
 */
export async function claimAttempt(db: Db, keys: readonly LimitKey[]): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      for (const k of keys) if (!(await claimOne(tx, k))) throw new Refused();
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    const retryAfter = await secondsToWait(db, keys);
    throw new AppError(
      'too_many_attempts',
      { retryAfter },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }
}

async function claimOne(tx: Executor, { scope, key }: LimitKey): Promise<boolean> {
  const l = LIMITS[scope];
  const t = signInLimits;
  // The failure count after this attempt: forgotten when the last failure is old.
  const next = sql`(case when ${t.lastFailureAt} < now() - make_interval(secs => ${sql.raw(String(l.forgetS))}) then 1 else ${t.failures} + 1 end)`;
  const wait = sql`(case when ${next} > ${sql.raw(String(l.free))} then least(${sql.raw(String(l.capS))}, ${sql.raw(String(l.baseS))} * power(2, least(${next} - ${sql.raw(String(l.free + 1))}, 30))) else 0 end)`;
  const rows = await tx
    .insert(t)
    .values({
      scope,
      key,
      failures: 1,
      blockedUntil: sql`now() + make_interval(secs => ${sql.raw(String(delaySeconds(scope, 1)))})`,
      lastFailureAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: [t.scope, t.key],
      set: {
        failures: next,
        blockedUntil: sql`now() + make_interval(secs => ${wait})`,
        lastFailureAt: sql`now()`,
      },
      setWhere: sql`${t.blockedUntil} <= now()`,
    })
    .returning({ failures: t.failures });
  return rows.length > 0;
}

async function secondsToWait(db: Db, keys: readonly LimitKey[]): Promise<number> {
  const [row] = await db
    .select({ until: sql<string>`max(${signInLimits.blockedUntil})` })
    .from(signInLimits)
    .where(or(...keys.map((k) => and(eq(signInLimits.scope, k.scope), eq(signInLimits.key, k.key)))));
  const until = row?.until ? new Date(row.until).getTime() : Date.now();
  return Math.max(1, Math.ceil((until - Date.now()) / 1000));
}

/**
 * The attempt was right: the account, the pair and the second factor start over; an address
 * only gets this attempt back (one valid password must not wipe out its other guesses).
 */
export async function forgiveAttempt(db: Executor, keys: readonly LimitKey[]): Promise<void> {
  for (const k of keys) {
    const match = and(eq(signInLimits.scope, k.scope), eq(signInLimits.key, k.key));
    if (k.scope === 'address') {
      await db
        .update(signInLimits)
        .set({ failures: sql`greatest(${signInLimits.failures} - 1, 0)` })
        .where(match);
    } else {
      await db.delete(signInLimits).where(match);
    }
  }
}

/** Everything an admin sees: keys with failures that are not yet forgotten. */
export async function listLimits(db: Db) {
  return db
    .select()
    .from(signInLimits)
    .where(sql`${signInLimits.failures} > 0 and ${signInLimits.lastFailureAt} > now() - interval '1 day'`)
    .orderBy(sql`${signInLimits.blockedUntil} desc`)
    .limit(500);
}

export async function clearLimit(db: Executor, k: LimitKey): Promise<boolean> {
  const rows = await db
    .delete(signInLimits)
    .where(and(eq(signInLimits.scope, k.scope), eq(signInLimits.key, k.key)))
    .returning({ key: signInLimits.key });
  return rows.length > 0;
}

/** Housekeeping: rows whose failures are forgotten anyway. */
export async function deleteForgottenLimits(db: Executor): Promise<void> {
  for (const scope of Object.keys(LIMITS) as SignInLimitScope[]) {
    await db
      .delete(signInLimits)
      .where(
        and(
          inArray(signInLimits.scope, [scope]),
          sql`${signInLimits.lastFailureAt} < now() - make_interval(secs => ${sql.raw(String(LIMITS[scope].forgetS))})`,
          sql`${signInLimits.blockedUntil} < now()`,
        ),
      );
  }
}
