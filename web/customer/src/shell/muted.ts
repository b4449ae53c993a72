/**
 * The notice a muted customer sees when they try to write: the end of the mute in their language
 * and in their device's time zone (with the zone named), not the server's UTC timestamp.
 */
export function mutedNotice(lang: 'zh-CN' | 'en', until: string, timeZone?: string): string {
  const when = new Intl.DateTimeFormat(lang, {
    ...(timeZone ? { timeZone } : {}),
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(new Date(until));
  return lang === 'en'
    ? `You have been muted for a while: you can write to us again after ${when}.`
    : `你已被暂时禁言，${when} 之后可以再给我们发消息。`;
}
