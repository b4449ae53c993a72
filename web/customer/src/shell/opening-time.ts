import type { Lang } from './i18n.tsx';

/** When a closed service opens again, in the customer's own clock: "周三 11月25日 09:00" / "Wed, Nov 25, 09:00". */
export function formatOpening(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
