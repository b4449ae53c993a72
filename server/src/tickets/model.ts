/** The words of a ticket, shared by the routes, the commands and the front ends. */

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['web', 'chat', 'email', 'telegram', 'wechat', 'weibo', 'webhook', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export type MessageAuthor = 'customer' | 'agent' | 'bot' | 'system' | 'integration';
export type Visibility = 'public' | 'internal';
export type ActorType = 'customer' | 'agent' | 'integration' | 'system';

/** Human-readable ticket number: KF-000123. */
export function formatTicketNumber(n: number): string {
  return `KF-${String(n).padStart(6, '0')}`;
}

/** Accepts "KF-000123", "kf123" or "123"; returns null for anything else. */
export function parseTicketNumber(text: string): number | null {
  const m = /^\s*(?:KF-?)?0*(\d{1,15})\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}
