import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { settings } from '../desk/schema.ts';
import type { Role } from './principal.ts';

/** Which roles must have two-factor on (the `two_factor_rule` setting); all three = everyone. */
export interface TwoFactorRule {
  roles: Role[];
}

/**
 * Read on every agent request, so kept for a few seconds per process: with several nodes a
 * change reaches the others within that time (a save on this node applies here at once).
 */
const KEEP_MS = 5_000;
const kept = new WeakMap<Db, { rule: TwoFactorRule; at: number }>();

export async function readTwoFactorRule(db: Db): Promise<TwoFactorRule> {
  const hit = kept.get(db);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.rule;
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, 'two_factor_rule'));
  const rule: TwoFactorRule = { roles: ((row?.value as TwoFactorRule | undefined)?.roles ?? []) as Role[] };
  kept.set(db, { rule, at: Date.now() });
  return rule;
}

export async function saveTwoFactorRule(db: Db, rule: TwoFactorRule): Promise<TwoFactorRule> {
  const value: TwoFactorRule = { roles: [...new Set(rule.roles)].sort() };
  await db
    .insert(settings)
    .values({ key: 'two_factor_rule', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  kept.set(db, { rule: value, at: Date.now() });
  return value;
}

/**
 * The only routes an agent who owes enrolment may call: who am I, enrol, confirm, sign out.
 * Everything else (the desk, chats, tickets) answers two_factor_enrolment_required.
 */
export const ENROLMENT_ROUTES = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/sign-out',
  '/api/v1/auth/2fa/enrol',
  '/api/v1/auth/2fa/confirm',
]);
