import { useState } from 'react';
import { api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { Link } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';

interface Inbox {
  unread: number;
  items: Array<{
    id: string;
    ticketId: string | null;
    title: string;
    body: string;
    createdAt: string;
    read: boolean;
  }>;
}

/** 站内信: in-app messages (replies to my tickets, notices) with the unread count. */
export default function InboxPage() {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const inbox = useApi<Inbox>('/me/inbox');
  const [busy, setBusy] = useState(false);
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const read = async (id: string) => {
    await api(`/me/inbox/${id}/read`, { method: 'POST', lang }).catch(() => {});
  };
  const readAll = async () => {
    setBusy(true);
    await api('/me/inbox/read-all', { method: 'POST', lang }).catch(() => {});
    setBusy(false);
    inbox.retry();
  };
  return (
    <Layout title={t('inbox')}>
      <h1>
        {t('inbox')}{' '}
        {inbox.data && inbox.data.unread > 0 && (
          <span className="badge" data-testid="unread">
            {t('unread', { n: inbox.data.unread })}
          </span>
        )}
      </h1>
      <Status state={inbox} retry={inbox.retry} />
      {inbox.data?.items.length === 0 && <p className="muted">{t('noMessages')}</p>}
      {inbox.data && inbox.data.unread > 0 && (
        <button type="button" onClick={readAll} disabled={busy}>
          {t('markAllRead')}
        </button>
      )}
      <ul className="plain">
        {inbox.data?.items.map((m) => (
          <li key={m.id} className="channel" data-read={m.read}>
            <strong>{m.read ? m.title : `● ${m.title}`}</strong>
            <p className="small muted">{when.format(new Date(m.createdAt))}</p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
            {m.ticketId && (
              <Link href={`/tickets/${m.ticketId}`} onClick={() => void read(m.id)}>
                {t('openTicket')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
