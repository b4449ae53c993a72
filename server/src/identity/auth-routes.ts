import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { SESSION_COOKIE } from './auth-hook.ts';
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { requireAgent } from './principal.ts';
import { agentSessions, agents, recoveryCodes } from './schema.ts';
import { hashToken } from './secrets.ts';
import {
  AGENT_SESSION_MAX_MS,
  openAgentSession,
  revokeAgentSession,
  revokeOtherSessions,
} from './sessions.ts';
import { assertNotThrottled, clearAccountFailures, recordSignInFailure } from './throttle.ts';
import { newRecoveryCodes, newTotpSecret, provisioningUri, verifyTotp } from './totp.ts';

export function presentAgent(a: typeof agents.$inferSelect) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    status: a.status,
    chatCapacity: a.chatCapacity,
    language: a.language,
    timeZone: a.timeZone,
    twoFactor: a.totpSecret !== null,
    disabled: a.disabledAt !== null,
  };
}

/** Agents' sign-in: password (argon2id), then the second factor when enrolled, then a session cookie. */
export function registerAuthRoutes(app: App, { db, config }: Services) {
  const tags = ['auth'];
  const secureCookie = config.publicUrl.protocol === 'https:';
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      maxAge: AGENT_SESSION_MAX_MS / 1000,
    });
  const actor = (id: string, request: FastifyRequest) => ({
    actorType: 'agent' as const,
    actorId: id,
    ip: request.ip,
  });

  app.post(
    '/auth/sign-in',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description: 'Answers `signed_in`, or `totp_required` (then POST /auth/totp with the same cookie).',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 320 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await assertNotThrottled(db, email, request.ip);
      const [agent] = await db.select().from(agents).where(sql`lower(${agents.email}) = ${email}`);
      const ok = await verifyPassword(
        agent?.passwordHash ?? (await decoyPasswordHash()),
        request.body.password,
      );
      if (!agent || !ok || agent.disabledAt) {
        await recordSignInFailure(db, email, request.ip);
        await audit(db, {
          actorType: 'anonymous',
          actorId: agent?.id ?? null,
          action: 'sign_in.failed',
          ip: request.ip,
        });
        throw new AppError('invalid_credentials');
      }
      await clearAccountFailures(db, email);
      const stage = agent.totpSecret ? 'needs_totp' : 'active';
      const session = await openAgentSession(db, {
        agentId: agent.id,
        stage,
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      setSessionCookie(reply, session.token);
      if (stage === 'active') await audit(db, { ...actor(agent.id, request), action: 'sign_in' });
      return {
        status: stage === 'active' ? 'signed_in' : 'totp_required',
        csrfToken: session.csrfToken,
        agent: stage === 'active' ? presentAgent(agent) : null,
      };
    },
  );

  app.post(
    '/auth/totp',
    {
      schema: {
        tags,
        summary: 'Second step of sign-in: a TOTP code or a recovery code',
        body: Type.Object(
          { code: Type.String({ minLength: 6, maxLength: 20 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const sessionId = request.pendingTotpSessionId;
      const agentId = request.pendingTotpAgentId;
      if (!sessionId || !agentId) throw new AppError('unauthenticated');
      const [agent] = await db.select().from(agents).where(eq(agents.id, agentId));
      if (!agent?.totpSecret) throw new AppError('unauthenticated');
      await assertNotThrottled(db, agent.email, request.ip);
      const accepted = await acceptSecondFactor(agent, request.body.code);
      if (!accepted) {
        await recordSignInFailure(db, agent.email, request.ip);
        await audit(db, { ...actor(agent.id, request), action: 'sign_in.totp_failed' });
        throw new AppError('invalid_totp');
      }
      await db.update(agentSessions).set({ stage: 'active' }).where(eq(agentSessions.id, sessionId));
      await clearAccountFailures(db, agent.email);
      await audit(db, { ...actor(agent.id, request), action: 'sign_in', data: { secondFactor: accepted } });
      return { status: 'signed_in', agent: presentAgent(agent) };
    },
  );

  /** Accepts a fresh TOTP code (never one already used) or an unused recovery code. */
  async function acceptSecondFactor(
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

  app.post('/auth/sign-out', { schema: { tags, summary: 'End this session' } }, async (request, reply) => {
    const me = requireAgent(request);
    await revokeAgentSession(db, me.agentId, me.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get(
    '/auth/me',
    { schema: { tags, summary: 'The signed-in agent and the CSRF token' } },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      const [session] = await db
        .select({ csrfToken: agentSessions.csrfToken })
        .from(agentSessions)
        .where(eq(agentSessions.id, me.sessionId));
      return { agent: presentAgent(agent!), csrfToken: session!.csrfToken };
    },
  );

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
      await audit(db, {
        ...actor(me.agentId, request),
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
      await assertNotThrottled(db, agent!.email, request.ip);
      if (!(await verifyPassword(agent!.passwordHash, request.body.currentPassword))) {
        await recordSignInFailure(db, agent!.email, request.ip);
        throw new AppError('invalid_credentials');
      }
      if (request.body.newPassword.length < MIN_PASSWORD_LENGTH) {
        throw new AppError('weak_password', { min: MIN_PASSWORD_LENGTH });
      }
      await db
        .update(agents)
        .set({ passwordHash: await hashPassword(request.body.newPassword) })
        .where(eq(agents.id, me.agentId));
      await revokeOtherSessions(db, me.agentId, me.sessionId);
      await audit(db, { ...actor(me.agentId, request), action: 'password.change' });
      return { ok: true };
    },
  );

  app.post(
    '/auth/2fa/enrol',
    { schema: { tags, summary: 'Start two-factor enrolment' } },
    async (request) => {
      const me = requireAgent(request);
      const secret = newTotpSecret();
      const [agent] = await db
        .update(agents)
        .set({ totpPendingSecret: secret })
        .where(eq(agents.id, me.agentId))
        .returning();
      return { secret, uri: provisioningUri(secret, agent!.email, 'Kefu') };
    },
  );

  app.post(
    '/auth/2fa/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns ten recovery codes, shown once',
        body: Type.Object(
          { code: Type.String({ minLength: 6, maxLength: 10 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      if (!agent?.totpPendingSecret) throw new AppError('conflict', { detail: 'no enrolment in progress' });
      const step = verifyTotp(agent.totpPendingSecret, request.body.code);
      if (step === null) throw new AppError('invalid_totp');
      const { codes, hashes } = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await tx
          .update(agents)
          .set({ totpSecret: agent.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
          .where(eq(agents.id, agent.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
        await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ agentId: agent.id, codeHash })));
      });
      await revokeOtherSessions(db, me.agentId, me.sessionId);
      await audit(db, { ...actor(me.agentId, request), action: '2fa.enable' });
      return { recoveryCodes: codes };
    },
  );

  app.post(
    '/auth/2fa/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor off (needs the password and a current code)',
        body: Type.Object(
          {
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            code: Type.String({ minLength: 6, maxLength: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      if (!agent?.totpSecret) throw new AppError('conflict', { detail: 'two-factor is not on' });
      if (!(await verifyPassword(agent.passwordHash, request.body.password)))
        throw new AppError('invalid_credentials');
      if (!(await acceptSecondFactor(agent, request.body.code))) throw new AppError('invalid_totp');
      await db.update(agents).set({ totpSecret: null, totpLastStep: null }).where(eq(agents.id, agent.id));
      await db.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
      await audit(db, { ...actor(me.agentId, request), action: '2fa.disable' });
      return { ok: true };
    },
  );
}
