import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ChatState } from '../../../shared/chat-protocol.ts';
import type { Db, Executor, Tx } from '../db/client.ts';
import { agentTeams, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import type { Jobs } from '../platform/jobs.ts';
import { type EmitContext, emitTicketEvents } from '../tickets/event-bus.ts';
import type { ChangeKind } from '../tickets/events.ts';
import { tickets } from '../tickets/schema.ts';
import { type Actor, factColumns, factsOf, recordChanges, recordEvent } from '../tickets/timeline.ts';
import type { QueueEntry } from './bus.ts';
import { estimateWaits } from './estimate.ts';
import { chatAgents, chatSessions } from './schema.ts';

/**
 * Every routing decision is taken inside one transaction holding row locks: the queued chat's row
 * (FOR UPDATE SKIP LOCKED, so two nodes routing at once take different chats) and the agent's
 * presence row (so two nodes never fill the same free slot twice). No in-process state decides.
 */

/** The columns of a `ChatRow`, read wherever routing locks chats. */
export const chatRowColumns = {
  ticketId: chatSessions.ticketId,
  teamId: chatSessions.teamId,
  state: chatSessions.state,
  agentId: chatSessions.agentId,
};

export interface ChatRow {
  ticketId: string;
  teamId: string | null;
  state: ChatState;
  agentId: string | null;
}

/** Chats an agent holds right now. */
const loadOf = sql<number>`(select count(*)::int from chat_sessions s where s.agent_id = ${chatAgents.agentId} and s.state = 'assigned')`;

/** Gives the head of the team's queue to its least-loaded online agent (longest idle on a tie). */
export async function assignNext(
  db: Db,
  jobs: Jobs,
  teamId: string,
  onlineSince: Date,
): Promise<{ ticketId: string; agentId: string } | null> {
  return db.transaction(async (tx) => {
    const [chat] = await tx
      .select(chatRowColumns)
      .from(chatSessions)
      .where(and(eq(chatSessions.teamId, teamId), eq(chatSessions.state, 'queued')))
      .orderBy(asc(chatSessions.queueRank))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!chat) return null;
    const [agent] = await tx
      .select({ agentId: chatAgents.agentId })
      .from(chatAgents)
      .innerJoin(agentTeams, eq(agentTeams.agentId, chatAgents.agentId))
      .innerJoin(agents, eq(agents.id, chatAgents.agentId))
      .where(
        and(
          eq(agentTeams.teamId, teamId),
          eq(chatAgents.status, 'online'),
          gt(chatAgents.lastSeenAt, onlineSince),
          isNull(agents.disabledAt),
          sql`${loadOf} < ${agents.chatCapacity}`,
        ),
      )
      .orderBy(loadOf, asc(chatAgents.lastActivityAt))
      .limit(1)
      .for('update', { of: chatAgents, skipLocked: true });
    if (!agent) return null;
    if (!(await hasFreeSlot(tx, agent.agentId))) return null;
    await giveTo(tx, { db, jobs }, chat, agent.agentId, { actorType: 'system', actorId: null });
    return { ticketId: chat.ticketId, agentId: agent.agentId };
  });
}

/** Re-counts under the agent's row lock: the statement that found them may have seen an older load. */
export async function hasFreeSlot(tx: Tx, agentId: string): Promise<boolean> {
  const [row] = await tx
    .select({
      capacity: agents.chatCapacity,
      load: sql<number>`(select count(*)::int from chat_sessions s where s.agent_id = ${agents.id} and s.state = 'assigned')`,
    })
    .from(agents)
    .where(eq(agents.id, agentId));
  return !!row && row.load < row.capacity;
}

/** Locks the agent's presence row (creating it if needed) so capacity checks hold. */
export async function lockAgent(tx: Tx, agentId: string): Promise<void> {
  await tx.insert(chatAgents).values({ agentId }).onConflictDoNothing();
  await tx
    .select({ a: chatAgents.agentId })
    .from(chatAgents)
    .where(eq(chatAgents.agentId, agentId))
    .for('update');
}

