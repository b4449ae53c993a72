import { eq, sql } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../../../shared/chat-protocol.ts';
import type { Role } from '../identity/principal.ts';
import { AppError, type ErrorCode, errorMessage } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from '../platform/unavailable.ts';
import type { AgentActions } from './agent-actions.ts';
import type { ChatBus } from './bus.ts';
import type { Conn, Hub } from './hub.ts';
import { isDependencyDown, retryAfterMsOf } from './load.ts';
import type { createActivity } from './presence.ts';
import { chatSessions } from './schema.ts';
import type { ChatDeps, ChatService } from './service.ts';

export interface ChatLimits {
  messagesPerSecond: number;
  burst: number;
  maxBodyChars: number;
  maxFrameBytes: number;
}

export const DEFAULT_LIMITS: ChatLimits = {
  messagesPerSecond: 10,
  burst: 20,
  maxBodyChars: 4000,
  maxFrameBytes: 64 * 1024,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Identity = { role: 'customer'; id: string } | { role: 'agent'; id: string; agentRole: Role };

interface Parts {
  deps: ChatDeps;
  chat: ChatService;
  actions: AgentActions;
  hub: Hub;
  bus: ChatBus;
  limits: ChatLimits;
  nodeId: string;
  activity: ReturnType<typeof createActivity>;
}

/** An answer: text, a number, or (an attachments field) a short list of file ids. */
function isAnswer(v: unknown): v is string | number | string[] {
  if (typeof v === 'string' || typeof v === 'number') return true;
  return Array.isArray(v) && v.length <= 20 && v.every((id) => typeof id === 'string' && id.length <= 64);
}

/** A JSON object of answers (not an array, not null), at most 50 keys of short names. */
function isPlainRecord(value: unknown): value is Record<string, string | number | string[]> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= 50 && entries.every(([k, v]) => k.length <= 64 && isAnswer(v));
}

/** The host app's facts: its scalar answers (it passes facts, never files; a list is left out). */
function factsIn(value: unknown): Record<string, string | number> {
  if (!isPlainRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string | number] => !Array.isArray(e[1])),
  );
}

