import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { agentActor } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { passwordKeys } from './reauth.ts';
import { agentSessions, agents } from './schema.ts';
import { forgetAgentSessions, revokeAgentSession, revokeOtherSessions } from './sessions.ts';
import { claimAttempt, forgiveAttempt } from './throttle.ts';

/** An agent's own sessions (list, revoke one) and password change. */
export function registerSessionRoutes(app: App, { db, config }: Services) {
  const tags = ['auth'];

  app.get('/auth/sessions', { schema: { tags, summary: 'My sessions' } }, async (request) => {
    const me = requireAgent(request);
    const rows = await db
      .select()
      .from(agentSessions)
      .where(
        and(
          eq(agentSessions.agentId, me.agentId),
          isNull(agentSessions.revokedAt),
          gt(agentSessions.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(agentSessions.lastSeenAt));
    return {
      items: rows.map((s) => ({
        id: s.id,
        current: s.id === me.sessionId,
        userAgent: s.userAgent,
        ip: s.ip,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
      })),
    };
  });

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of my sessions',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      if (!(await revokeAgentSession(db, me.agentId, request.params.id))) throw new AppError('not_found');
      forgetAgentSessions(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'session.revoke',
        targetType: 'session',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
            newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      const keys = passwordKeys(request, config.appSecret, agent!.email);
      await claimAttempt(db, keys);
      if (!(await verifyPassword(agent!.passwordHash, request.body.currentPassword))) {
        throw new AppError('invalid_credentials');
      }
      await forgiveAttempt(db, keys);
      if (request.body.newPassword.length < MIN_PASSWORD_LENGTH) {
        throw new AppError('weak_password', { min: MIN_PASSWORD_LENGTH });
      }
      await db
        .update(agents)
        .set({ passwordHash: await hashPassword(request.body.newPassword) })
        .where(eq(agents.id, me.agentId));
      await revokeOtherSessions(db, me.agentId, me.sessionId);
      forgetAgentSessions(db);
      await audit(db, { ...agentActor(me.agentId, request), action: 'password.change' });
      return { ok: true };
    },
  );
}
