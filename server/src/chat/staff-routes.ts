import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import { agentTeams, teams } from '../desk/schema.ts';
import { requireAgent } from '../identity/principal.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { createAgentActions } from './agent-actions.ts';
import { chatAgents, chatSessions } from './schema.ts';

type Actions = ReturnType<typeof createAgentActions>;

/**
 * The staff side of the queues over REST: what waits in which team's queue (the chat offers an
 * agent may accept, the supervisor's waiting counts and longest waits) and every agent's status
 * and load. Agents see their own teams; supervisors and admins every team and every agent.
 * Accepting and assigning one chat stays a WebSocket frame; assigning many at once is here.
 */
export function registerChatStaffRoutes(app: App, { db, config }: Services, actions: Actions) {
  app.get(
    '/chat/queues',
    { schema: { tags: ['chat'], summary: 'Queued chats per team, and agents with status and load' } },
    async (request) => {
      const me = requireAgent(request);
      const supervisor = me.role !== 'agent';
      const myTeams = (
        await db
          .select({ teamId: agentTeams.teamId })
          .from(agentTeams)
          .where(eq(agentTeams.agentId, me.agentId))
      ).map((r) => r.teamId);
      const teamRows = await db
        .select({ id: teams.id, code: teams.code, nameZh: teams.nameZh, nameEn: teams.nameEn })
        .from(teams)
        .where(supervisor ? undefined : inArray(teams.id, myTeams.length ? myTeams : [me.agentId]))
        .orderBy(asc(teams.code));
      const teamIds = teamRows.map((t) => t.id);
      const queued = teamIds.length
        ? await db
            .select({
              ticketId: chatSessions.ticketId,
              teamId: chatSessions.teamId,
              queuedAt: chatSessions.queuedAt,
              number: tickets.number,
              title: tickets.title,
              customerName: customers.name,
            })
            .from(chatSessions)
            .innerJoin(tickets, eq(tickets.id, chatSessions.ticketId))
            .innerJoin(customers, eq(customers.id, chatSessions.customerId))
            .where(and(eq(chatSessions.state, 'queued'), inArray(chatSessions.teamId, teamIds)))
            .orderBy(asc(chatSessions.queueRank))
        : [];
      const now = Date.now();
      const onlineSince = new Date(now - config.chatAgentGraceSeconds * 1000);
      const load = sql<number>`(select count(*)::int from chat_sessions s where s.agent_id = ${agents.id} and s.state = 'assigned')`;
      const agentRows = await db
        .select({
          id: agents.id,
          name: agents.name,
          role: agents.role,
          capacity: agents.chatCapacity,
          status: chatAgents.status,
          lastSeenAt: chatAgents.lastSeenAt,
          load,
        })
        .from(agents)
        .leftJoin(chatAgents, eq(chatAgents.agentId, agents.id))
        .where(supervisor ? isNull(agents.disabledAt) : eq(agents.id, me.agentId))
        .orderBy(asc(agents.name));
      const memberships = await db.select().from(agentTeams);
      // Supervisors reassign running chats too: each agent's, with what the customer asked.
      const held = supervisor
        ? await db
            .select({
              ticketId: chatSessions.ticketId,
              agentId: chatSessions.agentId,
              number: tickets.number,
              title: tickets.title,
              customerName: customers.name,
            })
            .from(chatSessions)
            .innerJoin(tickets, eq(tickets.id, chatSessions.ticketId))
            .innerJoin(customers, eq(customers.id, chatSessions.customerId))
            .where(eq(chatSessions.state, 'assigned'))
            .orderBy(asc(chatSessions.assignedAt))
        : [];
      const agentList = agentRows.map((a) => ({
        id: a.id,
        name: a.name,
        role: a.role,
        capacity: a.capacity,
        load: a.load,
        // A status nobody vouches for any more (a closed laptop) is offline, whatever the row says.
        status: a.status && a.lastSeenAt && a.lastSeenAt > onlineSince ? a.status : 'offline',
        teamIds: memberships.filter((m) => m.agentId === a.id).map((m) => m.teamId),
        chats: held
          .filter((h) => h.agentId === a.id)
          .map((h) => ({
            ticketId: h.ticketId,
            number: formatTicketNumber(h.number),
            title: h.title,
            customerName: h.customerName,
          })),
      }));
      return {
        teams: teamRows.map((t) => {
          const chats = queued
            .filter((q) => q.teamId === t.id)
            .map((q) => ({
              ticketId: q.ticketId,
              number: formatTicketNumber(q.number),
              title: q.title,
              customerName: q.customerName,
              queuedAt: q.queuedAt?.toISOString() ?? null,
              waitSeconds: q.queuedAt ? Math.max(0, Math.round((now - q.queuedAt.getTime()) / 1000)) : 0,
            }));
          return {
            id: t.id,
            nameZh: t.nameZh,
            nameEn: t.nameEn,
            waiting: chats.length,
            longestWaitSeconds: chats.reduce((m, c) => Math.max(m, c.waitSeconds), 0),
            chats,
          };
        }),
        agents: agentList,
        me: agentList.find((a) => a.id === me.agentId) ?? null,
      };
    },
  );

  app.post(
    '/chat/assign',
    {
      schema: {
        tags: ['chat'],
        summary: 'Supervisors: give several chats to one agent (capacity checked per chat)',
        body: Type.Object(
          {
            ticketIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 50 }),
            agentId: Type.String({ format: 'uuid' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'supervisor');
      const { ticketIds, agentId } = request.body;
      const results: Array<{ ticketId: string; ok: boolean; code?: string }> = [];
      // One at a time, each its own locked transaction: a full agent stops the rest, not the first.
      for (const ticketId of ticketIds) {
        try {
          await actions.assign(me, ticketId, agentId);
          results.push({ ticketId, ok: true });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ ticketId, ok: false, code: err.code });
        }
      }
      return { results };
    },
  );
}
