import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { BusyFrame, ChatFrame, ChatLanguage, TimelineItem } from '../../../shared/chat-protocol.ts';
import type { ChatOverloadConfig } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { liveBanners, withBanners } from '../incidents/banner.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { messages, tickets } from '../tickets/schema.ts';
import type { Actor } from '../tickets/timeline.ts';
import { type Ack, type SendInput, toAck } from './acks.ts';
import { type BotKnowledge, botAnswer, greeting, wantsHuman } from './bot.ts';
import { readBotSettings, saysHandoffWord } from './bot-settings.ts';
import type { ChatBus } from './bus.ts';
import { saveChecklist } from './checklist.ts';
import { ALWAYS_OPEN, teamChatHours } from './hours.ts';
import {
  chatToLeaveMessage,
  type LeaveReason,
  leaveMessageText,
  queueToLeaveMessage,
} from './leave-message.ts';
import type { ChatMetrics, LoadMonitor } from './load.ts';
import { expireAbsentAgents } from './presence.ts';
import {
  agentsOnShift,
  assignNext,
  newcomerWait,
  queueLength,
  queueSnapshot,
  requeue,
  teamRouting,
} from './routing.ts';
import { chatAgents, chatMessageExtras, chatSessions } from './schema.ts';
import { createChatSender } from './send-batch.ts';

export interface ChatDeps {
  db: Db;
  jobs: Jobs;
  bus: ChatBus;
  knowledge: BotKnowledge;
  /** Unheard of this long, an agent gets no new chats (and is not counted in estimates). */
  graceSeconds: number;
  /** Requeue window, requeue bound, queue limit and node limits (config `chatOverload`). */
  overload: ChatOverloadConfig;
  load: LoadMonitor;
  metrics: ChatMetrics;
  logger: Logger;
  /**
   * The desk's civility limits for a customer's new message (文明沟通), shared with the other
   * channels and, with Redis, across nodes. Throws the 429 the customer is shown.
   */
  checkCustomerPace?: (customerId: string, text: string) => Promise<void>;
}

