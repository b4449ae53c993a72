import { useEffect, useState } from 'react';
import { ApiError, api } from '../shell/api.ts';
import { postToHost } from '../shell/host.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { Link, navigate } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { useT } from '../shell/use-t.ts';
import { Attachments } from './Attachments.tsx';
import { TICKET_MESSAGES } from './messages.ts';
import { RateTicket } from './RateTicket.tsx';
import type { TicketDetail } from './types.ts';
import type { Uploaded } from './upload.ts';

/** One of my tickets: status, expected reply, the thread, reply with evidence, close/reopen, rate. */
export default function TicketPage({ id }: { id: string }) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const ticket = useApi<TicketDetail>(`/me/tickets/${encodeURIComponent(id)}`);
  const [reply, setReply] = useState('');
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [filesKey, setFilesKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const tk = ticket.data;
  // A merged ticket answers with the ticket it went into: open that one in its place.
  const into = tk?.mergedInto?.number;
  useEffect(() => {
    if (into) navigate(`/tickets/${encodeURIComponent(into)}`, { replace: true });
  }, [into]);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      ticket.retry();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const send = () =>
    act(async () => {
      await api(`/me/tickets/${tk!.id}/messages`, {
        method: 'POST',
        lang,
        body: { body: reply, clientId: crypto.randomUUID(), attachmentIds: files.map((f) => f.id) },
      });
      setReply('');
      setFiles([]);
      setFilesKey((k) => k + 1);
    });
  const setStatus = (status: 'open' | 'closed') =>
    act(async () => {
      await api(`/me/tickets/${tk!.id}/status`, { method: 'POST', lang, body: { status } });
      postToHost({ type: 'ticket_updated', ticketId: tk!.id, status });
    });

  return (
    <Layout
      title={tk ? tk.number : t('myTickets')}
      page={tk?.title}
      back={
        <Link href="/tickets" className="back" aria-label={t('myTickets')}>
          ‹
        </Link>
      }
    >
      <Status state={ticket} retry={ticket.retry} />
      {into && <p role="status">{t('mergedInto', { number: into })}</p>}
      {tk && !into && (
        <>
          <h1>{tk.title}</h1>
          <p>
            <span className="status-pill" data-status={tk.status}>
              {t(`s_${tk.status}`)}
            </span>{' '}
            <ExpectedReply tk={tk} format={(d) => when.format(d)} />
          </p>
          <section aria-labelledby="thread">
            <h2 id="thread">{t('thread')}</h2>
            <ol className="plain thread">
              {/* The description is the thread's first message; shown apart only if it is not one. */}
              {!tk.messages.some((m) => m.authorType === 'customer' && m.body === tk.description) && (
                <li>
                  <strong>{t('you')}</strong> <span className="small muted">{tk.number}</span>
                  <p style={{ whiteSpace: 'pre-wrap' }}>{tk.description}</p>
                </li>
              )}
              {tk.messages.map((m) => (
                <li key={m.id} data-author={m.authorType}>
                  <strong>{m.authorType === 'customer' ? t('you') : t('support')}</strong>{' '}
                  <span className="small muted">{when.format(new Date(m.createdAt))}</span>
                  <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
                  {m.attachments.map((a) => (
                    <span key={a.id} className="small">
                      📎 {a.fileName}{' '}
                    </span>
                  ))}
                </li>
              ))}
            </ol>
          </section>
          {tk.status !== 'closed' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (reply.trim()) void send();
              }}
            >
              <div className="field">
                <label htmlFor="reply">{t('reply')}</label>
                <textarea id="reply" value={reply} onChange={(e) => setReply(e.target.value)} />
              </div>
              <Attachments key={filesKey} onChange={setFiles} />
              <button type="submit" className="primary" disabled={busy || !reply.trim()}>
                {t('send')}
              </button>
            </form>
          )}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <p>
            {tk.status === 'solved' && (
              <button type="button" onClick={() => setStatus('open')} disabled={busy}>
                {t('reopen')}
              </button>
            )}{' '}
            {tk.status !== 'closed' && (
              <button type="button" onClick={() => setStatus('closed')} disabled={busy}>
                {t('close')}
              </button>
            )}
          </p>
          {(tk.status === 'solved' || tk.status === 'closed') && <RateTicket ticketId={tk.id} />}
        </>
      )}
    </Layout>
  );
}

function ExpectedReply({ tk, format }: { tk: TicketDetail; format(d: Date): string }) {
  const t = useT(TICKET_MESSAGES);
  const e = tk.expectedReply;
  if (!e || tk.status === 'solved' || tk.status === 'closed') return null;
  if (e.waitingOnYou) return <span>{t('waitingOnYou')}</span>;
  if (e.overdue) return <span>{t('overdue')}</span>;
  return e.by ? <span>{t('expectedBy', { time: format(new Date(e.by)) })}</span> : null;
}
