import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentActor, presentAgent } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { agentSessions, agents, recoveryCodes } from '../identity/schema.ts';
import { notifySecurityChange } from '../identity/security-notice.ts';
import { forgetAgentSessions, revokeOtherSessions } from '../identity/sessions.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { handBackOpenTickets } from './handover.ts';
import { acceptInvite, createInvite, findUsableInvite, pendingInvites, revokeInvite } from './invites.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParam = Type.Object({ id: Uuid });
const TokenParam = Type.Object({ token: Type.String({ pattern: '^kfi_[A-Za-z0-9_-]{20,100}$' }) });
const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);

/**
 * What an admin does to people beyond the basic agent record: invitations by one-time link,
 * deactivation that hands open work back, a 2FA reset, and every agent's sessions.
 */
export function registerPeopleRoutes(app: App, { db, jobs, config }: Services) {
  const tags = ['admin'];
  const inviteUrl = (token: string) => new URL(`/agent/invite/${token}`, config.publicUrl).toString();

  app.get('/admin/invites', { schema: { tags, summary: 'Open agent invitations' } }, async (request) => {
    requireAgent(request, 'admin');
    return { items: await pendingInvites(db) };
  });

  app.post(
    '/admin/invites',
    {
      schema: {
        tags,
        summary: 'Invite an agent: the one-time link is in this answer only (valid 7 days)',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: Role,
            teamIds: Type.Array(Uuid, { maxItems: 50 }),
            chatCapacity: Type.Integer({ minimum: 0, maximum: 100 }),
            language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const { token, invite } = await createInvite(db, request.body, me.agentId);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'agent.invite',
        targetType: 'invite',
        targetId: invite.id,
        data: { role: invite.role },
      });
      reply.code(201);
      return { id: invite.id, url: inviteUrl(token), expiresAt: invite.expiresAt.toISOString() };
    },
  );

  app.delete(
    '/admin/invites/:id',
    { schema: { tags, summary: 'Withdraw an invitation', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (!(await revokeInvite(db, request.params.id))) throw new AppError('not_found');
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'agent.invite_revoke',
        targetType: 'invite',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.get(
    '/invites/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'What an invitation link is for (name and email), while usable',
        params: TokenParam,
      },
    },
    async (request) => {
      const invite = await findUsableInvite(db, request.params.token);
      if (!invite) throw new AppError('invite_invalid');
      return { email: invite.email, name: invite.name, language: invite.language };
    },
  );

  app.post(
    '/invites/:token/accept',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Accept an invitation with a password of your own (then sign in)',
        params: TokenParam,
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const agent = await acceptInvite(db, request.params.token, request.body.password);
      await audit(db, {
        actorType: 'agent',
        actorId: agent.id,
        action: 'agent.invite_accept',
        targetType: 'agent',
        targetId: agent.id,
        ip: request.ip,
      });
      reply.code(201);
      return { email: agent.email };
    },
  );

  app.post(
    '/admin/agents/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate an agent: sessions end, open tickets and live chats go back to the queue',
        params: IdParam,
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (me.agentId === request.params.id)
        throw new AppError('conflict', { detail: 'you cannot deactivate yourself' });
      const [row] = await db
        .update(agents)
        .set({ disabledAt: new Date(), status: 'offline' })
        .where(and(eq(agents.id, request.params.id), isNull(agents.disabledAt)))
        .returning();
      if (!row) throw new AppError('not_found');
      await revokeOtherSessions(db, row.id, null);
      forgetAgentSessions(db);
      await app.chatNode.signOff(row.id);
      const tickets = await handBackOpenTickets(db, jobs, row.id, me.agentId);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'agent.deactivate',
        targetType: 'agent',
        targetId: row.id,
        data: { ticketsHandedBack: tickets },
      });
      return { agent: presentAgent(row), ticketsHandedBack: tickets };
    },
  );

  app.post(
    '/admin/agents/:id/reset-2fa',
    {
      schema: {
        tags,
        summary: "Reset an agent's two-factor (lost phone): they enrol again at next sign-in",
        params: IdParam,
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      // One's own factor changes only with the password and a current code (two-factor-routes.ts):
      // here an admin's session alone would do it, which is all a session thief holds.
      if (me.agentId === request.params.id) throw new AppError('two_factor_reset_self');
      const [row] = await db
        .update(agents)
        .set({ totpSecret: null, totpPendingSecret: null, totpPendingAt: null, totpLastStep: null })
        .where(eq(agents.id, request.params.id))
        .returning();
      if (!row) throw new AppError('not_found');
      await db.delete(recoveryCodes).where(eq(recoveryCodes.agentId, row.id));
      // Whoever holds a session of theirs now keeps no second factor's protection: end them all.
      await revokeOtherSessions(db, row.id, null);
      forgetAgentSessions(db);
      // Told like any change of their factor (in the workspace and by mail): a reset they did not
      // ask for is a sign someone is after their account.
      await notifySecurityChange(db, row, '2fa.reset', request);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'agent.reset_2fa',
        targetType: 'agent',
        targetId: row.id,
      });
      return presentAgent(row);
    },
  );

  app.get(
    '/admin/agents/:id/sessions',
    { schema: { tags, summary: "An agent's live sessions (where and when seen)", params: IdParam } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db
        .select()
        .from(agentSessions)
        .where(
          and(
            eq(agentSessions.agentId, request.params.id),
            isNull(agentSessions.revokedAt),
            gt(agentSessions.expiresAt, new Date()),
          ),
        )
        .orderBy(desc(agentSessions.lastSeenAt));
      return {
        items: rows.map((s) => ({
          id: s.id,
          userAgent: s.userAgent,
          ip: s.ip,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/admin/agents/:id/sessions',
    { schema: { tags, summary: 'End every session of an agent', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      await revokeOtherSessions(
        db,
        request.params.id,
        me.agentId === request.params.id ? me.sessionId : null,
      );
      forgetAgentSessions(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'agent.sessions_revoke',
        targetType: 'agent',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );
}
