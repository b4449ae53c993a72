// The ticket report's rows as the API sends them: one definition for the server that computes
// them and the agent workspace that charts them.

export interface Durations {
  count: number;
  /** Business minutes. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface TicketReportRow {
  key: string | null;
  name: string;
  created: number;
  solved: number;
  reopened: number;
  firstResponse: Durations;
  resolution: Durations;
  sla: { met: number; total: number; attainment: number | null };
  csat: { count: number; average: number | null; satisfiedShare: number | null };
}
