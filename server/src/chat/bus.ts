import { EventEmitter } from 'node:events';
import { createRedis } from '../platform/redis.ts';

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

const CHANNEL = 'kefu:chat';

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

export async function redisBus(url: string): Promise<ChatBus> {
  const pub = createRedis(url);
  const sub = createRedis(url);
  const listeners: Array<(message: BusMessage) => void> = [];
  sub.on('message', (_channel: string, raw: string) => {
    const message = JSON.parse(raw) as BusMessage;
    for (const l of listeners) l(message);
  });
  await sub.subscribe(CHANNEL);
  return {
    async publish(message) {
      await pub.publish(CHANNEL, JSON.stringify(message));
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