/** Serves one authenticated socket: frames in, frames out, one error frame per refusal. */
export function serveConnection(parts: Parts, ws: WebSocket, who: Identity, lang: Language) {
  const { chat, actions, hub, bus, limits, deps, activity } = parts;
  const conn: Conn = { ws, role: who.role, id: who.id, subs: new Map() };
  /** Chats this customer may touch: checked once, then remembered for typing and read frames. */
  const owned = new Set<string>();
  let tokens = limits.burst;
  let refilledAt = Date.now();

  const send = (frame: ServerFrame) => hub.send(conn, frame);
  const fail = (code: ErrorCode, params: Record<string, string | number>, ref?: string, extra = {}) =>
    send({
      type: 'error',
      code,
      message: errorMessage(code, lang, params),
      ...(ref ? { ref } : {}),
      ...extra,
    });

  function takeToken(): number {
    const now = Date.now();
    tokens = Math.min(limits.burst, tokens + ((now - refilledAt) / 1000) * limits.messagesPerSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - tokens) / limits.messagesPerSecond) * 1000);
  }

  async function mayUse(ticketId: string) {
    if (who.role === 'agent' || owned.has(ticketId)) return;
    await chat.ownChat(who.id, ticketId);
    owned.add(ticketId);
  }

  async function handle(frame: ClientFrame) {
    // Ids go into queries: anything that is not a uuid is refused here, not by the database.
    for (const key of ['ticketId', 'categoryId', 'agentId', 'toAgentId', 'toTeamId'] as const) {
      const value = (frame as Partial<Record<typeof key, unknown>>)[key];
      if (value !== undefined && (typeof value !== 'string' || !UUID.test(value))) {
        throw new AppError('bad_frame', { detail: key });
      }
    }
    switch (frame.type) {
      case 'start': {
        if (who.role !== 'customer') throw new AppError('forbidden');
        const facts = factsIn(frame.facts);
        const ticketId = await chat.start(
          who.id,
          frame.categoryId,
          frame.lang === 'en' ? 'en' : 'zh-CN',
          facts,
        );
        owned.add(ticketId);
        await hub.follow(conn, ticketId, 0);
        const state = await chat.chatFrame(ticketId);
        if (state) send(state);
        return;
      }
      case 'checklist': {
        if (who.role !== 'customer') throw new AppError('forbidden');
        if (!isPlainRecord(frame.fields)) throw new AppError('bad_frame', { detail: 'fields' });
        const saved = await chat.checklist(who.id, frame.ticketId, frame.fields, lang);
        owned.add(frame.ticketId);
        return send({
          type: 'checklist_saved',
          ticketId: frame.ticketId,
          seq: saved.seq,
          ...(saved.safetyNotice ? { safetyNotice: saved.safetyNotice } : {}),
        });
      }
      case 'resume': {
        // One read checks the customer's ownership and gives the chat's state (a reconnect storm
        // is thousands of these at once).
        const current =
          who.role === 'customer'
            ? await chat.ownChat(who.id, frame.ticketId)
            : await chat.chatOf(frame.ticketId);
        if (!current) throw new AppError('chat_not_found');
        if (who.role === 'customer') owned.add(frame.ticketId);
        await hub.follow(conn, frame.ticketId, Math.max(0, Math.floor(frame.lastSeq)));
        const state = await chat.chatFrame(frame.ticketId);
        if (state) send(state);
        if (current.state === 'queued' && current.teamId) await chat.publishQueue(current.teamId);
        return;
      }
      case 'send': {
        const body = typeof frame.body === 'string' ? frame.body : '';
        if (body.length > limits.maxBodyChars) {
          return fail('message_too_large', { limit: limits.maxBodyChars }, frame.clientId);
        }
        if (typeof frame.clientId !== 'string' || !/^[\w-]{1,64}$/.test(frame.clientId)) {
          throw new AppError('bad_frame', { detail: 'clientId' });
        }
        const attachmentIds = Array.isArray(frame.attachmentIds) ? frame.attachmentIds.slice(0, 10) : [];
        if (!body.trim() && attachmentIds.length === 0)
          throw new AppError('bad_frame', { detail: 'empty message' });
        const input = { ticketId: frame.ticketId, clientId: frame.clientId, body, attachmentIds };
        const ack =
          who.role === 'customer'
            ? await chat.customerSend(who.id, input)
            : await actions.agentSend(
                { agentId: who.id, role: who.agentRole },
                { ...input, internal: !!frame.internal },
              );
        return send({ type: 'ack', ...ack });
      }
      case 'typing':
        // The first thing to go when the node is overloaded: nobody loses anything but a hint.
        if (deps.load.overloaded()) return deps.metrics.shed.inc({ what: 'typing' });
        await mayUse(frame.ticketId);
        return bus.publish({
          kind: 'signal',
          ticketId: frame.ticketId,
          from: who.role,
          frame: { type: 'typing', ticketId: frame.ticketId, from: who.role, typing: !!frame.typing },
        });
      case 'read': {
        await mayUse(frame.ticketId);
        const seq = Math.max(0, Math.floor(frame.seq));
        const column = who.role === 'customer' ? chatSessions.customerReadSeq : chatSessions.agentReadSeq;
        await deps.db
          .update(chatSessions)
          .set(
            who.role === 'customer'
              ? { customerReadSeq: sql`greatest(${column}, ${seq})` }
              : { agentReadSeq: sql`greatest(${column}, ${seq})` },
          )
          .where(eq(chatSessions.ticketId, frame.ticketId));
        return bus.publish({
          kind: 'signal',
          ticketId: frame.ticketId,
          from: who.role,
          frame: { type: 'read', ticketId: frame.ticketId, by: who.role, seq },
        });
      }
      case 'handoff':
        await mayUse(frame.ticketId);
        return chat.handoff(frame.ticketId);
      case 'leave_message':
        if (who.role !== 'customer') throw new AppError('forbidden');
        return chat.leaveMessage(who.id, frame.ticketId);
      case 'end':
        await mayUse(frame.ticketId);
        return actions.end(
          who.role === 'customer' ? { customerId: who.id } : { agentId: who.id, role: who.agentRole },
          frame.ticketId,
        );
    }
    if (who.role !== 'agent') throw new AppError('forbidden');
    const agent = { agentId: who.id, role: who.agentRole };
    switch (frame.type) {
      case 'presence':
        if (!['online', 'away', 'offline'].includes(frame.status))
          throw new AppError('bad_frame', { detail: 'status' });
        return actions.setPresence(who.id, frame.status);
      case 'accept':
        return actions.accept(agent, frame.ticketId);
      case 'assign':
        return actions.assign(agent, frame.ticketId, frame.agentId);
      case 'transfer':
        return actions.transfer(agent, frame.ticketId, {
          toAgentId: frame.toAgentId,
          toTeamId: frame.toTeamId,
        });
      default:
        throw new AppError('bad_frame', { detail: 'type' });
    }
  }

  // Frames of one socket are handled one after another: its messages are stored in the order sent.
  let chain = Promise.resolve();
  let lastPingAt = 0;
  ws.on('message', (data, isBinary) => {
    if (who.role === 'agent') activity.touch(who.id);
    let frame: ClientFrame;
    try {
      if (isBinary) throw new Error('binary');
      frame = JSON.parse(String(data)) as ClientFrame;
      if (!frame || typeof frame.type !== 'string') throw new Error('type');
    } catch {
      return fail('bad_frame', { detail: 'JSON object with a type expected' });
    }
    // A heartbeat is answered here and now, ahead of whatever this socket still has queued (a
    // slow send must not make the client think the link is dead), and costs no token.
    // More than one ping a second is not a heartbeat: those are ignored rather than answered.
    if (frame.type === 'ping') {
      const now = Date.now();
      if (now - lastPingAt < 1000) return;
      lastPingAt = now;
      return send({ type: 'pong', serverTime: new Date().toISOString() });
    }
    const wait = takeToken();
    if (wait > 0) return fail('chat_rate_limited', { retryAfter: wait }, undefined, { retryAfterMs: wait });
    chain = chain.then(() =>
      handle(frame).catch((err: unknown) => {
        const ref = frame.type === 'send' ? frame.clientId : frame.type;
        // A dependency away is not the client's fault: nothing unacked was stored, try again later.
        if (isDependencyDown(err)) {
          deps.metrics.unavailable.inc();
          return send({ type: 'unavailable', reason: 'dependency', retryAfterMs: retryAfterMsOf(err), ref });
        }
        // Which checklist answers are wrong travels along, so the page can mark those fields.
        const fields = err instanceof AppError ? err.extra.fields : undefined;
        const until = err instanceof AppError ? err.extra.until : undefined;
        if (err instanceof AppError)
          return fail(err.code, err.params, ref, {
            ...(fields ? { fields } : {}),
            ...(until ? { until } : {}),
          });
        // The database away (a restart): the client is told to resend; nothing was acknowledged.
        if (isDependencyUnavailable(err))
          return fail('service_unavailable', {}, ref, { retryAfterMs: RETRY_AFTER_SECONDS * 1000 });
        deps.logger.error({ err }, 'chat frame failed');
        fail('internal', {}, ref);
      }),
    );
  });
  ws.on('close', () => hub.remove(conn));
  hub.add(conn);
  return conn;
}
