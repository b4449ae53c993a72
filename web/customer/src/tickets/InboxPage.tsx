import { useState } from 'react';
import { api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { Link } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import { RateTicket } from './RateTicket.tsx';

interface Inbox {
  unread: number;
  items: Array<{
    id: string;
    ticketId: string | null;
    title: string;
    body: string;
    createdAt: string;
    read: boolean;
    /** A solved ticket or an ended chat asks for a rating (null for other notices). */
    rating: {
      state: 'open' | 'rated' | 'closed';
      score: number | null;
      changeableUntil: string | null;
    } | null;
  }>;
}

type Item = Inbox['items'][number];

/** The rating asked by a "solved" notice: rated inline, or the rating given (changeable a few days). */
function InboxRating({ item, onOpen }: { item: Item; onOpen(): void }) {
  const t = useT(TICKET_MESSAGES);
  const [open, setOpen] = useState(false);
  const rating = item.rating;
  if (!rating || !item.ticketId) return null;
  if (rating.state === 'closed') return <p className="small muted">{t('ratingClosed')}</p>;
  if (open) return <RateTicket ticketId={item.ticketId} />;
  const stars = rating.score ?? 0;
  return (
    <p className="inbox-rating">
      {rating.state === 'rated' && (
        <>
          {t('yourRating')}{' '}
          <span className="rating-stars" role="img" aria-label={t('stars', { n: stars })}>
            {'★'.repeat(stars)}
            {'☆'.repeat(5 - stars)}
          </span>{' '}
        </>
      )}
      {(rating.state === 'open' || rating.changeableUntil) && (
        <button
          type="button"
          className={rating.state === 'open' ? 'primary' : ''}
          onClick={() => {
            setOpen(true);
            onOpen();
          }}
        >
          {rating.state === 'open' ? t('rateTitle') : t('changeRating')}
        </button>
      )}
    </p>
  );
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
            <InboxRating item={m} onOpen={() => void read(m.id)} />
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
