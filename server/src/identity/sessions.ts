import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { cached, cachedWhileHeard, forget } from '../platform/node-cache.ts';
import { agentSessions, agents, apiTokens, customerSessions } from './schema.ts';
import { hashToken, newToken } from './secrets.ts';

/** An agent session lives at most this long, and ends after this much idle time. */
export const AGENT_SESSION_MAX_MS = 7 * 24 * 3600_000;
export const AGENT_SESSION_IDLE_MS = 12 * 3600_000;
export const CUSTOMER_SESSION_MS = 24 * 3600_000;

export async function openAgentSession(
  db: Executor,
  input: { agentId: string; stage: 'active' | 'needs_totp'; userAgent: string | undefined; ip: string },
) {
  const token = newToken('kfs');
  const csrfToken = newToken('csrf');
  const [row] = await db
    .insert(agentSessions)
    .values({
      agentId: input.agentId,
      tokenHash: hashToken(token),
      csrfToken,
      stage: input.stage,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip,
      expiresAt: new Date(Date.now() + AGENT_SESSION_MAX_MS),
    })
    .returning({ id: agentSessions.id });
  return { token, csrfToken, sessionId: row!.id };
}

export type AgentSessionLookup = {
  sessionId: string;
  agentId: string;
  role: 'admin' | 'supervisor' | 'agent';
  stage: 'active' | 'needs_totp';
  csrfToken: string;
  hasTwoFactor: boolean;
};

/**
 * An agent's session is looked up on every request they make. Each node keeps what it resolved for
 * a few seconds (the key is the token's hash), never past the session's expiry or idle limit. Every
 * change that ends or alters a session (sign-out, revocation, a password or two-factor change, a
 * role change, a disabled agent, the second factor passed) calls `forgetAgentSessions` after its
 * commit: this node drops its copies at once and the other nodes hear it over Redis; a node that is
 * not sure to hear them (its subscription down) reads the database on every request instead.
 */
const AGENT_SESSION_CACHE_MS = 5_000;
const AGENT_SESSION_TOPIC = 'agent-session';

/** The live session behind a cookie value, or null (unknown, revoked, expired, idle, agent disabled). */
export function findAgentSession(db: Db, token: string): Promise<AgentSessionLookup | null> {
  const tokenHash = hashToken(token);
  return cachedWhileHeard(
    db,
    AGENT_SESSION_TOPIC,
    tokenHash,
    AGENT_SESSION_CACHE_MS,
    () => loadAgentSession(db, tokenHash),
    // Unknown tokens are remembered for a second only: guesses should not crowd out real sessions.
    (found) => (found ? found.until : Date.now() + 1_000),
  ).then((found) => found?.session ?? null);
}

async function loadAgentSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: AgentSessionLookup; until: number } | null> {
  const now = new Date();
  const [row] = await db
    .select({
      sessionId: agentSessions.id,
      agentId: agentSessions.agentId,
      role: agents.role,
      stage: agentSessions.stage,
      csrfToken: agentSessions.csrfToken,
      lastSeenAt: agentSessions.lastSeenAt,
      expiresAt: agentSessions.expiresAt,
      totpSecret: agents.totpSecret,
    })
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .where(
      and(
        eq(agentSessions.tokenHash, tokenHash),
        isNull(agentSessions.revokedAt),
        gt(agentSessions.expiresAt, now),
        isNull(agents.disabledAt),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > AGENT_SESSION_IDLE_MS) return null;
  // Touch at most once a minute: a busy agent should not cost a write per request.
  let lastSeen = row.lastSeenAt.getTime();
  if (now.getTime() - lastSeen > 60_000) {
    await db.update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.id, row.sessionId));
    lastSeen = now.getTime();
  }
  return {
    session: {
      sessionId: row.sessionId,
      agentId: row.agentId,
      role: row.role,
      stage: row.stage,
      csrfToken: row.csrfToken,
      hasTwoFactor: row.totpSecret !== null,
    },
    until: Math.min(row.expiresAt.getTime(), lastSeen + AGENT_SESSION_IDLE_MS),
  };
}

