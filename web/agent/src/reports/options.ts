import type { TicketReportRow, TrendPoint } from '../lib/service-types.ts';
import type { ChartOption } from './Chart.tsx';

/** Chart options built from the API's rows; labels come from the caller (already translated). */
const COLORS = ['#1f6feb', '#17803d', '#d97706', '#b42318', '#7c3aed'];
const base = {
  color: COLORS,
  tooltip: { trigger: 'axis' as const },
  legend: { top: 0 },
  grid: { left: 48, right: 16, top: 32, bottom: 40 },
};
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Lines over every bucket of the period (the API lists only buckets with something in them). */
export function trendOption(
  buckets: string[],
  found: TrendPoint[],
  labels: { created: string; solved: string; reopened: string },
): ChartOption {
  const byBucket = new Map(found.map((p) => [p.bucket.slice(0, 10), p]));
  const x = buckets;
  const points = x.map((b) => byBucket.get(b) ?? { bucket: b, created: 0, solved: 0, reopened: 0 });
  const line = (name: string, data: number[]) => ({ name, type: 'line' as const, data, symbolSize: 4 });
  return {
    ...base,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      line(
        labels.created,
        points.map((p) => p.created),
      ),
      line(
        labels.solved,
        points.map((p) => p.solved),
      ),
      line(
        labels.reopened,
        points.map((p) => p.reopened),
      ),
    ],
  };
}

export function volumeOption(
  rows: TicketReportRow[],
  names: string[],
  labels: { created: string; solved: string; reopened: string },
): ChartOption {
  return {
    ...base,
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.created, type: 'bar', data: rows.map((r) => r.created) },
      { name: labels.solved, type: 'bar', data: rows.map((r) => r.solved) },
      { name: labels.reopened, type: 'bar', data: rows.map((r) => r.reopened) },
    ],
  };
}

/** Median as a bar, p90 as a marker line over it: the spread shows at a glance. */
export function durationOption(
  rows: TicketReportRow[],
  names: string[],
  metric: 'firstResponse' | 'resolution',
  labels: { median: string; p90: string },
): ChartOption {
  return {
    ...base,
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: 'min' },
    series: [
      { name: labels.median, type: 'bar', data: rows.map((r) => round1(r[metric].medianMinutes)) },
      {
        name: labels.p90,
        type: 'line',
        data: rows.map((r) => round1(r[metric].p90Minutes)),
        symbol: 'diamond',
        symbolSize: 10,
        lineStyle: { opacity: 0 },
        color: '#b42318',
      },
    ],
  };
}

export function attainmentOption(rows: TicketReportRow[], names: string[], label: string): ChartOption {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: label,
        type: 'bar',
        data: rows.map((r) => (r.sla.attainment === null ? null : Math.round(r.sla.attainment * 1000) / 10)),
        color: '#17803d',
      },
    ],
  };
}

export function csatOption(
  rows: TicketReportRow[],
  names: string[],
  labels: { average: string; share: string },
): ChartOption {
  return {
    ...base,
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', min: 0, max: 5 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: labels.average, type: 'bar', data: rows.map((r) => round1(r.csat.average)), color: '#d97706' },
      {
        name: labels.share,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) =>
          r.csat.satisfiedShare === null ? null : Math.round(r.csat.satisfiedShare * 100),
        ),
      },
    ],
  };
}
