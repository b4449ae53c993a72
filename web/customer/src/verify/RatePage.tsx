import { useState } from 'react';
import { ApiError, api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { Stars } from '../tickets/Stars.tsx';
import { VERIFY_MESSAGES } from './messages.ts';

/** The signed rating link from a mail: no sign-in, one rating per link (the server checks the signature). */
export default function RatePage({ token, score }: { token: string; score: string | null }) {
  const t = useT(VERIFY_MESSAGES);
  const { lang } = useI18n();
  const info = useApi<{ ticket: { number: string; title: string } }>(`/csat/${encodeURIComponent(token)}`);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = score && /^[1-5]$/.test(score) ? Number(score) : undefined;
  const rate = async (s: number, comment: string) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/csat/${encodeURIComponent(token)}`, { method: 'POST', lang, body: { score: s, comment } });
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Layout title={t('rateTitle')}>
      <h1>{t('rateTitle')}</h1>
      <Status state={info} retry={info.retry} />
      {info.data && <p>{t('ticket', { number: info.data.ticket.number, title: info.data.ticket.title })}</p>}
      {info.data && !done && <Stars initial={initial} busy={busy} onRate={rate} />}
      {done && <p role="status">{t('thanks')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </Layout>
  );
}
