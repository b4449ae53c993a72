import type {
  AgentChatStatus,
  ChatState,
  SendFrame,
  ServerFrame,
  TimelineItem,
} from '../../../../shared/chat-protocol.ts';

/** One chat as this browser knows it: the timeline in seq order, exactly once, plus live signals. */
export interface ChatView {
  ticketId: string;
  state: ChatState | null;
  agent: { id: string; name: string } | null;
  teamId: string | null;
  /** Highest seq received: what a resume asks after. */
  lastSeq: number;
  items: TimelineItem[];
  customerTyping: boolean;
  customerReadSeq: number;
  unread: number;
  /** Sent but not yet acknowledged: resent with the same clientId after a reconnect. */
  pending: SendFrame[];
}

export interface ChatSnapshot {
  connected: boolean;
  myId: string | null;
  /** The status the agent chose (sent again after every reconnect). */
  status: AgentChatStatus | null;
  /** Chats the agent holds, in the order they arrived: the tabs. */
  mine: string[];
  chats: Record<string, ChatView>;
  active: string | null;
  lastError: { code: string; message: string } | null;
}

const emptyChat = (ticketId: string): ChatView => ({
  ticketId,
  state: null,
  agent: null,
  teamId: null,
  lastSeq: 0,
  items: [],
  customerTyping: false,
  customerReadSeq: 0,
  unread: 0,
  pending: [],
});

/**
 * The chat state behind useSyncExternalStore: every change makes a new snapshot object so React
 * sees it. Applying frames is pure bookkeeping; the socket (chat-socket.ts) does the talking.
 */
export class ChatStore {
  private snapshot: ChatSnapshot = {
    connected: false,
    myId: null,
    status: null,
    mine: [],
    chats: {},
    active: null,
    lastError: null,
  };
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  get = () => this.snapshot;

  update(change: (s: ChatSnapshot) => Partial<ChatSnapshot>) {
    this.snapshot = { ...this.snapshot, ...change(this.snapshot) };
    for (const l of this.listeners) l();
  }

  chat(ticketId: string): ChatView {
    return this.snapshot.chats[ticketId] ?? emptyChat(ticketId);
  }

  patchChat(ticketId: string, change: (c: ChatView) => Partial<ChatView>) {
    this.update((s) => {
      const current = s.chats[ticketId] ?? emptyChat(ticketId);
      return { chats: { ...s.chats, [ticketId]: { ...current, ...change(current) } } };
    });
  }

  /** Adds a timeline item unless it is already there (a replay after resume may overlap). */
  addItem(ticketId: string, item: TimelineItem, countUnread: boolean) {
    this.patchChat(ticketId, (c) => {
      if (c.items.some((i) => i.seq === item.seq)) return {};
      const items = [...c.items, item].sort((a, b) => a.seq - b.seq);
      const fromCustomer = item.kind === 'message' && item.authorType === 'customer';
      return {
        items,
        lastSeq: Math.max(c.lastSeq, item.seq),
        unread: c.unread + (countUnread && fromCustomer ? 1 : 0),
        customerTyping: fromCustomer ? false : c.customerTyping,
      };
    });
  }

  setMine(ticketIds: string[]) {
    this.update(() => ({ mine: ticketIds }));
  }

  /** Applies the frames that are bookkeeping only; the socket handles the rest. */
  apply(frame: ServerFrame) {
    switch (frame.type) {
      case 'chat':
        this.patchChat(frame.ticketId, () => ({
          state: frame.state,
          agent: frame.agent,
          teamId: frame.teamId,
        }));
        break;
      case 'typing':
        if (frame.from === 'customer')
          this.patchChat(frame.ticketId, () => ({ customerTyping: frame.typing }));
        break;
      case 'read':
        if (frame.by === 'customer')
          this.patchChat(frame.ticketId, (c) => ({
            customerReadSeq: Math.max(c.customerReadSeq, frame.seq),
          }));
        break;
      case 'ack':
        this.patchChat(frame.ticketId, (c) => ({
          pending: c.pending.filter((p) => p.clientId !== frame.clientId),
        }));
        break;
      case 'assigned':
        if (frame.agentId === this.snapshot.myId && !this.snapshot.mine.includes(frame.ticketId))
          this.setMine([...this.snapshot.mine, frame.ticketId]);
        break;
      case 'unassigned':
        // The open chat keeps its tab (ended, transferred) until the agent closes it.
        if (frame.agentId === this.snapshot.myId && this.snapshot.active !== frame.ticketId)
          this.setMine(this.snapshot.mine.filter((id) => id !== frame.ticketId));
        break;
      case 'presence':
        if (frame.agentId === this.snapshot.myId) this.update(() => ({ status: frame.status }));
        break;
      default:
        break;
    }
  }
}
