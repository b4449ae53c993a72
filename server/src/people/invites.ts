import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createAgent } from '../identity/agents.ts';
import { agents } from '../identity/schema.ts';
import { hashToken } from '../identity/secrets.ts';
import { AppError } from '../platform/errors.ts';
import { agentInvites } from './schema.ts';

/** An invitation link lives a week: long enough for a new hire's first day, short enough to leak little. */
export const INVITE_LIFETIME_MS = 7 * 24 * 3600_000;

export interface NewInvite {
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  teamIds: string[];
  chatCapacity: number;
  language: 'zh-CN' | 'en';
}

/** Creates an invite; the token is returned once and only its hash is stored. */
export async function createInvite(db: Db, input: NewInvite, invitedBy: string) {
  const email = input.email.trim().toLowerCase();
  const [taken] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(sql`lower(${agents.email}) = ${email}`);
  if (taken) throw new AppError('email_taken');
  const token = `kfi_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(agentInvites)
    .values({
      ...input,
      email,
      tokenHash: hashToken(token),
      invitedBy,
      expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS),
    })
    .returning();
  return { token, invite: row! };
}

/** The invite a link stands for, while it can still be used. */
export async function findUsableInvite(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(agentInvites)
    .where(
      and(
        eq(agentInvites.tokenHash, hashToken(token)),
        isNull(agentInvites.usedAt),
        isNull(agentInvites.revokedAt),
        gt(agentInvites.expiresAt, sql`now()`),
      ),
    );
  return row ?? null;
}

/**
 * Turns an invite into an agent with the password the invitee chose. The conditional update makes
 * a link usable once even when it is clicked twice at the same time.
 */
export async function acceptInvite(db: Db, token: string, password: string) {
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(agentInvites)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(agentInvites.tokenHash, hashToken(token)),
          isNull(agentInvites.usedAt),
          isNull(agentInvites.revokedAt),
          gt(agentInvites.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!invite) throw new AppError('invite_invalid');
    const agent = await createAgent(tx, {
      email: invite.email,
      name: invite.name,
      password,
      role: invite.role,
      teamIds: invite.teamIds,
      chatCapacity: invite.chatCapacity,
      language: invite.language,
    });
    await tx.update(agentInvites).set({ agentId: agent.id }).where(eq(agentInvites.id, invite.id));
    return agent;
  });
}

/** Open invites for the admin's list (never the tokens). */
export async function pendingInvites(db: Db) {
  const rows = await db
    .select()
    .from(agentInvites)
    .where(
      and(
        isNull(agentInvites.usedAt),
        isNull(agentInvites.revokedAt),
        gt(agentInvites.expiresAt, sql`now()`),
      ),
    )
    .orderBy(agentInvites.createdAt);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    teamIds: r.teamIds,
    chatCapacity: r.chatCapacity,
    language: r.language,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function revokeInvite(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(agentInvites)
    .set({ revokedAt: new Date() })
    .where(and(eq(agentInvites.id, id), isNull(agentInvites.usedAt), isNull(agentInvites.revokedAt)))
    .returning({ id: agentInvites.id });
  return rows.length > 0;
}
