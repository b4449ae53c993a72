import type { Db } from '../db/client.ts';
import { type ChatReportRow, chatReport } from './chat-report.ts';
import { type GroupBy, type ReportFilters, ticketReport } from './ticket-report.ts';

/**
 * A report table: rows for the JSON API (and charts), and the same rows flattened for CSV.
 * Tickets and live chat (queue waits, abandoned chats, bot resolution, help-center deflection)
 * share the same filters and grouping.
 */
export interface ReportSection {
  name: string;
  rows(db: Db, filters: ReportFilters, groupBy: GroupBy): Promise<object[]>;
  csvHeader: readonly string[];
  csvRow(row: object): Array<string | number | null>;
}

const tickets: ReportSection = {
  name: 'tickets',
  rows: ticketReport,
  csvHeader: [
    'name',
    'created',
    'solved',
    'reopened',
    'first_response_count',
    'first_response_median_business_minutes',
    'first_response_p90_business_minutes',
    'resolution_count',
    'resolution_median_business_minutes',
    'resolution_p90_business_minutes',
    'sla_met',
    'sla_total',
    'sla_attainment',
    'csat_count',
    'csat_average',
    'csat_satisfied_share',
  ],
  csvRow(row) {
    const r = row as Awaited<ReturnType<typeof ticketReport>>[number];
    return [
      r.name,
      r.created,
      r.solved,
      r.reopened,
      r.firstResponse.count,
      r.firstResponse.medianMinutes,
      r.firstResponse.p90Minutes,
      r.resolution.count,
      r.resolution.medianMinutes,
      r.resolution.p90Minutes,
      r.sla.met,
      r.sla.total,
      r.sla.attainment,
      r.csat.count,
      r.csat.average,
      r.csat.satisfiedShare,
    ];
  },
};

const chat: ReportSection = {
  name: 'chat',
  rows: chatReport,
  csvHeader: [
    'name',
    'chats',
    'bot_resolved',
    'handed_off',
    'abandoned',
    'queue_wait_count',
    'queue_wait_median_seconds',
    'queue_wait_p90_seconds',
    'help_deflections',
  ],
  csvRow(row) {
    const r = row as ChatReportRow;
    return [
      r.name,
      r.chats,
      r.botResolved,
      r.handedOff,
      r.abandoned,
      r.queueWait.count,
      r.queueWait.medianSeconds,
      r.queueWait.p90Seconds,
      r.deflections,
    ];
  },
};

export const REPORT_SECTIONS = new Map<string, ReportSection>([
  [tickets.name, tickets],
  [chat.name, chat],
]);

/** Sections still to come; listed so a screen can show them as coming. */
export const PLANNED_SECTIONS: readonly string[] = [];
