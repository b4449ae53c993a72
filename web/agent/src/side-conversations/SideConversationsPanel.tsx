import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, uploadAttachment } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Attachment, TicketDetail } from '../lib/types.ts';
import './side-conversations.css';

interface SideMessage {
  id: string;
  direction: 'outbound' | 'inbound';
  authorName: string | null;
  from: string;
  to: string[];
  body: string;
  status: 'queued' | 'sent' | 'failed' | 'received';
  error: string | null;
  verified: boolean | null;
  fromParticipant: boolean | null;
  createdAt: string;
  attachments: Attachment[];
}

export interface SideConversation {
  id: string;
  subject: string;
  participants: string[];
  status: 'open' | 'closed';
  messages: SideMessage[];
}

const sideKey = (ticketId: string) => ['side-conversations', ticketId] as const;
const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** Files chosen in a form, uploaded at once to the attachments store (its checks and limits). */
function useUploads() {
  const [files, setFiles] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function add(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      try {
        const saved = await uploadAttachment(file);
        setFiles((f) => [...f, saved]);
      } catch (err) {
        setError(errorText(err, ''));
      }
    }
  }
  return { files, error, add, clear: () => setFiles([]) };
}

function FilePicker({ name, uploads }: { name: string; uploads: ReturnType<typeof useUploads> }) {
  const t = useT();
  return (
    <>
      <label className="side-attach">
        {t('side.attach')}
        <input
          type="file"
          name={name}
          multiple
          onChange={(e) => void uploads.add(e.target.files).then(() => (e.target.value = ''))}
        />
      </label>
      {uploads.files.length > 0 && (
        <ul className="side-files">
          {uploads.files.map((f) => (
            <li key={f.id}>{f.fileName}</li>
          ))}
        </ul>
      )}
      {uploads.error && <p className="error">{uploads.error}</p>}
    </>
  );
}

/** The ticket's side conversations: start one, read each thread, reply, close or reopen. */
export function SideConversationsPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const client = useQueryClient();
  const [starting, setStarting] = useState(false);
  const list = useQuery({
    queryKey: sideKey(ticket.id),
    queryFn: () => api<{ items: SideConversation[] }>('GET', `/tickets/${ticket.id}/side-conversations`),
    select: (d) => d.items,
    refetchInterval: 15_000,
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: sideKey(ticket.id) });
    await client.invalidateQueries({ queryKey: keys.ticket(ticket.number) });
  };
  return (
    <section className="panel side-conversations" data-testid="side-conversations">
      <h3>{t('side.title')}</h3>
      {list.data?.length === 0 && !starting && <p className="muted">{t('side.none')}</p>}
      {starting ? (
        <StartForm
          ticket={ticket}
          onDone={async () => {
            await refresh();
            setStarting(false);
          }}
        />
      ) : (
        <button type="button" onClick={() => setStarting(true)}>
          {t('side.new')}
        </button>
      )}
      {list.data?.map((c, i) => (
        <Conversation key={c.id} conversation={c} open={i === 0} onChange={refresh} />
      ))}
    </section>
  );
}

function StartForm({ ticket, onDone }: { ticket: TicketDetail; onDone: () => Promise<void> }) {
  const t = useT();
  const uploads = useUploads();
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState(ticket.title);
  const [body, setBody] = useState('');
  const start = useMutation({
    mutationFn: (addresses: string[]) =>
      api('POST', `/tickets/${ticket.id}/side-conversations`, {
        to: addresses,
        subject,
        body,
        attachmentIds: uploads.files.map((f) => f.id),
      }),
    onSuccess: onDone,
  });
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const addresses = to
      .split(/[,;，\s]+/)
      .map((a) => a.trim())
      .filter(Boolean);
    setMissing(addresses.length === 0);
    if (addresses.length && subject.trim() && body.trim()) start.mutate(addresses);
  };
  return (
    <form className="side-start" onSubmit={submit}>
      <p className="muted">{t('side.hint')}</p>
      <label>
        {t('side.to')}
        <input name="sideTo" type="text" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        {t('side.subject')}
        <input
          name="sideSubject"
          maxLength={200}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      </label>
      <label>
        {t('side.body')}
        <textarea name="sideBody" maxLength={20_000} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <FilePicker name="sideFiles" uploads={uploads} />
      <button type="submit" disabled={start.isPending}>
        {t('side.send')}
      </button>
      {missing && <p className="error">{t('side.needTo')}</p>}
      {start.isError && <p className="error">{errorText(start.error, t('common.failed'))}</p>}
    </form>
  );
}

function Conversation({
  conversation: c,
  open,
  onChange,
}: {
  conversation: SideConversation;
  open: boolean;
  onChange: () => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const uploads = useUploads();
  const [body, setBody] = useState('');
  const reply = useMutation({
    mutationFn: () =>
      api('POST', `/side-conversations/${c.id}/messages`, {
        body,
        attachmentIds: uploads.files.map((f) => f.id),
      }),
    onSuccess: async () => {
      setBody('');
      uploads.clear();
      await onChange();
    },
  });
  const status = useMutation({
    mutationFn: (next: 'open' | 'closed') => api('PATCH', `/side-conversations/${c.id}`, { status: next }),
    onSuccess: onChange,
  });
  const error = reply.error ?? status.error;
  return (
    <details className="side-conversation" open={open} data-testid="side-conversation">
      <summary>
        <span className="side-subject">{c.subject}</span>{' '}
        <span className={`badge side-${c.status}`}>{t(`side.status.${c.status}`)}</span>
        <span className="muted side-meta">
          {c.participants.join(', ')} · {t('side.messages', { count: c.messages.length })}
        </span>
      </summary>
      <ol className="side-thread">
        {c.messages.map((m) => (
          <li key={m.id} className={`side-message ${m.direction}`}>
            <div className="side-head muted">
              {m.direction === 'outbound'
                ? t('side.you', { name: m.authorName ?? '—', to: m.to.join(', ') })
                : t('side.from', { from: m.from })}{' '}
              · <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
              {m.direction === 'outbound' && (
                <span className={`side-state ${m.status}`}>
                  {' '}
                  · {t(`side.state.${m.status as 'queued' | 'sent' | 'failed'}`, { error: m.error ?? '' })}
                </span>
              )}
            </div>
            {m.verified === false && <p className="warning">{t('side.unverified')}</p>}
            {m.fromParticipant === false && <p className="warning">{t('side.notParticipant')}</p>}
            <div className="side-body">{m.body}</div>
            {m.attachments.length > 0 && (
              <ul className="side-files">
                {m.attachments.map((f) => (
                  <li key={f.id}>
                    <a href={f.url} target="_blank" rel="noreferrer">
                      {f.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {c.status === 'open' ? (
        <form
          className="side-reply"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) reply.mutate();
          }}
        >
          <textarea
            name="sideReply"
            aria-label={t('side.reply')}
            maxLength={20_000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <FilePicker name="sideReplyFiles" uploads={uploads} />
          <div className="side-actions">
            <button type="submit" disabled={reply.isPending}>
              {t('side.reply')}
            </button>
            <button type="button" className="link" onClick={() => status.mutate('closed')}>
              {t('side.close')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="link" onClick={() => status.mutate('open')}>
          {t('side.reopen')}
        </button>
      )}
      {error && <p className="error">{errorText(error, t('common.failed'))}</p>}
    </details>
  );
}
