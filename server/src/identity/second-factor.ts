import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, recoveryCodes } from './schema.ts';
import { hashToken } from './secrets.ts';
import { claimAttempt, forgiveAttempt, secondFactorKey } from './throttle.ts';
import { verifyTotp } from './totp.ts';

/**
 * Accepts a fresh TOTP code (never one already used) or an unused recovery code. Every guess is
 * counted against the agent's second factor first, whichever session or route it comes from, and
 * only a right code clears the count (a right password does not): after a few wrong codes the
 * factor waits longer and longer, up to an hour (throws 429 too_many_attempts).
 */
export async function acceptSecondFactor(
  db: Db,
  agent: typeof agents.$inferSelect,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const key = [secondFactorKey(agent.id)];
  await claimAttempt(db, key);
  const accepted = await checkSecondFactor(db, agent, code);
  if (accepted) await forgiveAttempt(db, key);
  return accepted;
}

async function checkSecondFactor(
  db: Db,
  agent: typeof agents.$inferSelect,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const step = verifyTotp(agent.totpSecret!, code);
  if (step !== null) {
    const rows = await db
      .update(agents)
      .set({ totpLastStep: step })
      .where(and(eq(agents.id, agent.id), sql`coalesce(${agents.totpLastStep}, -1) < ${step}`))
      .returning({ id: agents.id });
    return rows.length ? 'totp' : null;
  }
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.agentId, agent.id),
        eq(recoveryCodes.codeHash, hashToken(code.trim().toLowerCase())),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length ? 'recovery' : null;
}
