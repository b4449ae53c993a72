import type {
  AckFrame,
  ChatFrame,
  ClientFrame,
  QueueFrame,
  ServerFrame,
  TimelineItem,
} from '../../../../shared/chat-protocol.ts';
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
}

export type ChecklistResult =
  | { status: 'idle' | 'sending' }
  | { status: 'saved'; seq: number }
  | { status: 'refused'; message: string; fields: Array<{ key: string; problem: string }> };

const OUTBOX_KEY = 'kefu.chat.outbox.';
const PING_MS = 15_000;
const PONG_TIMEOUT_MS = 8_000;

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

/** The delay before reconnect attempt n: exponential from 0.5 s to 15 s, with jitter. */
export function backoffMs(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * One customer chat over the WebSocket: opens (start) or resumes (resume with the last seq) the
 * chat, keeps unacked messages in an outbox (localStorage) and resends them after every reconnect,
 * and keeps the timeline by seq so a replay or a resend never shows a message twice.
 */
export class ChatConnection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private pongDue: ReturnType<typeof setTimeout> | null = null;
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
    };
    window.addEventListener('online', this.reconnectNow);
    void this.connect();
  }

  get ticketId(): string | null {
    return this.view.chat?.ticketId ?? null;
  }

  close() {
    this.closed = true;
    window.removeEventListener('online', this.reconnectNow);
    this.stopTimers();
    this.ws?.close();
  }

  private readonly reconnectNow = () => {
    if (this.closed || this.view.link === 'online') return;
    if (this.timer) clearTimeout(this.timer);
    this.attempt = 0;
    void this.connect();
  };

  private update(patch: Partial<ChatView>) {
    this.view = { ...this.view, ...patch };
    this.onChange(this.view);
  }

  private stopTimers() {
    if (this.timer) clearTimeout(this.timer);
    if (this.pinger) clearInterval(this.pinger);
    if (this.pongDue) clearTimeout(this.pongDue);
    this.timer = this.pinger = this.pongDue = null;
  }

  private async connect() {
    if (this.closed) return;
    this.stopTimers();
    this.update({ link: 'connecting' });
    let token: string;
    try {
      token = (await ensureSession()).token;
    } catch {
      return this.retryLater();
    }
    if (this.closed) return; // the page left while the session was being opened
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/chat/ws`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame));
    ws.onmessage = (e) => {
      if (this.ws === ws) this.receive(JSON.parse(String(e.data)) as ServerFrame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.retryLater();
    };
  }

  private retryLater() {
    if (this.closed) return;
    this.stopTimers();
    this.update({ link: 'offline', agentTyping: false });
    this.timer = setTimeout(() => void this.connect(), backoffMs(this.attempt++));
  }

  /** A socket that stopped answering (a phone changing networks) is dropped, not waited on. */
  private startPinging() {
    this.pinger = setInterval(() => {
      this.raw({ type: 'ping' });
      if (!this.pongDue) this.pongDue = setTimeout(() => this.ws?.close(), PONG_TIMEOUT_MS);
    }, PING_MS);
  }

  private raw(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
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
        this.attempt = 0;
        this.startPinging();
        this.resendDue = true;
        this.sentRead = 0;
        const ticketId = this.view.chat?.ticketId ?? this.reopen;
        // First time: open (or get back) the chat of this category; afterwards: replay what was missed.
        if (ticketId) this.raw({ type: 'resume', ticketId, lastSeq: this.lastSeq });
        else this.sendStart();
        return this.update({ link: 'online', error: null });
      }
      case 'chat': {
        const wasEnded = this.view.chat?.state === 'ended';
        this.update({ chat: frame, ...(frame.state === 'queued' ? {} : { queue: null }) });
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
        if (this.pongDue) clearTimeout(this.pongDue);
        this.pongDue = null;
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
        return this.update({ error: frame.message });
      default:
        return;
    }
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
  sendChecklist(fields: Record<string, string | number>): boolean {
    const ticketId = this.view.chat?.ticketId;
    if (!ticketId || !this.raw({ type: 'checklist', ticketId, fields })) return false;
    this.update({ checklist: { status: 'sending' } });
    return true;
  }

  handoff() {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId) this.raw({ type: 'handoff', ticketId });
  }

  end() {
    const ticketId = this.view.chat?.ticketId;
    if (ticketId) this.raw({ type: 'end', ticketId });
  }

  dismissError() {
    this.update({ error: null });
  }
}