export async function lockChat(tx: Tx, ticketId: string): Promise<ChatRow | null> {
  const [chat] = await tx
    .select({
      ticketId: chatSessions.ticketId,
      teamId: chatSessions.teamId,
      state: chatSessions.state,
      agentId: chatSessions.agentId,
    })
    .from(chatSessions)
    .where(eq(chatSessions.ticketId, ticketId))
    .for('update');
  return chat ?? null;
}

/**
 * The ticket's assignee and team changes a routing step made, recorded and emitted like any
 * ticket change (triggers, webhooks, service-level clocks hear them), marked as the live chat's:
 * its own frames tell the agent, so no "assigned" notice is raised for them.
 */
async function recordRoutingChanges(
  tx: Tx,
  ctx: EmitContext,
  facts: Parameters<typeof factsOf>[0] | undefined,
  actor: Actor,
  changes: Array<readonly [kind: ChangeKind, from: unknown, to: unknown]>,
  at: Date,
) {
  if (!facts || changes.length === 0) return;
  const events = await recordChanges(tx, factsOf(facts), actor, changes, at);
  await emitTicketEvents(
    tx,
    ctx,
    events.map((e) => ({ ...e, liveChat: true })),
  );
}

/** The chat becomes the agent's: its row, the ticket's assignee, and the history, together. */
export async function giveTo(
  tx: Tx,
  ctx: EmitContext,
  chat: ChatRow,
  agentId: string,
  actor: Actor,
): Promise<void> {
  const now = new Date();
  await tx
    .update(chatSessions)
    .set({ state: 'assigned', agentId, assignedAt: now, queueRank: null })
    .where(eq(chatSessions.ticketId, chat.ticketId));
  const [facts] = await tx
    .update(tickets)
    .set({ assigneeId: agentId, updatedAt: now, lastActivityAt: now })
    .where(eq(tickets.id, chat.ticketId))
    .returning(factColumns);
  if (chat.agentId !== agentId)
    await recordRoutingChanges(tx, ctx, facts, actor, [['assignee', chat.agentId, agentId]], now);
  if (chat.state !== 'assigned')
    await recordEvent(tx, chat.ticketId, actor, 'chat_state', chat.state, 'assigned');
  await tx.update(chatAgents).set({ lastActivityAt: now }).where(eq(chatAgents.agentId, agentId));
}

/** Back into a team's queue; at its head when the chat had already waited (agent gone, transfer). */
export async function requeue(
  tx: Tx,
  ctx: EmitContext,
  chat: ChatRow,
  actor: Actor,
  head: boolean,
  teamId = chat.teamId,
) {
  const now = new Date();
  // Ranks are milliseconds; a returned chat's rank is far below every new one, FIFO among them.
  const rank = head ? now.getTime() - 1e13 : now.getTime();
  await tx
    .update(chatSessions)
    .set({ state: 'queued', agentId: null, teamId, queueRank: rank, queuedAt: now, assignedAt: null })
    .where(eq(chatSessions.ticketId, chat.ticketId));
  const [facts] = await tx
    .update(tickets)
    .set({ assigneeId: null, teamId, updatedAt: now, lastActivityAt: now })
    .where(eq(tickets.id, chat.ticketId))
    .returning(factColumns);
  const changes: Array<readonly [ChangeKind, unknown, unknown]> = [];
  if (chat.agentId) changes.push(['assignee', chat.agentId, null]);
  if (teamId !== chat.teamId) changes.push(['team', chat.teamId, teamId]);
  await recordRoutingChanges(tx, ctx, facts, actor, changes, now);
  if (chat.state !== 'queued')
    await recordEvent(tx, chat.ticketId, actor, 'chat_state', chat.state, 'queued');
}

