import type { WebSocket } from 'ws';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import type { Db } from '../db/client.ts';
import type { BusMessage, ChatBus } from './bus.ts';
import { loadItems, visibleToCustomer } from './feed.ts';
import type { ChatService } from './service.ts';

/** One open socket and what it follows. */
export interface Conn {
  ws: WebSocket;
  role: 'customer' | 'agent';
  /** The customer's or the agent's id. */
  id: string;
  /** Per chat: the last seq sent, and a chain that keeps this socket's deliveries in order. */
  subs: Map<string, { lastSent: number; chain: Promise<void>; agentId?: string | null }>;
}

/**
 * This node's sockets, and the delivery of the bus's messages to them. Delivery per socket and
 * chat is serialised and gap-checked: an item is sent only when it is exactly the next number;
 * anything else is read from the database from the last number sent. So each socket gets every
 * item once and in order whatever the bus does (late, doubled, reordered across nodes).
 */
export function createHub(db: Db, bus: ChatBus, chat: ChatService) {
  const byTicket = new Map<string, Set<Conn>>();
  const byAgent = new Map<string, Set<Conn>>();
  const all = new Set<Conn>();

  function send(conn: Conn, frame: ServerFrame) {
    // Remember who serves each chat: that agent's presence is shown to the customer.
    if (frame.type === 'chat') {
      const sub = conn.subs.get(frame.ticketId);
      if (sub) sub.agentId = frame.agent?.id ?? null;
    }
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(frame));
  }

  function add(conn: Conn) {
    all.add(conn);
    if (conn.role === 'agent') setAdd(byAgent, conn.id, conn);
  }

  function remove(conn: Conn) {
    all.delete(conn);
    for (const ticketId of conn.subs.keys()) setDelete(byTicket, ticketId, conn);
    if (conn.role === 'agent') setDelete(byAgent, conn.id, conn);
  }

  /** Follow a chat from `lastSeq`: everything after it is replayed from the database first. */
  async function follow(conn: Conn, ticketId: string, lastSeq: number) {
    if (!conn.subs.has(ticketId)) {
      conn.subs.set(ticketId, { lastSent: lastSeq, chain: Promise.resolve() });
      setAdd(byTicket, ticketId, conn);
    }
    await deliver(conn, ticketId, Number.POSITIVE_INFINITY);
  }

  function unfollow(conn: Conn, ticketId: string) {
    conn.subs.delete(ticketId);
    setDelete(byTicket, ticketId, conn);
  }

  function deliver(
    conn: Conn,
    ticketId: string,
    seq: number,
    item?: TimelineItem,
    encoded?: () => string,
  ): Promise<void> {
    const sub = conn.subs.get(ticketId);
    if (!sub) return Promise.resolve();
    sub.chain = sub.chain
      .then(async () => {
        if (seq <= sub.lastSent) return;
        if (item && seq === sub.lastSent + 1) {
          emit(conn, ticketId, item, encoded);
          sub.lastSent = seq;
          return;
        }
        for (;;) {
          const items = await loadItems(db, ticketId, sub.lastSent);
          for (const i of items) {
            if (i.seq <= sub.lastSent) continue;
            emit(conn, ticketId, i);
            sub.lastSent = i.seq;
          }
          if (items.length < 500) break;
        }
      })
      .catch(() => {
        // The next item or the client's resume repairs a failed read.
      });
    return sub.chain;
  }

  function emit(conn: Conn, ticketId: string, item: TimelineItem, encoded?: () => string) {
    if (conn.role === 'customer' && !visibleToCustomer(item)) return;
    if (!encoded) return send(conn, { type: 'item', ticketId, item });
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(encoded());
  }

  async function onBus(m: BusMessage) {
    switch (m.kind) {
      case 'item': {
        const item = m.item as TimelineItem | undefined;
        // Every socket of the chat gets the same frame: encoded once, by the first that sends it.
        let text: string | undefined;
        const encoded = () => {
          text ??= JSON.stringify({ type: 'item', ticketId: m.ticketId, item });
          return text;
        };
        for (const conn of byTicket.get(m.ticketId) ?? []) {
          void deliver(conn, m.ticketId, m.seq, item, encoded);
        }
        return;
      }
      case 'signal':
        for (const conn of byTicket.get(m.ticketId) ?? []) {
          if (conn.role !== m.from) send(conn, m.frame as ServerFrame);
        }
        return;
      case 'chat': {
        const conns = byTicket.get(m.ticketId);
        if (!conns?.size) return;
        const frame = await chat.chatFrame(m.ticketId);
        if (!frame) return;
        for (const conn of conns) {
          // The chat frame follows the items it summarises, on the same chain.
          const sub = conn.subs.get(m.ticketId);
          if (sub) sub.chain = sub.chain.then(() => send(conn, frame));
        }
        return;
      }
      case 'queue':
        for (const e of m.entries) {
          for (const conn of byTicket.get(e.ticketId) ?? []) {
            if (conn.role === 'customer') send(conn, { type: 'queue', teamId: m.teamId, ...e });
          }
        }
        return;
      case 'presence':
        for (const conn of all) {
          const serves = [...conn.subs.values()].some((s) => s.agentId === m.agentId);
          if (conn.role === 'agent' || serves) {
            send(conn, { type: 'presence', agentId: m.agentId, status: m.status });
          }
        }
        return;
      case 'assignment':
        for (const conn of byAgent.get(m.agentId) ?? []) {
          send(conn, {
            type: m.assigned ? 'assigned' : 'unassigned',
            ticketId: m.ticketId,
            agentId: m.agentId,
          });
          if (m.assigned) void follow(conn, m.ticketId, 0);
          else unfollow(conn, m.ticketId);
        }
        return;
    }
  }

  bus.subscribe((m) => {
    void onBus(m).catch(() => {});
  });

  return {
    add,
    remove,
    follow,
    unfollow,
    send,
    /** Agents with a live socket on this node: the node vouches for their presence. */
    localAgents: () => [...byAgent.keys()],
    connections: () => all.size,
    closeAll(code: number, reason: string) {
      for (const conn of all) conn.ws.close(code, reason);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;

function setAdd<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function setDelete<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
