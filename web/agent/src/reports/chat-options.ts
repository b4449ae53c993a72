import type { ChatReportRow } from '../lib/service-types.ts';
import type { ChartOption } from './Chart.tsx';

/** Live-chat chart options, in the look of the ticket charts (options.ts). */
const base = {
  color: ['#1f6feb', '#17803d', '#d97706', '#b42318', '#7c3aed'],
  tooltip: { trigger: 'axis' as const },
  legend: { top: 0 },
  grid: { left: 48, right: 16, top: 32, bottom: 40 },
};
const axis = (names: string[]) => ({
  type: 'category' as const,
  data: names,
  axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 },
});

/** Where chats went: answered by the bot alone, handed to a person, abandoned in the queue. */
export function chatOutcomeOption(
  rows: ChatReportRow[],
  names: string[],
  labels: { botResolved: string; handedOff: string; abandoned: string },
): ChartOption {
  return {
    ...base,
    xAxis: axis(names),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.botResolved, type: 'bar', data: rows.map((r) => r.botResolved), color: '#17803d' },
      { name: labels.handedOff, type: 'bar', data: rows.map((r) => r.handedOff), color: '#1f6feb' },
      { name: labels.abandoned, type: 'bar', data: rows.map((r) => r.abandoned), color: '#b42318' },
    ],
  };
}

/** Queue wait in seconds: median as a bar, p90 as a marker, as for the ticket durations. */
export function queueWaitOption(
  rows: ChatReportRow[],
  names: string[],
  labels: { median: string; p90: string },
): ChartOption {
  return {
    ...base,
    xAxis: axis(names),
    yAxis: { type: 'value', name: 's' },
    series: [
      { name: labels.median, type: 'bar', data: rows.map((r) => r.queueWait.medianSeconds) },
      {
        name: labels.p90,
        type: 'line',
        data: rows.map((r) => r.queueWait.p90Seconds),
        symbol: 'diamond',
        symbolSize: 10,
        lineStyle: { opacity: 0 },
        color: '#b42318',
      },
    ],
  };
}
