import { Type } from '@fastify/type-provider-typebox';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { SESSION_COOKIE } from './auth-hook.ts';
import { setDeviceCookie } from './device.ts';
import { registerSignInLimitRoutes } from './limit-routes.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { agentActor, presentAgent } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { passwordKeys } from './reauth.ts';
import { agentSessions, agents } from './schema.ts';
import { acceptSecondFactor } from './second-factor.ts';
import { registerSessionRoutes } from './session-routes.ts';
import {
  AGENT_SESSION_MAX_MS,
  forgetAgentSessions,
  openAgentSession,
  revokeAgentSession,
} from './sessions.ts';
import { claimAttempt, forgiveAttempt } from './throttle.ts';
import { registerTwoFactorRoutes } from './two-factor-routes.ts';
import { registerTwoFactorRuleRoutes } from './two-factor-rule-routes.ts';

/** Agents' sign-in: password (argon2id), then the second factor when enrolled, then a session cookie. */
export function registerAuthRoutes(app: App, services: Services) {
  const { db, config } = services;
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
      // Counted before the password is checked, atomically: parallel guesses cannot all go through.
      const keys = passwordKeys(request, config.appSecret, email);
      await claimAttempt(db, keys);
      const [agent] = await db.select().from(agents).where(sql`lower(${agents.email}) = ${email}`);
      const ok = await verifyPassword(
        agent?.passwordHash ?? (await decoyPasswordHash()),
        request.body.password,
      );
      if (!agent || !ok || agent.disabledAt) {
        await audit(db, {
          actorType: 'anonymous',
          actorId: agent?.id ?? null,
          action: 'sign_in.failed',
          ip: request.ip,
        });
        throw new AppError('invalid_credentials');
      }
      await forgiveAttempt(db, keys);
      const stage = agent.totpSecret ? 'needs_totp' : 'active';
      const session = await openAgentSession(db, {
        agentId: agent.id,
        stage,
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      setSessionCookie(reply, session.token);
      if (stage === 'active') {
        setDeviceCookie(reply, config.appSecret, agent.email, secureCookie);
        await audit(db, { ...agentActor(agent.id, request), action: 'sign_in' });
      }
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
    async (request, reply) => {
      const sessionId = request.pendingTotpSessionId;
      const agentId = request.pendingTotpAgentId;
      if (!sessionId || !agentId) throw new AppError('unauthenticated');
      const [agent] = await db.select().from(agents).where(eq(agents.id, agentId));
      if (!agent?.totpSecret) throw new AppError('unauthenticated');
      // Counted on the agent's second factor, not on this session or the password (second-factor.ts).
      const accepted = await acceptSecondFactor(db, agent, request.body.code);
      if (!accepted) {
        await audit(db, { ...agentActor(agent.id, request), action: 'sign_in.totp_failed' });
        throw new AppError('invalid_totp');
      }
      await db.update(agentSessions).set({ stage: 'active' }).where(eq(agentSessions.id, sessionId));
      forgetAgentSessions(db);
      setDeviceCookie(reply, config.appSecret, agent.email, secureCookie);
      await audit(db, {
        ...agentActor(agent.id, request),
        action: 'sign_in',
        data: { secondFactor: accepted },
      });
      return { status: 'signed_in', agent: presentAgent(agent) };
    },
  );

  app.post('/auth/sign-out', { schema: { tags, summary: 'End this session' } }, async (request, reply) => {
    const me = requireAgent(request);
    await revokeAgentSession(db, me.agentId, me.sessionId);
    forgetAgentSessions(db);
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
      return {
        agent: presentAgent(agent!),
        csrfToken: session!.csrfToken,
        mustEnrolTwoFactor: me.mustEnrolTwoFactor === true,
      };
    },
  );

  registerSessionRoutes(app, services);
  registerTwoFactorRoutes(app, services);
  registerSignInLimitRoutes(app, services);
  registerTwoFactorRuleRoutes(app, services);
}
