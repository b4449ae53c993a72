/** The shapes the REST API answers with (see /api/docs), as far as the workspace uses them. */
export type Role = 'admin' | 'supervisor' | 'agent';
export type Language = 'zh-CN' | 'en';
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const CHANNELS = ['web', 'chat', 'email', 'telegram', 'wechat', 'weibo', 'webhook', 'api'];

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: string;
  language: Language;
  timeZone: string;
  twoFactor: boolean;
  teamIds?: string[];
}

export interface Me {
  agent: Agent;
  csrfToken: string;
  /** The admins require two-factor of this agent's role and it is not on: only enrolment is open. */
  mustEnrolTwoFactor?: boolean;
}

export interface TicketSummary {
  /** Set on search results. */
  match?: SearchMatch | null;
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  channel: string;
  tags: string[];
  teamId: string | null;
  category: { id: string; code: string; nameZh: string; nameEn: string } | null;
  assignee: { id: string; name: string | null } | null;
  customer: { id: string; uid: string | null; name: string | null; email: string | null };
  createdAt: string;
  lastActivityAt: string;
  /** The soonest due time among the ticking clocks (null: none ticking). */
  slaDueAt?: string | null;
  /** From then on the ticket is near breach (the server's 75 % warning time). */
  slaWarnAt?: string | null;
  slaPaused?: boolean;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

export interface Message {
  id: string;
  seq: number;
  authorType: 'customer' | 'agent' | 'bot' | 'system' | 'integration';
  authorId: string | null;
  authorName: string | null;
  visibility: 'public' | 'internal';
  body: string;
  createdAt: string;
  attachments: Attachment[];
}

export interface HistoryEvent {
  seq: number;
  kind: string;
  actorType: string;
  actorId: string | null;
  from: unknown;
  to: unknown;
  at: string;
}

export interface Customer {
  id: string;
  uid: string | null;
  name: string | null;
  email: string | null;
  language: string;
  region: string | null;
  isVisitor: boolean;
  /** The desk's custom customer fields (key → value). */
  customFields?: Record<string, unknown>;
}

export interface TicketDetail extends Omit<TicketSummary, 'customer'> {
  description: string;
  /** The checklist's answers; an attachments field's answer is its files' ids. */
  fields: Record<string, string | number | string[]>;
  /** The desk's custom ticket fields (key → value). */
  customFields?: Record<string, unknown>;
  lastSeq: number;
  /** Set when this ticket was merged into another: the workspace opens that one instead. */
  mergedInto?: { id: string; number: string } | null;
  /** The newest messages of the thread (a long one's newest 100; older ones are read by page). */
  messages: Message[];
  /** How many messages come before the first in `messages`. */
  earlierMessages?: number;
  history: HistoryEvent[];
  customer: Customer;
}

export interface Team {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface FormField {
  key: string;
  labelZh: string;
  labelEn: string;
}

export interface Category {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  form: { fields: FormField[] };
}

export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  language: Language | null;
}

export interface SavedFilter {
  id: string;
  name: string;
  filters: Record<string, string | string[]>;
}

export interface Presence {
  others: Array<{ agentId: string; name: string; state: 'viewing' | 'typing'; since: string }>;
  lastSeq: number;
}

export interface Page<T> {
  items: T[];
  /** The next page's cursor (GET /tickets?cursor=…); null on the last page. */
  nextCursor: string | null;
  /** Only when asked (withTotal=true): at most 10,000, totalCapped when there are more. */
  total?: number;
  totalCapped?: boolean;
}

/** Where a search result matched: plain and marked pieces of text (rendered as text, not HTML). */
export interface SearchMatch {
  tier: 'id' | 'mention' | 'customer' | 'title' | 'thread';
  field: 'number' | 'title' | 'field' | 'customer' | 'message';
  segments: Array<{ text: string; mark: boolean }>;
}

export interface ViewCount {
  count: number;
  capped: boolean;
}
export type ViewCounts = Record<'mine' | 'unassigned' | 'teams' | 'all', ViewCount | null>;