/** After a change that ends or alters agents' sessions has committed (see findAgentSession). */
export function forgetAgentSessions(db: Db): void {
  forget(db, AGENT_SESSION_TOPIC);
}

export async function revokeAgentSession(db: Executor, agentId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(agentSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(agentSessions.id, sessionId),
        eq(agentSessions.agentId, agentId),
        isNull(agentSessions.revokedAt),
      ),
    )
    .returning({ id: agentSessions.id });
  return rows.length > 0;
}

/** Ends every other session of the agent (after a password change or 2FA change). */
export async function revokeOtherSessions(db: Executor, agentId: string, keepSessionId: string | null) {
  await db
    .update(agentSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(agentSessions.agentId, agentId),
        isNull(agentSessions.revokedAt),
        keepSessionId ? sql`${agentSessions.id} <> ${keepSessionId}` : sql`true`,
      ),
    );
}

export async function openCustomerSession(db: Executor, customerId: string) {
  const token = newToken('kfc');
  const expiresAt = new Date(Date.now() + CUSTOMER_SESSION_MS);
  await db.insert(customerSessions).values({ customerId, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

/**
 * A customer's session is looked up on every request they make. Sessions are never revoked (they
 * expire) and a customer's identity fields read here never change, so each node keeps what it
 * resolved for up to a minute, never past the session's expiry; the key is the token's hash.
 */
const CUSTOMER_SESSION_CACHE_MS = 60_000;

export function findCustomerSession(db: Db, token: string) {
  const tokenHash = hashToken(token);
  return cached(
    db,
    'customer-session',
    tokenHash,
    CUSTOMER_SESSION_CACHE_MS,
    async () => {
      const [row] = await db
        .select({
          sessionId: customerSessions.id,
          customerId: customers.id,
          isVisitor: customers.isVisitor,
          expiresAt: customerSessions.expiresAt,
        })
        .from(customerSessions)
        .innerJoin(customers, eq(customers.id, customerSessions.customerId))
        .where(and(eq(customerSessions.tokenHash, tokenHash), gt(customerSessions.expiresAt, new Date())));
      return row ?? null;
    },
    // Unknown tokens are remembered for a second only: guesses should not crowd out real sessions.
    (row) => (row ? row.expiresAt.getTime() : Date.now() + 1_000),
  );
}

/**
 * An integrator's token, resolved per request. Each node keeps the answer for a minute; revoking
 * forgets it on every node at once (`forgetApiTokens`), so a revoked token stops working at once.
 */
const API_TOKEN_CACHE_MS = 60_000;
const API_TOKEN_TOPIC = 'api-token';

export function findApiToken(db: Db, token: string) {
  const tokenHash = hashToken(token);
  return cached(
    db,
    API_TOKEN_TOPIC,
    tokenHash,
    API_TOKEN_CACHE_MS,
    async () => {
      const [row] = await db
        .select({ id: apiTokens.id, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      if (!row) return null;
      // Touched at most every five minutes (and only when this node looks the token up again).
      const now = Date.now();
      if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 5 * 60_000) {
        await db
          .update(apiTokens)
          .set({ lastUsedAt: new Date(now) })
          .where(eq(apiTokens.id, row.id));
      }
      return { id: row.id, scopes: row.scopes };
    },
    (row) => (row ? Number.POSITIVE_INFINITY : Date.now() + 1_000),
  );
}

/** After a token is revoked (after the commit). */
export function forgetApiTokens(db: Db): void {
  forget(db, API_TOKEN_TOPIC);
}

/** Housekeeping: sessions that can no longer be used. */
export async function deleteExpiredSessions(db: Executor) {
  const now = new Date();
  await db.delete(agentSessions).where(lt(agentSessions.expiresAt, now));
  await db.delete(customerSessions).where(lt(customerSessions.expiresAt, now));
}
