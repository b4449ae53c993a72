import { Type } from '@fastify/type-provider-typebox';
import { asc, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentTeams } from '../desk/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { createAgent, createApiToken, setAgentTeams } from './agents.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { presentAgent } from './present-agent.ts';
import { API_SCOPES, requireAgent } from './principal.ts';
import { agentSessions, agents, apiTokens } from './schema.ts';
import { notifySecurityChange } from './security-notice.ts';
import { forgetAgentSessions, forgetApiTokens } from './sessions.ts';

const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);
const Uuid = Type.String({ format: 'uuid' });
const IdParam = Type.Object({ id: Uuid });

/** Administration of people and integrations: agents, roles, teams, API tokens. */
export function registerAdminRoutes(app: App, { db }: Services) {
  const tags = ['admin'];

  app.get('/agents', { schema: { tags, summary: 'All agents with their teams' } }, async (request) => {
    requireAgent(request);
    const rows = await db.select().from(agents).orderBy(asc(agents.name));
    const memberships = await db.select().from(agentTeams);
    return {
      items: rows.map((a) => ({
        ...presentAgent(a),
        teamIds: memberships.filter((m) => m.agentId === a.id).map((m) => m.teamId),
      })),
    };
  });

  app.post(
    '/admin/agents',
    {
      schema: {
        tags,
        summary: 'Create an agent',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            role: RoleSchema,
            teamIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
            chatCapacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const agent = await db.transaction((tx) => createAgent(tx, request.body));
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'agent.create',
        targetType: 'agent',
        targetId: agent.id,
        data: { role: agent.role },
        ip: request.ip,
      });
      return reply.status(201).send(presentAgent(agent));
    },
  );

  app.patch(
    '/admin/agents/:id',
    {
      schema: {
        tags,
        summary: 'Change an agent: role, teams, capacity, disable or enable, reset password',
        params: IdParam,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            role: Type.Optional(RoleSchema),
            teamIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
            chatCapacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const { teamIds, disabled, password, ...rest } = request.body;
      if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
        throw new AppError('weak_password', { min: MIN_PASSWORD_LENGTH });
      }
      if (me.agentId === request.params.id && (disabled || (rest.role && rest.role !== 'admin'))) {
        throw new AppError('conflict', { detail: 'you cannot disable or demote yourself' });
      }
      // One's own password changes only with the current one (POST /auth/password): here the
      // session alone would do, and a session is what a thief holds.
      if (me.agentId === request.params.id && password !== undefined)
        throw new AppError('password_change_self');
      const passwordHash = password ? await hashPassword(password) : undefined;
      const updated = await db.transaction(async (tx) => {
        const changes = {
          ...rest,
          ...(disabled !== undefined ? { disabledAt: disabled ? new Date() : null } : {}),
          ...(passwordHash ? { passwordHash } : {}),
        };
        // A change of teams alone has no column to set: Drizzle refuses an empty SET (it was a 500).
        const [row] = Object.keys(changes).length
          ? await tx.update(agents).set(changes).where(eq(agents.id, request.params.id)).returning()
          : await tx.select().from(agents).where(eq(agents.id, request.params.id));
        if (!row) throw new AppError('not_found');
        if (teamIds) await setAgentTeams(tx, row.id, teamIds);
        if (disabled || passwordHash) {
          await tx
            .update(agentSessions)
            .set({ revokedAt: new Date() })
            .where(eq(agentSessions.agentId, row.id));
        }
        return row;
      });
      // A role, a disable or a new password changes what the agent's sessions may do, or ends them.
      forgetAgentSessions(db);
      if (passwordHash) await notifySecurityChange(db, updated, 'password.reset', request);
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'agent.update',
        targetType: 'agent',
        targetId: updated.id,
        data: { fields: Object.keys(request.body).map((k) => (k === 'password' ? 'password(reset)' : k)) },
        ip: request.ip,
      });
      return presentAgent(updated);
    },
  );

  app.get(
    '/admin/api-tokens',
    { schema: { tags, summary: 'API tokens (never the secrets)' } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db
        .select()
        .from(apiTokens)
        .where(isNull(apiTokens.revokedAt))
        .orderBy(asc(apiTokens.createdAt));
      return {
        availableScopes: API_SCOPES,
        items: rows.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          scopes: t.scopes,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/admin/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the token is in this answer only',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.Union(API_SCOPES.map((s) => Type.Literal(s))), {
              minItems: 1,
              uniqueItems: true,
            }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const { token, record } = await createApiToken(db, { ...request.body, createdBy: me.agentId });
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'api_token.create',
        targetType: 'api_token',
        targetId: record.id,
        data: { scopes: record.scopes },
        ip: request.ip,
      });
      return reply.status(201).send({ id: record.id, name: record.name, scopes: record.scopes, token });
    },
  );

  app.delete(
    '/admin/api-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(eq(apiTokens.id, request.params.id))
        .returning({ id: apiTokens.id });
      if (!rows.length) throw new AppError('not_found');
      forgetApiTokens(db);
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'api_token.revoke',
        targetType: 'api_token',
        targetId: request.params.id,
        ip: request.ip,
      });
      return { ok: true };
    },
  );
}
