import type {
  AckFrame,
  BusyFrame,
  ChatFrame,
  ChecklistBlock,
  ClientFrame,
  QueueFrame,
  ServerFrame,
  TimelineItem,
} from '../../../../shared/chat-protocol.ts';
import { KeptSocket, reconnectDelay } from '../../../../shared/kept-socket.ts';
import { mutedNotice } from '../shell/muted.ts';
import { ensureSession } from '../shell/session.ts';

/** A message typed here that the server has not acked yet; kept across reloads and resent. */
export interface Pending {
  clientId: string;
  body: string;
  attachmentIds: string[];
  /** Local previews (data: URLs) of the images being sent, for the bubble only. */
  previews: string[];
}

export interface ChatView {
  link: 'connecting' | 'online' | 'offline';
  chat: ChatFrame | null;
  /** The timeline in seq order, each seq once. */
  items: TimelineItem[];
  pending: Pending[];
  queue: QueueFrame | null;
  agentTyping: boolean;
  /** The highest seq the agent has read. */
  agentReadSeq: number;
  safetyNotices: Array<{ message: string; advice: string[] }>;
  error: string | null;
  /** The customer's checklist: being sent, stored (its seq), or refused (the server's words, per field). */
  checklist: ChecklistResult;
  /**
   * The desk is too busy to queue another customer now (admission control): how long the wait is,
   * with the offer to leave a message instead. Cleared when the chat moves on.
   */
  busy: BusyFrame | null;
  /** The server said a dependency is away: what was sent is kept and retried (shown as a notice). */
  unavailable: boolean;
}

export type ChecklistResult =
  | { status: 'idle' | 'sending' }
  | { status: 'saved'; seq: number }
  | { status: 'refused'; message: string; fields: Array<{ key: string; problem: string }> };

const OUTBOX_KEY = 'kefu.chat.outbox.';

export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function loadOutbox(categoryId: string): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(OUTBOX_KEY + categoryId) ?? '[]') as Pending[];
  } catch {
    return [];
  }
}

/**
 * One customer chat over the WebSocket: opens (start) or resumes (resume with the last seq) the
 * chat, keeps unacked messages in an outbox (localStorage) and resends them after every reconnect,
 * and keeps the timeline by seq so a replay or a resend never shows a message twice.
 */
export class ChatConnection {
  /** The one socket (back-off with full jitter, liveness by any traffic): shared/kept-socket.ts. */
  private socket: KeptSocket;
  /** Redo after an `unavailable` answer: how many in a row (the wait grows), and its timer. */
  private unavailableRuns = 0;
  private redo: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private bySeq = new Map<number, TimelineItem>();
  private sentRead = 0;
  /** Set by each welcome: the chat frame that answers start/resume comes after the replay. */
  private resendDue = false;
  private view: ChatView;
  private readonly categoryId: string;
  private readonly lang: 'zh-CN' | 'en';
  private readonly facts: Record<string, string | number>;
  private readonly onChange: (view: ChatView) => void;
  private readonly onEnded: () => void;
  /** An ended chat to show again (to rate it) instead of starting a new one; forgotten if refused. */
  private reopen: string | null;
  /** That chat was over before this page opened: the host app heard about its end already. */
  private quietEnd: boolean;

