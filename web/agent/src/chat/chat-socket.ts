import type {
  AgentChatStatus,
  ClientFrame,
  SendFrame,
  ServerFrame,
} from '../../../../shared/chat-protocol.ts';
import { KeptSocket, reconnectDelay } from '../../../../shared/kept-socket.ts';
import { ChatStore } from './store.ts';

export interface SocketHooks {
  /** Every frame, after the store has taken it in: the query cache listens here. */
  onFrame(frame: ServerFrame): void;
}

const TYPING_IDLE_MS = 3_000;
const CUSTOMER_TYPING_TTL_MS = 6_000;

const newClientId = () => `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The agent's one WebSocket (docs/chat-protocol.md). It reconnects with capped exponential
 * back-off and full jitter (shared/kept-socket.ts; at most one socket, pings every 15 s, given up
 * only after 45 s of silence, the server's "retry after" honoured) and then,
 * for every chat it follows, sends `resume` with the last seq it holds, so the gap is replayed
 * once and nothing twice; unacked messages are resent with their clientId (the server answers a
 * resend with the stored message). The chosen presence is sent again after every reconnect.
 */
export class ChatSocket {
  readonly store = new ChatStore();
  private socket: KeptSocket;
  private followed = new Set<string>();
  private desired: AgentChatStatus | null = null;
  /** Redo after an `unavailable` answer: how many in a row (the wait grows), and its timer. */
  private unavailableRuns = 0;
  private redo: ReturnType<typeof setTimeout> | null = null;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private customerTypingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly hooks: SocketHooks;

  constructor(url: string, hooks: SocketHooks) {
    this.hooks = hooks;
    this.socket = new KeptSocket({
      url: () => url,
      onFrame: (frame) => this.receive(frame as ServerFrame),
      onDown: () => {
        if (this.redo) clearTimeout(this.redo);
        this.redo = null;
        this.store.update(() => ({ connected: false }));
      },
    });
  }

  close() {
    if (this.redo) clearTimeout(this.redo);
    this.socket.close();
  }

  /** Drops the connection as a network failure would (tests and the "reconnect" path). */
  dropForTest() {
    this.socket.drop();
  }

  private raw(frame: ClientFrame) {
    this.socket.send(JSON.stringify(frame));
  }

  /** After a welcome or an outage: presence again, then every followed chat resumed. */
  private resync() {
    if (this.desired) this.raw({ type: 'presence', status: this.desired });
    for (const id of this.followed) this.resumeOne(id);
  }

  private receive(frame: ServerFrame) {
    const { store } = this;
    if (frame.type === 'welcome') {
      this.socket.welcomed();
      this.unavailableRuns = 0;
      store.update(() => ({ connected: true, myId: frame.id }));
      // Tabs still open stay (their chats are resumed below); chats given while away are added.
      const assigned = frame.assigned ?? [];
      store.setMine([...store.get().mine, ...assigned.filter((id) => !store.get().mine.includes(id))]);
      for (const id of frame.assigned ?? []) this.followed.add(id);
      this.resync();
    } else if (frame.type === 'unavailable') {
      // Without a ref the server refuses this socket (closing it with 1013): come back later.
      if (!frame.ref) this.socket.retryAfter(frame.retryAfterMs);
      else if (!this.redo) {
        // A dependency is away: unacked messages stay pending; ask again after the hint.
        this.redo = setTimeout(
          () => {
            this.redo = null;
            this.resync();
          },
          reconnectDelay(this.unavailableRuns++, frame.retryAfterMs),
        );
      }
    } else if (frame.type === 'item') {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      const viewing = store.get().active === frame.ticketId && !hidden;
      store.addItem(frame.ticketId, frame.item, !viewing);
      if (viewing) this.markRead(frame.ticketId);
    } else if (frame.type === 'assigned' && frame.agentId === store.get().myId) {
      this.follow(frame.ticketId);
    } else if (frame.type === 'typing' && frame.from === 'customer') {
      // A lost "stopped typing" must not leave the indicator on for ever.
      clearTimeout(this.customerTypingTimers.get(frame.ticketId));
      if (frame.typing)
        this.customerTypingTimers.set(
          frame.ticketId,
          setTimeout(
            () => store.patchChat(frame.ticketId, () => ({ customerTyping: false })),
            CUSTOMER_TYPING_TTL_MS,
          ),
        );
    } else if (frame.type === 'error') {
      store.update(() => ({ lastError: { code: frame.code, message: frame.message } }));
      if (frame.code === 'chat_rate_limited') {
        setTimeout(() => this.flushPending(), frame.retryAfterMs ?? 1_000);
      } else if (frame.ref) {
        // A refused send (too long, chat ended): it will never be stored, stop resending it.
        for (const chat of Object.values(store.get().chats)) {
          if (chat.pending.some((p) => p.clientId === frame.ref))
            store.patchChat(chat.ticketId, (c) => ({
              pending: c.pending.filter((p) => p.clientId !== frame.ref),
            }));
        }
      }
    }
    store.apply(frame);
    // The server stops sending a chat taken from the agent; a tab still open follows it again, so
    // it shows how the chat went on (ended, transferred) until the agent closes it.
    if (
      frame.type === 'unassigned' &&
      frame.agentId === store.get().myId &&
      store.get().mine.includes(frame.ticketId)
    )
      this.resumeOne(frame.ticketId);
    this.hooks.onFrame(frame);
  }

  private resumeOne(ticketId: string) {
    this.raw({ type: 'resume', ticketId, lastSeq: this.store.chat(ticketId).lastSeq });
    for (const p of this.store.chat(ticketId).pending) this.raw(p);
  }

  private flushPending() {
    for (const chat of Object.values(this.store.get().chats)) for (const p of chat.pending) this.raw(p);
  }

  /** Follow a chat's timeline (replayed from what this browser already holds). */
  follow(ticketId: string) {
    if (this.followed.has(ticketId) && this.store.get().chats[ticketId]) return;
    this.followed.add(ticketId);
    this.store.patchChat(ticketId, () => ({}));
    this.resumeOne(ticketId);
  }

  setPresence(status: AgentChatStatus) {
    this.desired = status;
    this.store.update(() => ({ status }));
    this.raw({ type: 'presence', status });
  }

  /**
   * What the server says (GET /chat/queues), shown until the agent chooses in this page. Only a
   * choice is re-sent after a reconnect: re-sending a read "offline" would requeue chats a
   * supervisor gave meanwhile.
   */
  knownPresence(status: AgentChatStatus) {
    if (this.desired || this.store.get().status === status) return;
    this.store.update(() => ({ status }));
  }

  accept(ticketId: string) {
    this.store.update(() => ({ lastError: null }));
    this.raw({ type: 'accept', ticketId });
  }

  send(ticketId: string, body: string, internal: boolean, attachmentIds: string[] = []) {
    const frame: SendFrame = {
      type: 'send',
      ticketId,
      clientId: newClientId(),
      body,
      internal,
      ...(attachmentIds.length ? { attachmentIds } : {}),
    };
    this.store.patchChat(ticketId, (c) => ({ pending: [...c.pending, frame] }));
    this.typing(ticketId, false);
    this.raw(frame);
  }

  /** Called on every keystroke: one "typing" when it starts, one "stopped" after a pause. */
  typing(ticketId: string, typing: boolean) {
    const timer = this.typingTimers.get(ticketId);
    if (typing && !timer) this.raw({ type: 'typing', ticketId, typing: true });
    clearTimeout(timer);
    if (typing) {
      this.typingTimers.set(
        ticketId,
        setTimeout(() => this.typing(ticketId, false), TYPING_IDLE_MS),
      );
    } else if (timer) {
      this.typingTimers.delete(ticketId);
      this.raw({ type: 'typing', ticketId, typing: false });
    }
  }

  markRead(ticketId: string) {
    const chat = this.store.chat(ticketId);
    this.store.patchChat(ticketId, () => ({ unread: 0 }));
    if (chat.lastSeq > 0) this.raw({ type: 'read', ticketId, seq: chat.lastSeq });
  }

  setActive(ticketId: string | null) {
    this.store.update(() => ({ active: ticketId, lastError: null }));
    if (ticketId) {
      this.follow(ticketId);
      this.markRead(ticketId);
    }
  }

  transfer(ticketId: string, to: { toAgentId?: string; toTeamId?: string }) {
    this.raw({ type: 'transfer', ticketId, ...to });
  }

  end(ticketId: string) {
    this.raw({ type: 'end', ticketId });
  }

  /** Close a finished chat's tab. */
  dismiss(ticketId: string) {
    this.followed.delete(ticketId);
    this.store.setMine(this.store.get().mine.filter((id) => id !== ticketId));
    if (this.store.get().active === ticketId) this.store.update(() => ({ active: null }));
  }
}
