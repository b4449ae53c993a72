/** A queue wait in seconds as the two largest units ("3m 05s", "1h 2m"; "3分05秒" in Chinese). */
export function formatWait(seconds: number, language: string): string {
  const s = Math.max(0, Math.round(seconds));
  const zh = language === 'zh-CN';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return zh ? `${h}小时${m}分` : `${h}h ${m}m`;
  if (m > 0) return zh ? `${m}分${String(sec).padStart(2, '0')}秒` : `${m}m ${String(sec).padStart(2, '0')}s`;
  return zh ? `${sec}秒` : `${sec}s`;
}
