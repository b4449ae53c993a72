import type { WorkingSpan } from '../lib/service-types.ts';

const SPAN = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "09:00-12:00, 13:00-18:00" → spans; '' → a day off; null when a span is malformed or backwards. */
export function parseSpans(text: string): WorkingSpan[] | null {
  const parts = text
    .split(/[,，;]/)
    .map((p) => p.replace(/\s+/g, '').replace(/[–~]/g, '-'))
    .filter(Boolean);
  const spans: WorkingSpan[] = [];
  for (const part of parts) {
    if (!SPAN.test(part)) return null;
    const [from, to] = part.split('-') as [string, string];
    if (from >= to) return null;
    spans.push([from, to]);
  }
  return spans;
}

/** "Mon–Fri 09:00-18:00 · Sat 10:00-16:00": consecutive weekdays with the same hours run together. */
export function formatWeekly(weekly: Record<string, WorkingSpan[]>, dayName: (d: string) => string): string {
  const text = (d: string) => (weekly[d] ?? []).map((s) => s.join('-')).join(', ');
  const runs: Array<{ from: string; to: string; hours: string }> = [];
  for (const d of ['1', '2', '3', '4', '5', '6', '7']) {
    const hours = text(d);
    const last = runs.at(-1);
    if (last && last.hours === hours && Number(last.to) + 1 === Number(d)) last.to = d;
    else runs.push({ from: d, to: d, hours });
  }
  return runs
    .filter((r) => r.hours)
    .map((r) => `${dayName(r.from)}${r.from === r.to ? '' : `–${dayName(r.to)}`} ${r.hours}`)
    .join(' · ');
}
