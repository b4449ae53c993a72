import { useState } from 'react';
import { ApiError, api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import { Stars } from './Stars.tsx';

/** Rating a solved ticket from "my tickets" (changeable for 7 days, the server decides). */
export function RateTicket({ ticketId }: { ticketId: string }) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const current = useApi<{ rating: { score: number } | null }>(`/me/tickets/${ticketId}/rating`);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (current.loading) return null;
  if (done)
    return (
      <p role="status" className="card">
        {t('rateThanks')}
      </p>
    );
  const rate = async (score: number, comment: string) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/me/tickets/${ticketId}/rating`, { method: 'PUT', lang, body: { score, comment } });
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <Stars
        key={current.data?.rating?.score ?? 0}
        initial={current.data?.rating?.score}
        busy={busy}
        onRate={rate}
      />
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
