/** The report period as the agent sees it: whole days in their own time zone. */

/** How far `zone` is ahead of UTC at instant `ms`, in ms. */
function zoneOffset(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a YYYY-MM-DD day starts in `zone` (checked twice, for days when the offset changes). */
export function startOfDay(day: string, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let at = guess - zoneOffset(guess, zone);
  at = guess - zoneOffset(at, zone);
  return new Date(at);
}

/** Today's date (YYYY-MM-DD) in `zone`, moved by `days`. */
export function dayIn(zone: string, days = 0, now = Date.now()): string {
  const local = new Date(now + zoneOffset(now, zone) + days * 86_400_000);
  return local.toISOString().slice(0, 10);
}

/** The API's from/to for a period of whole days, `to` inclusive (so the query's end is the next day). */
export function periodQuery(from: string, to: string, zone: string) {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { from: startOfDay(from, zone).toISOString(), to: startOfDay(next, zone).toISOString() };
}

/** The YYYY-MM-DD buckets of a period: every day, or the Monday of every week (as the API names them). */
export function bucketsOf(from: string, to: string, interval: 'day' | 'week'): string[] {
  const parse = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  let at = parse(from);
  if (interval === 'week') at -= ((new Date(at).getUTCDay() + 6) % 7) * 86_400_000;
  const step = (interval === 'week' ? 7 : 1) * 86_400_000;
  const out: string[] = [];
  for (; at <= parse(to) && out.length < 500; at += step) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}
