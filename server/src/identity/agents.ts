import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { agentTeams } from '../desk/schema.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import type { Role } from './principal.ts';
import { agents, apiTokens } from './schema.ts';
import { hashToken, newToken } from './secrets.ts';

export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamIds?: string[];
  chatCapacity?: number;
  language?: 'zh-CN' | 'en';
}

export async function createAgent(db: Executor, input: NewAgent) {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('weak_password', { min: MIN_PASSWORD_LENGTH });
  const passwordHash = await hashPassword(input.password);
  try {
    const [agent] = await db
      .insert(agents)
      .values({
        email: input.email.trim(),
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        chatCapacity: input.chatCapacity ?? 5,
        language: input.language ?? 'zh-CN',
      })
      .returning();
    if (input.teamIds?.length) {
      await db.insert(agentTeams).values(input.teamIds.map((teamId) => ({ agentId: agent!.id, teamId })));
    }
    return agent!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('email_taken');
    throw err;
  }
}

export async function findAgentByEmail(db: Executor, email: string) {
  const [row] = await db.select().from(agents).where(sql`lower(${agents.email}) = lower(${email})`);
  return row ?? null;
}

export async function setAgentTeams(db: Executor, agentId: string, teamIds: string[]) {
  await db.delete(agentTeams).where(eq(agentTeams.agentId, agentId));
  if (teamIds.length) await db.insert(agentTeams).values(teamIds.map((teamId) => ({ agentId, teamId })));
}

/** Creates an API token. The token itself is returned once and never stored. */
export async function createApiToken(
  db: Executor,
  input: { name: string; scopes: string[]; createdBy: string | null },
) {
  const token = newToken('kft');
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      scopes: input.scopes,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      createdBy: input.createdBy,
    })
    .returning();
  return { token, record: row! };
}
