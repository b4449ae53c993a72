import { eq } from 'drizzle-orm';
import type { AgentChatStatus } from '../../../shared/chat-protocol.ts';
import { agentTeams } from '../desk/schema.ts';
import type { Role } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { addMessage } from '../tickets/add-message.ts';
import { tickets } from '../tickets/schema.ts';
import { recordEvent } from '../tickets/timeline.ts';
import { updateTicketIn } from '../tickets/update-ticket.ts';
import { type Ack, type SendInput, toAck } from './acks.ts';
import { giveTo, hasFreeSlot, lockAgent, lockChat, requeue } from './routing.ts';
import { chatAgents, chatSessions } from './schema.ts';
import type { ChatDeps, ChatService } from './service.ts';

export interface AgentRef {
  agentId: string;
  role: Role;
}

const TRANSFER_TEXT = {
  'zh-CN': '您的对话已转接给其他客服，之前的聊天记录都会保留，请稍候。',
  en: 'Your chat has been passed to a colleague; the whole conversation stays with it. Please hold on.',
} as const;

/** What agents and supervisors do to chats. Every change is one locked transaction plus a fan-out. */
export function createAgentActions(deps: ChatDeps, chat: ChatService) {
  const { db, jobs, bus } = deps;

  async function teamsOf(agentId: string): Promise<string[]> {
    const rows = await db
      .select({ teamId: agentTeams.teamId })
      .from(agentTeams)
      .where(eq(agentTeams.agentId, agentId));
    return rows.map((r) => r.teamId);
  }

  async function setPresence(agentId: string, status: AgentChatStatus) {
    const now = new Date();
    await db
      .insert(chatAgents)
      .values({ agentId, status, lastSeenAt: now })
      .onConflictDoUpdate({ target: chatAgents.agentId, set: { status, lastSeenAt: now } });
    await bus.publish({ kind: 'presence', agentId, status });
    if (status === 'offline') {
      // Signing off on purpose: their chats go back to the head of the queue now, not after a grace.
      const held = await db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(chatSessions)
          .where(eq(chatSessions.agentId, agentId))
          .for('update');
        const mine = rows.filter((r) => r.state === 'assigned');
        for (const r of mine)
          await requeue(tx, { db, jobs }, r, { actorType: 'agent', actorId: agentId }, true);
        return mine;
      });
      for (const r of held) {
        await bus.publish({ kind: 'assignment', ticketId: r.ticketId, agentId, assigned: false });
        await chat.announce(r.ticketId);
        if (r.teamId) await chat.route(r.teamId);
      }
    }
    for (const teamId of await teamsOf(agentId)) {
      // The team's last agent on shift stepping away: its waiting customers are told now.
      if (status !== 'online' && (await chat.leaveMessageIfUnavailable(teamId))) continue;
      await chat.route(teamId);
    }
  }

  async function agentSend(agent: AgentRef, input: SendInput & { internal: boolean }): Promise<Ack> {
    const row = await chat.chatOf(input.ticketId);
    if (!row) throw new AppError('chat_not_found');
    const added = await addMessage(db, jobs, {
      ticketId: input.ticketId,
      authorType: 'agent',
      authorId: agent.agentId,
      visibility: input.internal ? 'internal' : 'public',
      body: input.body,
      clientId: input.clientId,
      attachmentIds: input.attachmentIds,
      uploader: { uploaderType: 'agent', uploaderId: agent.agentId },
    });
    if (!added.duplicate) await chat.announce(input.ticketId, undefined, false, added.lastSeq);
    return toAck(input, added);
  }

  /** Give a chat to an agent: accept (themself, from the queue) or assign (a supervisor, any chat). */
  async function giveChat(actor: AgentRef, ticketId: string, toAgentId: string, mustBeQueued: boolean) {
    const before = await db.transaction(async (tx) => {
      await lockAgent(tx, toAgentId);
      const row = await lockChat(tx, ticketId);
      if (!row) throw new AppError('chat_not_found');
      if (mustBeQueued && row.state !== 'queued') throw new AppError('chat_not_queued');
      if (row.state === 'ended') throw new AppError('chat_ended');
      if (row.agentId === toAgentId) return row;
      if (!(await hasFreeSlot(tx, toAgentId))) throw new AppError('agent_at_capacity');
      await giveTo(tx, { db, jobs }, row, toAgentId, { actorType: 'agent', actorId: actor.agentId });
      return row;
    });
    if (before.agentId === toAgentId) return;
    if (before.agentId) {
      await bus.publish({ kind: 'assignment', ticketId, agentId: before.agentId, assigned: false });
    }
    await bus.publish({ kind: 'assignment', ticketId, agentId: toAgentId, assigned: true });
    await chat.announce(ticketId);
    if (before.teamId) await chat.publishQueue(before.teamId);
  }

  async function accept(agent: AgentRef, ticketId: string) {
    await giveChat(agent, ticketId, agent.agentId, true);
  }

  async function assign(agent: AgentRef, ticketId: string, toAgentId: string) {
    if (agent.role === 'agent') throw new AppError('forbidden');
    await giveChat(agent, ticketId, toAgentId, false);
  }

  /** To another agent (at once) or to another team's queue (at its head: the customer already waited). */
  async function transfer(agent: AgentRef, ticketId: string, to: { toAgentId?: string; toTeamId?: string }) {
    const row = await chat.chatOf(ticketId);
    if (!row) throw new AppError('chat_not_found');
    if (row.agentId !== agent.agentId && agent.role === 'agent') throw new AppError('forbidden');
    const actor = { actorType: 'agent' as const, actorId: agent.agentId };
    if (to.toAgentId) {
      await giveChat(agent, ticketId, to.toAgentId, false);
    } else if (to.toTeamId) {
      const toTeamId = to.toTeamId;
      await db.transaction(async (tx) => {
        const locked = await lockChat(tx, ticketId);
        if (!locked || locked.state === 'ended') throw new AppError('chat_ended');
        await requeue(tx, { db, jobs }, locked, actor, true, toTeamId);
      });
      if (row.agentId)
        await bus.publish({ kind: 'assignment', ticketId, agentId: row.agentId, assigned: false });
    } else {
      throw new AppError('validation_failed', { detail: 'toAgentId or toTeamId' });
    }
    await db.transaction(async (tx) => {
      await recordEvent(tx, ticketId, actor, 'transfer', { agentId: row.agentId, teamId: row.teamId }, to);
    });
    await addMessage(db, jobs, {
      ticketId,
      authorType: 'system',
      authorId: null,
      visibility: 'public',
      body: TRANSFER_TEXT[row.lang],
      clientId: null,
      attachmentIds: [],
      uploader: { uploaderType: 'system', uploaderId: null },
    });
    await chat.announce(ticketId);
    if (to.toTeamId) await chat.route(to.toTeamId);
  }

  /** Ends a chat (the customer or an agent): the ticket becomes solved and the agent's slot frees. */
  async function end(by: { customerId: string } | AgentRef, ticketId: string) {
    const row =
      'customerId' in by ? await chat.ownChat(by.customerId, ticketId) : await chat.chatOf(ticketId);
    if (!row) throw new AppError('chat_not_found');
    if (row.state === 'ended') return;
    const actor =
      'customerId' in by
        ? { actorType: 'customer' as const, actorId: by.customerId }
        : { actorType: 'agent' as const, actorId: by.agentId };
    // The chat ends and its ticket is solved in one transaction: a node that stops in between
    // cannot leave an ended chat on an open ticket. Locks in the routing's order: chat, then ticket.
    await db.transaction(async (tx) => {
      const locked = await lockChat(tx, ticketId);
      if (!locked || locked.state === 'ended') return;
      await tx
        .update(chatSessions)
        .set({ state: 'ended', endedAt: new Date(), queueRank: null })
        .where(eq(chatSessions.ticketId, ticketId));
      await recordEvent(tx, ticketId, actor, 'chat_state', locked.state, 'ended');
      // Solving is the desk's decision, taken by the system on the customer's behalf.
      const [t] = await tx.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId));
      if (t && t.status !== 'solved' && t.status !== 'closed') {
        await updateTicketIn(
          tx,
          { db, jobs },
          ticketId,
          { status: 'solved' },
          'customerId' in by ? { actorType: 'system', actorId: null } : actor,
        );
      }
    });
    if (row.agentId)
      await bus.publish({ kind: 'assignment', ticketId, agentId: row.agentId, assigned: false });
    await chat.announce(ticketId);
    if (row.teamId) await chat.route(row.teamId);
  }

  return { setPresence, agentSend, accept, assign, transfer, end, teamsOf };
}

export type AgentActions = ReturnType<typeof createAgentActions>;