/** The customer's side of a chat: start, talk to the bot, reach a person, end. */
export function createChatService(deps: ChatDeps) {
  const { db, jobs, bus, knowledge, logger } = deps;
  const onlineSince = () => new Date(Date.now() - deps.graceSeconds * 1000);
  /** Agents heard from within the requeue window may still be back: their team is not unstaffed. */
  const maybeBackSince = () => new Date(Date.now() - deps.overload.requeueAfterSeconds * 1000);
  const system: Actor = { actorType: 'system', actorId: null };
  const sender = createChatSender(deps);

  /** Tells every node the timeline grew; the item itself rides along when we have it. */
  async function announce(ticketId: string, item?: TimelineItem, stateChanged = true, knownLastSeq?: number) {
    if (item) await bus.publish({ kind: 'item', ticketId, seq: item.seq, item });
    // The write may have added an event after the item (a reply reopening the ticket): announce it too.
    const lastSeq =
      knownLastSeq ??
      (await db.select({ lastSeq: tickets.lastSeq }).from(tickets).where(eq(tickets.id, ticketId)))[0]
        ?.lastSeq;
    if (lastSeq !== undefined && (!item || lastSeq > item.seq)) {
      await bus.publish({ kind: 'item', ticketId, seq: lastSeq });
    }
    if (stateChanged) await bus.publish({ kind: 'chat', ticketId });
  }

  /**
   * After a write that is already stored and answered: a bus that is away must not turn the
   * customer's success into an error (the other nodes catch up on their next read).
   */
  async function announceStored(ticketId: string, item: TimelineItem | undefined, lastSeq: number) {
    await announce(ticketId, item, false, lastSeq).catch((err) =>
      logger.warn({ err }, 'chat announce failed'),
    );
  }

  async function chatOf(ticketId: string) {
    const [row] = await db.select().from(chatSessions).where(eq(chatSessions.ticketId, ticketId));
    return row ?? null;
  }

  /** A customer's own chat; someone else's answers exactly like a missing one. */
  async function ownChat(customerId: string, ticketId: string) {
    const chat = await chatOf(ticketId);
    if (!chat || chat.customerId !== customerId) throw new AppError('chat_not_found');
    return chat;
  }

  async function chatFrame(ticketId: string): Promise<ChatFrame | null> {
    const [row] = await db
      .select({
        state: chatSessions.state,
        teamId: chatSessions.teamId,
        agentId: chatSessions.agentId,
        agentName: agents.name,
        categoryId: tickets.categoryId,
        lastSeq: tickets.lastSeq,
      })
      .from(chatSessions)
      .innerJoin(tickets, eq(tickets.id, chatSessions.ticketId))
      .leftJoin(agents, eq(agents.id, chatSessions.agentId))
      .where(eq(chatSessions.ticketId, ticketId));
    if (!row) return null;
    // A "leave a message" chat tells when the team's chat opens again, if its hours say so.
    const hours = row.state === 'offline' && row.teamId ? await teamChatHours(db, row.teamId) : ALWAYS_OPEN;
    return {
      type: 'chat',
      ticketId,
      state: row.state,
      categoryId: row.categoryId,
      teamId: row.teamId,
      agent: row.agentId ? { id: row.agentId, name: row.agentName ?? '' } : null,
      lastSeq: row.lastSeq,
      opensAt: hours.opensAt?.toISOString() ?? null,
    };
  }

  async function botSay(ticketId: string, body: string) {
    const added = await addMessage(db, jobs, {
      ticketId,
      authorType: 'bot',
      authorId: null,
      visibility: 'public',
      body,
      clientId: null,
      attachmentIds: [],
      uploader: { uploaderType: 'system', uploaderId: null },
    });
    return added;
  }

  /**
   * Opens a chat in a category, or hands back the customer's chat still running there. A new chat
   * keeps the host app's facts (and the identity's UID) as its first checklist block.
   */
  async function start(
    customerId: string,
    categoryId: string,
    lang: ChatLanguage,
    facts: Record<string, unknown> = {},
  ) {
    const [running] = await db
      .select({ ticketId: chatSessions.ticketId })
      .from(chatSessions)
      .innerJoin(tickets, eq(tickets.id, chatSessions.ticketId))
      .where(
        and(
          eq(chatSessions.customerId, customerId),
          inArray(chatSessions.state, ['bot', 'queued', 'assigned']),
          eq(tickets.categoryId, categoryId),
        ),
      )
      .limit(1);
    if (running) return running.ticketId;
    const [category] = await db.select().from(categories).where(eq(categories.id, categoryId));
    if (!category?.active) throw new AppError('category_not_found');
    const title = lang === 'zh-CN' ? `在线咨询：${category.nameZh}` : `Live chat: ${category.nameEn}`;
    const { id } = await createTicket(db, jobs, {
      customerId,
      title,
      description: title,
      categoryId,
      priority: null,
      priorityFromStaff: false,
      fields: {},
      skipForm: true,
      attachmentIds: [],
      channel: 'chat',
      idempotencyKey: null,
      actor: { actorType: 'customer', actorId: customerId },
      uploader: { uploaderType: 'customer', uploaderId: customerId },
    });
    await db.insert(chatSessions).values({ ticketId: id, customerId, teamId: category.teamId, lang });
    await saveChecklist(db, { ticketId: id, customerId, fields: facts, by: 'app', lang });
    // Outside the team's chat hours the chat is "leave a message" from its first line.
    const hours = category.teamId ? await teamChatHours(db, category.teamId) : ALWAYS_OPEN;
    if (hours.open) {
      const bot = await readBotSettings(db);
      await botSay(id, bot.greeting[lang] || greeting(lang));
    } else await chatToLeaveMessage(db, jobs, id, 'bot', (l) => leaveMessageText(l, 'closed', 'bot', hours));
    return id;
  }

  /**
   * The customer's confirmed checklist: checked like the ticket form, stored, shown to the agent.
   * A refusal speaks `lang`, the socket's language, like every error frame.
   */
  async function checklist(
    customerId: string,
    ticketId: string,
    fields: Record<string, unknown>,
    lang: ChatLanguage,
  ) {
    const chat = await ownChat(customerId, ticketId);
    if (chat.state === 'ended') throw new AppError('chat_ended');
    const sendFiles = async (attachmentIds: string[], body: string) => {
      // The same files sent again (a retry after a lost answer) are the same message.
      const clientId = `checklist-${createHash('sha256').update(attachmentIds.join(',')).digest('hex').slice(0, 32)}`;
      const { added } = await customerSendAlone(customerId, { ticketId, clientId, body, attachmentIds });
      if (!added.duplicate) await announceStored(ticketId, undefined, added.lastSeq);
    };
    const saved = await saveChecklist(db, { ticketId, customerId, fields, by: 'customer', lang, sendFiles });
    if (!saved) throw new AppError('chat_not_found');
    await announceStored(ticketId, undefined, saved.seq);
    return saved;
  }

  async function isStored(ticketId: string, clientId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.ticketId, ticketId), eq(messages.clientId, clientId)));
    return Boolean(row);
  }

  /** A message with files, checked and stored on its own. */
  async function customerSendAlone(customerId: string, input: SendInput) {
    const chat = await ownChat(customerId, input.ticketId);
    if (chat.state === 'ended') throw new AppError('chat_ended');
    // A resend of a stored message (after a reconnect) is not a new message: it is never limited.
    if (deps.checkCustomerPace && !(await isStored(chat.ticketId, input.clientId))) {
      await deps.checkCustomerPace(customerId, input.body);
    }
    const added = await addMessage(db, jobs, {
      ticketId: chat.ticketId,
      authorType: 'customer',
      authorId: customerId,
      visibility: 'public',
      body: input.body,
      clientId: input.clientId,
      attachmentIds: input.attachmentIds,
      uploader: { uploaderType: 'customer', uploaderId: customerId },
    });
    return { chat, added };
  }

  /** A customer's message: stored and acked first; then the bot answers or the handoff starts. */
  async function customerSend(customerId: string, input: SendInput): Promise<Ack> {
    // Text goes through the node's group commit (same checks, one transaction for many messages).
    const { chat, added } = input.attachmentIds.length
      ? await customerSendAlone(customerId, input)
      : await sender.send({ ...input, customerId });
    const ack = toAck(input, added);
    if (added.duplicate) return ack;
    // With files the stored row (with its attachments) is read back instead of sent along; so is a
    // message with a secret in it, so that only the masked text ever leaves (to agents, other devices).
    const item: TimelineItem | undefined =
      input.attachmentIds.length || added.safetyNotice
        ? undefined
        : {
            kind: 'message',
            seq: added.seq,
            id: added.id,
            clientId: input.clientId,
            authorType: 'customer',
            authorId: customerId,
            authorName: null,
            internal: false,
            body: input.body,
            attachments: [],
            cards: [],
            offerHandoff: false,
            createdAt: added.createdAt.toISOString(),
          };
    await announceStored(chat.ticketId, item, added.lastSeq);
    if (chat.state === 'bot') {
      // The answer comes after the ack: the customer's message is safe whatever the bot does.
      void afterCustomerMessage(chat.ticketId, input.body, chat.lang, chat.botAnswers).catch((err) =>
        logger.error({ err }, 'chat bot step failed'),
      );
    }
    return ack;
  }

  async function afterCustomerMessage(ticketId: string, body: string, lang: ChatLanguage, answered: number) {
    const bot = await readBotSettings(db);
    if (wantsHuman(body) || saysHandoffWord(body, bot.handoffWords)) return handoff(ticketId);
    // The admin's limit: after so many answers the bot stops trying and a person takes over.
    if (bot.handoffAfterAnswers > 0 && answered >= bot.handoffAfterAnswers) return handoff(ticketId);
    const reply = await botAnswer(knowledge, body, lang, answered, bot.cards);
    if (bot.handoffWhenNothingFound && reply.cards.length === 0) return handoff(ticketId);
    // A handoff may have happened while the bot was searching: then a person answers, not the bot.
    if ((await chatOf(ticketId))?.state !== 'bot') return;
    // An open public incident (a known outage) leads the answer: the customer may need nothing more.
    const added = await botSay(ticketId, withBanners(reply.body, await liveBanners(db, lang), lang));
    if (reply.cards.length || reply.offerHandoff) {
      await db
        .insert(chatMessageExtras)
        .values({ messageId: added.id, cards: reply.cards, offerHandoff: reply.offerHandoff ? 1 : 0 })
        .onConflictDoNothing();
    }
    await db
      .update(chatSessions)
      .set({ botAnswers: answered + 1 })
      .where(eq(chatSessions.ticketId, ticketId));
    await announce(ticketId);
  }

  /**
   * Why nobody of the team can take a chat now (outside its hours, nobody on shift), or null. An
   * agent merely unheard of (a flapping socket, a starved node) still counts within the requeue
   * window: only one who chose away or offline, or stayed silent past it, leaves the team unstaffed.
   */
  async function unavailable(teamId: string | null) {
    if (!teamId) return { reason: 'unstaffed' as LeaveReason, hours: ALWAYS_OPEN };
    const hours = await teamChatHours(db, teamId);
    if (!hours.open) return { reason: 'closed' as LeaveReason, hours };
    const online = await agentsOnShift(db, teamId, maybeBackSince());
    return online.length === 0 ? { reason: 'unstaffed' as LeaveReason, hours } : null;
  }

  /** Whether the team's queue has room for one more (its own limit, else CHAT_QUEUE_LIMIT), and its length. */
  async function queueRoom(teamId: string) {
    const [length, routing] = await Promise.all([queueLength(db, teamId), teamRouting(db, teamId)]);
    return { length, room: length < (routing.queueLimit ?? deps.overload.queueLimit), routing };
  }

  /**
   * Admission control for a new customer asking for a person: when the team's queue is at its
   * limit or this node is overloaded, they are told the wait and offered to leave a message,
   * rather than everyone already talking being slowed. Null: admitted.
   */
  async function admission(ticketId: string, teamId: string): Promise<BusyFrame | null> {
    const overloaded = deps.load.overloaded();
    const { length, room } = await queueRoom(teamId);
    if (!overloaded && room) return null;
    deps.metrics.shed.inc({ what: overloaded ? `handoff_${overloaded}` : 'handoff_queue_full' });
    return {
      type: 'busy',
      ticketId,
      reason: overloaded ? 'overloaded' : 'queue_full',
      queueLength: length,
      estimatedWaitSeconds: await newcomerWait(db, teamId, onlineSince(), length),
      // Spread the customers who try again (each tab draws its own jitter on top).
      retryAfterMs: overloaded ? 30_000 : 60_000,
    };
  }

  /**
   * The team a chat asking for a person goes to: its own, unless that one is closed, unstaffed or
   * full and its overflow team (one hop, never further) is open, staffed and has room.
   */
  async function teamFor(teamId: string | null): Promise<string | null> {
    if (!teamId || deps.load.overloaded()) return teamId;
    const own = await queueRoom(teamId);
    const overflow = own.routing.overflowTeamId;
    if (!overflow || (own.room && !(await unavailable(teamId)))) return teamId;
    if (await unavailable(overflow)) return teamId;
    return (await queueRoom(overflow)).room ? overflow : teamId;
  }

  /** To a person: the team's queue, or "leave a message" outside its hours or with nobody online. */
  async function handoff(ticketId: string) {
    const chat = await chatOf(ticketId);
    if (chat?.state !== 'bot') return;
    const teamId = await teamFor(chat.teamId);
    const why = await unavailable(teamId);
    if (why) {
      const text = (lang: ChatLanguage) => leaveMessageText(lang, why.reason, 'bot', why.hours);
      if (await chatToLeaveMessage(db, jobs, ticketId, 'bot', text)) {
        deps.metrics.leaveMessage.inc({ reason: why.reason });
        await announce(ticketId);
      }
      return;
    }
    const busy = await admission(ticketId, teamId!);
    if (busy) {
      // To every device of the customer (a signal "from the agent side" reaches customer sockets only).
      await bus.publish({ kind: 'signal', ticketId, from: 'agent', frame: busy });
      return;
    }
    await db.transaction(async (tx) => {
      // To the overflow team: the ticket's team changes too (recorded on its timeline).
      await requeue(tx, { db, jobs }, { ...chat, agentId: null }, system, false, teamId);
    });
    await announce(ticketId);
    await route(teamId!);
  }

  /** Assigns queued chats of the team while agents have room, then tells everyone the new queue. */
  async function route(teamId: string) {
    for (;;) {
      const given = await assignNext(db, jobs, teamId, onlineSince());
      if (!given) break;
      await bus.publish({
        kind: 'assignment',
        ticketId: given.ticketId,
        agentId: given.agentId,
        assigned: true,
      });
      await announce(given.ticketId);
    }
    await publishQueue(teamId);
  }

  /**
   * A queue nobody can serve must not wait forever. When the team's hours have ended, every chat
   * waiting in it becomes "leave a message" and its customer is told. When its last agent on shift
   * is gone (away, offline, or absent past the grace), so do the chats that have waited at least
   * the grace: one just put back (its agent's node missed a beat) gets that long for someone to
   * return. Returns whether the team is unavailable (then there is nothing to route).
   */
  async function leaveMessageIfUnavailable(teamId: string): Promise<boolean> {
    const why = await unavailable(teamId);
    if (!why) return false;
    const text = (lang: ChatLanguage) => leaveMessageText(lang, why.reason, 'queued', why.hours);
    const before = why.reason === 'unstaffed' ? onlineSince() : undefined;
    const moved = await queueToLeaveMessage(db, jobs, teamId, text, before);
    if (moved.length) deps.metrics.leaveMessage.inc({ reason: why.reason }, moved.length);
    for (const ticketId of moved) await announce(ticketId);
    // Those still within the grace keep seeing their place (and no estimate: nobody is on shift).
    await publishQueue(teamId);
    return true;
  }

  /** The customer, told the desk is busy, leaves a message instead of waiting. */
  async function leaveMessage(customerId: string, ticketId: string) {
    const chat = await ownChat(customerId, ticketId);
    if (chat.state !== 'bot') return;
    const text = (lang: ChatLanguage) => leaveMessageText(lang, 'busy', 'bot', ALWAYS_OPEN);
    if (await chatToLeaveMessage(db, jobs, ticketId, 'bot', text)) {
      deps.metrics.leaveMessage.inc({ reason: 'busy' });
      await announce(ticketId);
    }
  }

  async function publishQueue(teamId: string) {
    const entries = await queueSnapshot(db, teamId, onlineSince());
    await bus.publish({ kind: 'queue', teamId, entries });
  }

  /** Periodic, on every node: absent agents' chats back to the queue head; queues routed and re-estimated. */
  async function sweep() {
    const expired = await expireAbsentAgents(db, jobs, maybeBackSince(), deps.overload.requeuePerSweep);
    if (expired.requeued.length) deps.metrics.requeued.inc(expired.requeued.length);
    for (const agentId of expired.agentIds)
      await bus.publish({ kind: 'presence', agentId, status: 'offline' });
    for (const chat of expired.requeued) {
      await bus.publish({
        kind: 'assignment',
        ticketId: chat.ticketId,
        agentId: chat.agentId!,
        assigned: false,
      });
      await announce(chat.ticketId);
    }
    const teams = await db
      .selectDistinct({ teamId: chatSessions.teamId })
      .from(chatSessions)
      .where(eq(chatSessions.state, 'queued'));
    for (const t of teams) {
      if (t.teamId && !(await leaveMessageIfUnavailable(t.teamId))) await route(t.teamId);
    }
  }

  /** Refreshes the presence of the agents whose sockets this node holds. */
  async function vouchFor(agentIds: string[]) {
    if (agentIds.length === 0) return;
    await db.update(chatAgents).set({ lastSeenAt: new Date() }).where(inArray(chatAgents.agentId, agentIds));
  }

  async function assignedTo(agentId: string): Promise<string[]> {
    const rows = await db
      .select({ ticketId: chatSessions.ticketId })
      .from(chatSessions)
      .where(and(eq(chatSessions.agentId, agentId), eq(chatSessions.state, 'assigned')));
    return rows.map((r) => r.ticketId);
  }

  return {
    assignedTo,
    start,
    checklist,
    customerSend,
    handoff,
    leaveMessage,
    leaveMessageIfUnavailable,
    route,
    publishQueue,
    sweep,
    vouchFor,
    announce,
    chatOf,
    ownChat,
    chatFrame,
    onlineSince,
  };
}

export type ChatService = ReturnType<typeof createChatService>;