  constructor(options: {
    categoryId: string;
    lang: 'zh-CN' | 'en';
    /** The host app's facts for the checklist, sent with the start. */
    facts?: Record<string, string | number>;
    onChange(view: ChatView): void;
    onEnded(): void;
    /** Show this (ended) chat of the customer's again rather than starting one. */
    resumeTicketId?: string | null;
  }) {
    this.reopen = options.resumeTicketId ?? null;
    this.quietEnd = Boolean(this.reopen);
    this.categoryId = options.categoryId;
    this.lang = options.lang;
    this.facts = options.facts ?? {};
    this.onChange = options.onChange;
    this.onEnded = options.onEnded;
    this.view = {
      link: 'connecting',
      chat: null,
      items: [],
      pending: loadOutbox(options.categoryId),
      queue: null,
      agentTyping: false,
      agentReadSeq: 0,
      safetyNotices: [],
      error: null,
      checklist: { status: 'idle' },
      busy: null,
      unavailable: false,
    };
    window.addEventListener('online', this.reconnectNow);
    let token = '';
    this.socket = new KeptSocket({
      url: async () => {
        token = (await ensureSession()).token;
        const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
        return `${scheme}://${location.host}/api/v1/chat/ws`;
      },
      onConnecting: () => this.update({ link: 'connecting' }),
      onOpen: (send) => send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame)),
      onFrame: (frame) => this.receive(frame as ServerFrame),
      onDown: () => {
        if (this.redo) clearTimeout(this.redo);
        this.redo = null;
        this.update({ link: 'offline', agentTyping: false });
      },
    });
  }

  get ticketId(): string | null {
    return this.view.chat?.ticketId ?? null;
  }

  close() {
    this.closed = true;
    window.removeEventListener('online', this.reconnectNow);
    if (this.redo) clearTimeout(this.redo);
    this.socket.close();
  }

  private readonly reconnectNow = () => {
    if (!this.closed) this.socket.reconnectNow();
  };

  private update(patch: Partial<ChatView>) {
    this.view = { ...this.view, ...patch };
    this.onChange(this.view);
  }

  private raw(frame: ClientFrame): boolean {
    return this.socket.send(JSON.stringify(frame));
  }

  private get lastSeq(): number {
    const items = this.view.items;
    return items.length ? items[items.length - 1]!.seq : 0;
  }

  /** Opens (or gets back) the chat of this category, with the host app's checklist facts. */
  private sendStart() {
    this.raw({
      type: 'start',
      categoryId: this.categoryId,
      lang: this.lang,
      ...(Object.keys(this.facts).length ? { facts: this.facts } : {}),
    });
  }

  private receive(frame: ServerFrame) {
    switch (frame.type) {
      case 'welcome': {
        this.socket.welcomed();
        this.sentRead = 0;
        this.resync();
        return this.update({ link: 'online', error: null });
      }
      case 'chat': {
        const wasEnded = this.view.chat?.state === 'ended';
        this.unavailableRuns = 0;
        this.update({
          chat: frame,
          unavailable: false,
          ...(frame.state === 'queued' ? {} : { queue: null }),
          ...(frame.state === 'bot' ? {} : { busy: null }),
        });
        if (this.resendDue) {
          this.resendDue = false;
          this.flushOutbox();
        }
        if (frame.state === 'ended' && !wasEnded && !this.quietEnd) this.onEnded();
        this.quietEnd = false;
        return;
      }
      case 'item':
        return this.addItem(frame.item);
      case 'ack':
        return this.acked(frame);
      case 'queue':
        return this.update({ queue: frame });
      case 'checklist_saved':
        return this.update({
          checklist: { status: 'saved', seq: frame.seq },
          ...(frame.safetyNotice ? { safetyNotices: [...this.view.safetyNotices, frame.safetyNotice] } : {}),
        });
      case 'typing':
        if (frame.from === 'agent') this.update({ agentTyping: frame.typing });
        return;
      case 'read':
        if (frame.by === 'agent') this.update({ agentReadSeq: Math.max(this.view.agentReadSeq, frame.seq) });
        return;
      case 'pong':
        return;
      case 'busy':
        return this.update({ busy: frame });
      case 'unavailable':
        // Without a ref the server is refusing this socket (it closes it with 1013): come back later.
        if (!frame.ref) return this.socket.retryAfter(frame.retryAfterMs);
        // A frame failed because a dependency is away: nothing is lost (the outbox keeps unacked
        // messages); everything is asked again after the server's hint, later each time in a row.
        this.update({ unavailable: true });
        if (!this.redo) {
          this.redo = setTimeout(
            () => {
              this.redo = null;
              this.resync();
            },
            reconnectDelay(this.unavailableRuns++, frame.retryAfterMs),
          );
        }
        return;
      case 'error':
        // A message refused for the rate stays in the outbox and is resent; others are shown.
        if (frame.code === 'chat_rate_limited') {
          setTimeout(() => this.flushOutbox(), frame.retryAfterMs ?? 1000);
          return;
        }
        // A refused checklist is shown in the checklist, by its fields.
        if (frame.ref === 'checklist')
          return this.update({
            checklist: { status: 'refused', message: frame.message, fields: frame.fields ?? [] },
          });
        if (frame.ref === 'resume' && this.reopen && !this.view.chat) {
          // The remembered chat is not this customer's (another sign-in on this phone): start anew.
          this.reopen = null;
          this.quietEnd = false;
          this.sendStart();
          return;
        }
        if (frame.ref) this.dropPending(frame.ref);
        if (frame.code === 'customer_muted' && frame.until)
          return this.update({ error: mutedNotice(this.lang, frame.until) });
        return this.update({ error: frame.message });
      default:
        return;
    }
  }

  /** After a welcome or an outage: open or resume the chat; the chat frame then resends the outbox. */
  private resync() {
    this.resendDue = true;
    const ticketId = this.view.chat?.ticketId ?? this.reopen;
    // First time: open (or get back) the chat of this category; afterwards: replay what was missed.
    if (ticketId) this.raw({ type: 'resume', ticketId, lastSeq: this.lastSeq });
    else this.sendStart();
  }

  private addItem(item: TimelineItem) {
    if (this.bySeq.has(item.seq)) return;
    this.bySeq.set(item.seq, item);
    const items = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    // Our own message coming back is as good as an ack: it leaves the outbox.
    const pending =
      item.kind === 'message' && item.clientId
        ? this.view.pending.filter((p) => p.clientId !== item.clientId)
        : this.view.pending;
    const agentSpoke = item.kind === 'message' && item.authorType === 'agent';
    this.savePending(pending);
    this.update({ items, pending, ...(agentSpoke ? { agentTyping: false } : {}) });
  }

  private acked(frame: AckFrame) {
    this.dropPending(frame.clientId);
    if (frame.safetyNotice) {
      this.update({ safetyNotices: [...this.view.safetyNotices, frame.safetyNotice] });
    }
  }

  private dropPending(clientId: string) {
    const pending = this.view.pending.filter((p) => p.clientId !== clientId);
    if (pending.length === this.view.pending.length) return;
    this.savePending(pending);
    this.update({ pending });
  }

  private savePending(pending: Pending[]) {
    try {
      localStorage.setItem(OUTBOX_KEY + this.categoryId, JSON.stringify(pending));
    } catch {
      // Storage full (image previews): keep the texts and ids, which are what a resend needs.
      const lean = pending.map((p) => ({ ...p, previews: [] }));
      localStorage.setItem(OUTBOX_KEY + this.categoryId, JSON.stringify(lean));
    }
  }

  private flushOutbox() {
    const ticketId = this.view.chat?.ticketId;
    if (!ticketId) return;
    for (const p of this.view.pending) {
      this.raw({
        type: 'send',
        ticketId,
        clientId: p.clientId,
        body: p.body,
        attachmentIds: p.attachmentIds,
      });
    }
  }

  // ---------------------------------------------------------------- what the page does

  send(body: string, attachmentIds: string[] = [], previews: string[] = []) {
    const ticketId = this.view.chat?.ticketId;
    const p: Pending = { clientId: newClientId(), body, attachmentIds, previews };
    const pending = [...this.view.pending, p];
    this.savePending(pending);
    this.update({ pending });
    // Offline (or not started yet): the outbox sends it after the next welcome.
    if (ticketId) {
      this.raw({ type: 'send', ticketId, clientId: p.clientId, body, attachmentIds });
      this.raw({ type: 'typing', ticketId, typing: false });
    }
  }

  typing(typing: boolean) {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId) this.raw({ type: 'typing', ticketId, typing });
  }

  /** Tells the agent what the customer has seen (only forward, only when it changed). */
  markRead() {
    const ticketId = this.view.chat?.ticketId;
    const seq = this.lastSeq;
    if (!ticketId || seq <= this.sentRead) return;
    if (this.raw({ type: 'read', ticketId, seq })) this.sentRead = seq;
  }

  /** The customer's checklist answers; the answer comes back as `view.checklist`. */
  sendChecklist(fields: ChecklistBlock['fields']): boolean {
    const ticketId = this.view.chat?.ticketId;
    if (!ticketId || !this.raw({ type: 'checklist', ticketId, fields })) return false;
    this.update({ checklist: { status: 'sending' } });
    return true;
  }

  handoff() {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId && this.raw({ type: 'handoff', ticketId })) this.update({ busy: null });
  }

  /** The desk is busy: the customer chooses to leave a message rather than wait. */
  leaveMessage() {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId && this.raw({ type: 'leave_message', ticketId })) this.update({ busy: null });
  }

  end() {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId) this.raw({ type: 'end', ticketId });
  }

  dismissError() {
    this.update({ error: null });
  }
}