/** Online agents of a team whose node still vouches for them. */
export async function agentsOnShift(db: Executor, teamId: string, onlineSince: Date) {
  return db
    .select({ agentId: chatAgents.agentId, capacity: agents.chatCapacity })
    .from(chatAgents)
    .innerJoin(agentTeams, eq(agentTeams.agentId, chatAgents.agentId))
    .innerJoin(agents, eq(agents.id, chatAgents.agentId))
    .where(
      and(
        eq(agentTeams.teamId, teamId),
        eq(chatAgents.status, 'online'),
        gt(chatAgents.lastSeenAt, onlineSince),
        isNull(agents.disabledAt),
      ),
    );
}

/** Positions and honest estimates for the whole queue of a team, read from the database. */
export async function queueSnapshot(db: Db, teamId: string, onlineSince: Date): Promise<QueueEntry[]> {
  const queued = await db
    .select({ ticketId: chatSessions.ticketId })
    .from(chatSessions)
    .where(and(eq(chatSessions.teamId, teamId), eq(chatSessions.state, 'queued')))
    .orderBy(asc(chatSessions.queueRank));
  if (queued.length === 0) return [];
  const { waits, agentsOnShift: onShift } = await estimateQueue(db, teamId, onlineSince, queued.length);
  return queued.map((q, i) => ({
    ticketId: q.ticketId,
    position: i + 1,
    estimatedWaitSeconds: waits[i] ?? null,
    agentsOnShift: onShift,
  }));
}

/** Customers waiting in the team's queue now (one count: admission asks it on every handoff). */
export async function queueLength(db: Db, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(chatSessions)
    .where(and(eq(chatSessions.teamId, teamId), eq(chatSessions.state, 'queued')));
  return row?.n ?? 0;
}

/** A team's own routing settings: its queue limit (null: the desk's) and its overflow team. */
export async function teamRouting(db: Db, teamId: string) {
  const [row] = await db
    .select({ queueLimit: teams.queueLimit, overflowTeamId: teams.overflowTeamId })
    .from(teams)
    .where(eq(teams.id, teamId));
  return row ?? { queueLimit: null, overflowTeamId: null };
}

/** The wait of one more customer joining the end of a queue of `length` (what a refused customer is told). */
export async function newcomerWait(db: Db, teamId: string, onlineSince: Date, length: number) {
  const { waits } = await estimateQueue(db, teamId, onlineSince, length + 1);
  return waits[length] ?? null;
}

/** Replays `count` waiting customers over the team's slots (chat/estimate.ts). */
async function estimateQueue(db: Db, teamId: string, onlineSince: Date, count: number) {
  const onShift = await agentsOnShift(db, teamId, onlineSince);
  const busy = onShift.length
    ? await db
        .select({ assignedAt: chatSessions.assignedAt })
        .from(chatSessions)
        .where(
          and(
            eq(chatSessions.state, 'assigned'),
            inArray(
              chatSessions.agentId,
              onShift.map((a) => a.agentId),
            ),
          ),
        )
    : [];
  const recent = await db
    .select({ assignedAt: chatSessions.assignedAt, endedAt: chatSessions.endedAt })
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.teamId, teamId),
        isNotNull(chatSessions.assignedAt),
        isNotNull(chatSessions.endedAt),
        gt(chatSessions.endedAt, new Date(Date.now() - 2 * 3600_000)),
      ),
    )
    .orderBy(desc(chatSessions.endedAt))
    .limit(50);
  const now = Date.now();
  const waits = estimateWaits(
    {
      slots: onShift.reduce((s, a) => s + a.capacity, 0),
      busyAges: busy.map((b) => (now - (b.assignedAt?.getTime() ?? now)) / 1000),
      recentHandles: recent.map((r) => (r.endedAt!.getTime() - r.assignedAt!.getTime()) / 1000),
    },
    count,
  );
  return { waits, agentsOnShift: onShift.length };
}
