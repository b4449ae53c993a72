import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { Link } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import type { TicketSummary } from './types.ts';

/** My tickets, newest activity first, each with its status in plain words. */
export default function MyTicketsPage() {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const list = useApi<{ items: TicketSummary[] }>('/me/tickets?limit=50');
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Layout title={t('myTickets')}>
      <h1>{t('myTickets')}</h1>
      <p>
        <Link href="/tickets/new" className="primary">
          {t('newTicket')}
        </Link>{' '}
        <Link href="/inbox">{t('inbox')}</Link>
      </p>
      <Status state={list} retry={list.retry} />
      {list.data && list.data.items.length === 0 && <p className="muted">{t('noTickets')}</p>}
      <ul className="plain">
        {list.data?.items.map((tk) => (
          <li key={tk.id} className="channel">
            <Link href={`/tickets/${tk.id}`}>
              <strong>{tk.title}</strong>
            </Link>
            <p className="small">
              <span className="status-pill" data-status={tk.status}>
                {t(`s_${tk.status}`)}
              </span>{' '}
              {tk.number} · {when.format(new Date(tk.lastActivityAt))}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
