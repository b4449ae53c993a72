import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { signInLimits } from './schema.ts';
import {
  accountKey,
  addressKey,
  claimAttempt,
  clearLimit,
  delaySeconds,
  forgiveAttempt,
  listLimits,
  pairKey,
  secondFactorKey,
} from './throttle.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'checked',
    (err: { code?: string }) => err.code ?? 'error',
  );

describe('sign-in throttle', () => {
  it('grows the delay after the free attempts, up to a cap (no fixed lock)', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => delaySeconds('pair', n))).toEqual([0, 0, 0, 2, 4, 8]);
    expect(delaySeconds('pair', 100)).toBe(15 * 60);
    expect(delaySeconds('account', 10)).toBe(0);
    expect(delaySeconds('account', 100)).toBe(5 * 60);
    expect(delaySeconds('second_factor', 4)).toBe(30);
    expect(delaySeconds('second_factor', 100)).toBe(3600);
  });

  it('of 30 parallel claims lets through only what the limit allows (one statement per scope)', async () => {
    // The second factor's wait after the fourth failure (30 s) outlasts the test on a busy machine.
    const keys = [addressKey('10.7.0.1'), secondFactorKey('00000000-0000-4000-8000-0000000000aa')];
    const results = await Promise.all(
      Array.from({ length: 30 }, () => outcome(claimAttempt(database.db, keys))),
    );
    expect(results.filter((r) => r === 'checked')).toHaveLength(4);
    expect(results.filter((r) => r === 'too_many_attempts')).toHaveLength(26);
    // Refused attempts count nowhere: the address saw only the four.
    const rows = await listLimits(database.db);
    expect(rows.find((r) => r.scope === 'address' && r.key === '10.7.0.1')?.failures).toBe(4);
  });

  it('a right password forgives the account but never the second factor', async () => {
    const factor = [secondFactorKey('00000000-0000-4000-8000-000000000001')];
    const password = [pairKey('y@example.org', '10.7.0.2'), accountKey('y@example.org')];
    for (let i = 0; i < 4; i++) await claimAttempt(database.db, factor);
    await claimAttempt(database.db, password);
    await forgiveAttempt(database.db, password);
    await expect(claimAttempt(database.db, factor)).rejects.toMatchObject({ code: 'too_many_attempts' });
    const rows = await listLimits(database.db);
    expect(rows.some((r) => r.scope === 'account' && r.key === 'y@example.org')).toBe(false);
    // The wait is honest: about 30 s after the fourth failure.
    const err = await claimAttempt(database.db, factor).catch((e) => e);
    expect(Number(err.headers['retry-after'])).toBeGreaterThan(20);
    expect(Number(err.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(await clearLimit(database.db, factor[0]!)).toBe(true);
    await claimAttempt(database.db, factor);
  });

  it('forgets failures after a quiet period', async () => {
    const key = [pairKey('z@example.org', '10.7.0.3')];
    for (let i = 0; i < 4; i++) await claimAttempt(database.db, key);
    await database.db.update(signInLimits).set({
      lastFailureAt: sql`now() - interval '2 hours'`,
      blockedUntil: sql`now() - interval '1 hour'`,
    });
    await claimAttempt(database.db, key);
    const row = (await listLimits(database.db)).find((r) => r.scope === 'pair' && r.key.startsWith('z@'));
    expect(row?.failures).toBe(1);
  });
});
