import type { Db } from '../db/client.ts';
import { type GroupBy, type ReportFilters, ticketReport } from './ticket-report.ts';

/**
 * A report table: rows for the JSON API (and charts), and the same rows flattened for CSV.
 * The live-chat branch plugs in its own sections here (queue waits, abandoned chats, bot
 * resolution and help-center deflection) with the same filters and grouping.
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

export const REPORT_SECTIONS = new Map<string, ReportSection>([[tickets.name, tickets]]);

/** Sections that other branches will add; listed so a screen can show them as coming. */
export const PLANNED_SECTIONS = ['chat'] as const;
