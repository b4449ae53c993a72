/** The shapes of the SLA, notification, CSAT and reports API (docs/service-levels-and-reports.md). */
import type { Priority } from './types.ts';

export type SlaMetric = 'first_response' | 'next_response' | 'resolution';
export type ClockState = 'running' | 'breached' | 'paused' | 'met' | 'missed';
export const SLA_FILTERS = ['breached', 'near', 'paused', 'ticking'] as const;

export interface SlaClock {
  metric: SlaMetric;
  state: ClockState;
  targetMs: number;
  elapsedMs: number;
  leftMs: number;
  dueAt: string | null;
  warnAt: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  nearNotifiedAt: string | null;
  breachNotifiedAt: string | null;
}

export interface TicketSla {
  policy: { id: string; name: string; businessTime: boolean } | null;
  clocks: SlaClock[];
}

export type WorkingSpan = [string, string];

export interface CalendarDay {
  calendarId: string;
  day: string;
  kind: 'off' | 'work';
  note: string;
}

export interface SlaCalendar {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  weekly: Record<string, WorkingSpan[]>;
  holidaySource: 'cn' | null;
  teamId: string | null;
  isDefault: boolean;
  days: CalendarDay[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  categoryIds: string[];
  priorities: Priority[];
  channels: string[];
  businessTime: boolean;
  calendarId: string | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  active: boolean;
}

export const NOTICE_KINDS = [
  'assigned',
  'mentioned',
  'customer_reply',
  'sla_near',
  'sla_breached',
  'automation',
  'side_reply',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface AgentNotification {
  id: string;
  kind: NoticeKind;
  ticketId: string | null;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
}

export interface NoticePreference {
  kind: NoticeKind;
  inApp: boolean;
  email: boolean;
}

export interface Rating {
  score: number;
  comment: string;
  ratedAt: string;
  updatedAt: string;
}

export type { Durations, TicketReportRow } from '../../../../shared/report-types.ts';

export interface TrendPoint {
  bucket: string;
  created: number;
  solved: number;
  reopened: number;
}

/** One row of GET /reports/chat (server/src/reports/chat-report.ts). */
export interface ChatReportRow {
  key: string | null;
  name: string;
  chats: number;
  botResolved: number;
  handedOff: number;
  abandoned: number;
  queueWait: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  /** Total row only. */
  deflections: number | null;
}
