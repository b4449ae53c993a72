import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Degradation } from '../platform/degradation.ts';
import { createRedis, subscribeSoon } from '../platform/redis.ts';

/**
 * Fan-out between the nodes of one desk. Everything that must reach a socket held by another node
 * (new timeline items, typing, read state, presence, queue positions, assignment notices) goes
 * through it. Without REDIS_URL one process is the whole desk and an in-process emitter suffices.
 * Nothing durable travels here: a lost bus message is repaired from the database on the next one,
 * or on the client's resume.
 */
export interface ChatBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): void;
  close(): Promise<void>;
}

export type BusMessage =
  /** The ticket's timeline grew to `seq`; `item` saves a database read when it is there. */
  | { kind: 'item'; ticketId: string; seq: number; item?: unknown }
  /** Typing and read state: forwarded to the chat's other side, never stored here. */
  | { kind: 'signal'; ticketId: string; from: 'customer' | 'agent'; frame: unknown }
  | { kind: 'chat'; ticketId: string }
  | { kind: 'queue'; teamId: string; entries: QueueEntry[] }
  | { kind: 'presence'; agentId: string; status: 'online' | 'away' | 'offline' }
  | { kind: 'assignment'; ticketId: string; agentId: string; assigned: boolean };

export interface QueueEntry {
  ticketId: string;
  position: number;
  estimatedWaitSeconds: number | null;
  agentsOnShift: number;
}

export function inProcessBus(): ChatBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(message) {
      // Asynchronous like the network: listeners never run inside the publisher's call stack.
      queueMicrotask(() => emitter.emit('m', message));
    },
    subscribe(listener) {
      emitter.on('m', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * The bus over Redis pub/sub on `{prefix}chat`. This node's own listeners hear a message at once,
 * in process, and skip its echo from Redis: a node's own sockets never depend on Redis. While
 * Redis is away, publishing fails quietly (logged and counted as `chat_bus`): the other nodes miss
 * those messages, and their clients catch up from the database by sequence on the next message
 * or on resume, as after any lost bus message. ioredis resubscribes when Redis returns.
 */
export async function redisBus(
  url: string,
  options: { prefix: string; degradation: Degradation; logger?: Logger },
): Promise<ChatBus> {
  const channel = `${options.prefix}chat`;
  const self = `${process.pid}-${randomUUID()}`;
  const pub = createRedis(url, { logger: options.logger });
  const sub = createRedis(url, { subscriber: true });
  const listeners: Array<(message: BusMessage) => void> = [];
  const deliver = (message: BusMessage) => {
    for (const l of listeners) l(message);
  };
  sub.on('message', (_channel: string, raw: string) => {
    const { from, message } = JSON.parse(raw) as { from: string; message: BusMessage };
    if (from !== self) deliver(message);
  });
  await subscribeSoon(sub, channel);
  return {
    async publish(message) {
      queueMicrotask(() => deliver(message));
      try {
        await pub.publish(channel, JSON.stringify({ from: self, message }));
        options.degradation.worked('chat_bus');
      } catch (err) {
        options.degradation.fellBack('chat_bus', err);
      }
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
