/** A span of time in the largest two units that matter ("2d 3h", "45m"), for SLA badges. */
export function formatDuration(ms: number, language: string): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const zh = language === 'zh-CN';
  const unit = { d: zh ? '天' : 'd', h: zh ? '小时' : 'h', m: zh ? '分' : 'm' };
  const sep = zh ? '' : ' ';
  if (d > 0) return h > 0 ? `${d}${unit.d}${sep}${h}${unit.h}` : `${d}${unit.d}`;
  if (h > 0) return m > 0 ? `${h}${unit.h}${sep}${m}${unit.m}` : `${h}${unit.h}`;
  return `${m}${unit.m}`;
}
