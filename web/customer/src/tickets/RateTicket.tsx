import { useEffect, useState } from 'react';
import { ApiError, api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import { Stars } from './Stars.tsx';

interface Rating {
  score: number;
  comment: string;
  changeableUntil: string;
}

/**
 * Rating a solved ticket or an ended chat (one rating per ticket, changeable for 7 days; the server
 * decides): the stars when not rated yet, otherwise the rating given with a "change" button.
 * Used on the ticket page, in the chat after it ends and in the inbox. `refreshKey` re-reads the
 * rating (a chat hears `csat_rating` when another device rated).
 */
export function RateTicket({
  ticketId,
  refreshKey = 0,
  title,
}: {
  ticketId: string;
  refreshKey?: number;
  title?: string;
}) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const current = useApi<{ rating: Rating | null }>(`/me/tickets/${ticketId}/rating`);
  const [given, setGiven] = useState<Rating | null>(null);
  const [thanks, setThanks] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { retry } = current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key means "read it again"
  useEffect(() => {
    if (refreshKey > 0) retry();
  }, [refreshKey]);

  const rating = given ?? current.data?.rating ?? null;
  if (!current.data && current.loading) return null;
  const rate = async (score: number, comment: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ rating: Rating }>(`/me/tickets/${ticketId}/rating`, {
        method: 'PUT',
        lang,
        body: { score, comment },
      });
      setGiven(res.rating);
      setThanks(true);
      setEditing(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (rating && !editing) {
    const changeable = Date.parse(rating.changeableUntil) > Date.now();
    return (
      <section className="card rating-given" data-testid="rating-given">
        {thanks && (
          <p role="status">
            <strong>{t('rateThanks')}</strong>
          </p>
        )}
        <p>
          {t('yourRating')}{' '}
          <span className="rating-stars" role="img" aria-label={t('stars', { n: rating.score })}>
            {'★'.repeat(rating.score)}
            {'☆'.repeat(5 - rating.score)}
          </span>
        </p>
        {rating.comment && <p className="small muted">{rating.comment}</p>}
        {changeable && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('changeRating')}
          </button>
        )}
      </section>
    );
  }
  return (
    <section className="card">
      {title && <p>{title}</p>}
      <Stars key={rating?.score ?? 0} initial={rating?.score} busy={busy} onRate={rate} />
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
