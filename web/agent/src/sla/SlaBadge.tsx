import { useEffect, useState } from 'react';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { TicketSummary } from '../lib/types.ts';
import { formatDuration } from './duration.ts';

/** Re-renders every half minute so "time left" counts down without refetching the list. */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The inbox's SLA cell: time left on the soonest ticking clock, how long it is overdue, or
 * "paused" while the ticket waits on the customer. Near breach is the server's definition (the
 * warning time, 75 % of a target used, in `slaWarnAt`), the same as the `sla=near` filter.
 */
export function SlaBadge({ ticket, now }: { ticket: TicketSummary; now: number }) {
  const t = useT();
  const locale = useLocale();
  if (ticket.slaDueAt) {
    const left = Date.parse(ticket.slaDueAt) - now;
    const time = formatDuration(left, locale.language);
    const due = t('sla.due', { time: formatTime(ticket.slaDueAt, locale) });
    const near = ticket.slaWarnAt ? Date.parse(ticket.slaWarnAt) <= now : false;
    if (left <= 0) {
      return (
        <span className="badge sla-breached" data-sla="breached" title={`${t('sla.breached')} · ${due}`}>
          {t('sla.over', { time })}
        </span>
      );
    }
    return (
      <span
        className={near ? 'badge sla-near' : 'badge sla-running'}
        data-sla={near ? 'near' : 'running'}
        title={due}
      >
        {t('sla.left', { time })}
      </span>
    );
  }
  if (ticket.slaPaused) {
    return (
      <span className="badge sla-paused" data-sla="paused">
        {t('sla.paused')}
      </span>
    );
  }
  return <span className="muted">—</span>;
}
