import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { teams } from './schema.ts';

const TeamChange = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    skills: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 }),
    /** Another team that takes the chats this one cannot (closed, unstaffed, queue full); null: none. */
    overflowTeamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    /** Chats that may wait in the queue before newcomers hear "busy"; null: the desk's CHAT_QUEUE_LIMIT. */
    queueLimit: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
  },
  { additionalProperties: false },
);

/**
 * Changing a team: names, skills and its routing (overflow team, queue limit). Creating one is in
 * routes.ts; members are set per agent (PATCH /admin/agents/:id teamIds), chat hours in chat/.
 */
export function registerTeamRoutes(app: App, { db }: Services) {
  app.patch(
    '/admin/teams/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Change a team's names, skills, overflow team or queue limit (audited)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Partial(TeamChange, { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const { id } = request.params;
      const change = request.body;
      const row = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(teams).where(eq(teams.id, id)).for('update');
        if (!before) throw new AppError('team_not_found');
        if (change.overflowTeamId) {
          if (change.overflowTeamId === id) throw new AppError('overflow_team_invalid');
          const [other] = await tx
            .select({ id: teams.id })
            .from(teams)
            .where(eq(teams.id, change.overflowTeamId));
          if (!other) throw new AppError('overflow_team_invalid');
        }
        const [after] = await tx.update(teams).set(change).where(eq(teams.id, id)).returning();
        const changed = Object.fromEntries(
          Object.entries(change).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
        );
        await audit(tx, {
          ...agentActor(me.agentId, request),
          action: 'team.update',
          targetType: 'team',
          targetId: id,
          data: changed,
        });
        return after!;
      });
      return { ...row, createdAt: row.createdAt.toISOString() };
    },
  );
}
