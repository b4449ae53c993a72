import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { AgentChatStatus, ServerFrame } from '../../../../shared/chat-protocol.ts';
import { api } from '../lib/api.ts';
import { applyServerEvent, keys } from '../lib/cache.ts';
import { ChatSocket } from './chat-socket.ts';
import type { ChatSnapshot } from './store.ts';

export interface QueuedChat {
  ticketId: string;
  number: string;
  title: string;
  customerName: string | null;
  queuedAt: string | null;
  waitSeconds: number;
}
export interface TeamQueue {
  id: string;
  nameZh: string;
  nameEn: string;
  waiting: number;
  longestWaitSeconds: number;
  chats: QueuedChat[];
}
export interface AgentLoad {
  id: string;
  name: string;
  role: string;
  capacity: number;
  load: number;
  status: AgentChatStatus;
  teamIds: string[];
  /** Supervisors only: the chats the agent holds, to reassign. */
  chats: Array<Pick<QueuedChat, 'ticketId' | 'number' | 'title' | 'customerName'>>;
}
export interface Queues {
  teams: TeamQueue[];
  agents: AgentLoad[];
  me: AgentLoad | null;
}

const ChatContext = createContext<ChatSocket | null>(null);

/** What the socket's frames change in the query cache: threads, lists and the queue figures. */
function cacheOnFrame(client: QueryClient, frame: ServerFrame) {
  if (frame.type === 'item') {
    applyServerEvent(client, {
      type: 'ticket.message',
      ticketId: frame.ticketId,
      number: frame.ticketId,
      seq: frame.item.seq,
    });
  } else if (frame.type === 'chat') {
    applyServerEvent(client, { type: 'ticket.updated', ticketId: frame.ticketId, number: frame.ticketId });
    client.invalidateQueries({ queryKey: keys.chatQueues });
  } else if (frame.type === 'assigned' || frame.type === 'unassigned' || frame.type === 'presence') {
    client.invalidateQueries({ queryKey: keys.chatQueues });
  }
}

/** One socket per signed-in page, shared by the chat tabs, the presence toggle and the supervisor view. */
export function ChatProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [socket] = useState(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    return new ChatSocket(`${scheme}://${window.location.host}/api/v1/chat/ws`, {
      onFrame: (frame) => cacheOnFrame(client, frame),
    });
  });
  useEffect(() => () => socket.close(), [socket]);
  return <ChatContext.Provider value={socket}>{children}</ChatContext.Provider>;
}

export function useChatSocket(): ChatSocket {
  const socket = useContext(ChatContext);
  if (!socket) throw new Error('useChatSocket outside ChatProvider');
  return socket;
}

export function useChatState(): ChatSnapshot {
  const socket = useChatSocket();
  return useSyncExternalStore(socket.store.subscribe, socket.store.get);
}

/**
 * Queues and loads (GET /chat/queues). The agent socket carries no queue frames, so this reads the
 * database view; assignment and presence frames refresh it at once, a short interval in between.
 */
export function useQueues(interval = 5_000) {
  const socket = useChatSocket();
  const query = useQuery({
    queryKey: keys.chatQueues,
    queryFn: () => api<Queues>('GET', '/chat/queues'),
    refetchInterval: interval,
    staleTime: 1_000,
  });
  const status = query.data?.me?.status;
  useEffect(() => {
    if (status) socket.knownPresence(status);
  }, [socket, status]);
  return query;
}
