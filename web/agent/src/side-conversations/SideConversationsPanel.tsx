import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { TicketDetail } from '../lib/types.ts';
import { errorText, FilePicker, type SideConversation, sideKey, useKindLabel, useUploads } from './model.tsx';
import { StartForm } from './StartForm.tsx';
import './side-conversations.css';

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
  const kindLabel = useKindLabel();
  const uploads = useUploads();
  const [body, setBody] = useState('');
  // Which way it goes: the group on the platform ("Telegram · Lumen bot · -100…"), or the addresses.
  const route = c.channel
    ? [kindLabel(c.channel.kind), c.channel.name, c.channel.chatId].filter(Boolean).join(' · ')
    : c.participants.join(', ');
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
          {route} · {t(c.channel ? 'side.messagesChat' : 'side.messages', { count: c.messages.length })}
        </span>
      </summary>
      <ol className="side-thread">
        {c.messages.map((m) => (
          <li key={m.id} className={`side-message ${m.direction}`}>
            <div className="side-head muted">
              {c.channel?.kind && m.direction === 'inbound' && (
                <span className="badge side-channel">{kindLabel(c.channel.kind)}</span>
              )}
              {m.direction === 'outbound'
                ? t('side.you', { name: m.authorName ?? '—', to: c.channel?.chatId ?? m.to.join(', ') })
                : t('side.from', { from: m.from })}{' '}
              · <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
              {m.direction === 'outbound' && (
                <span className={`side-state ${m.status}`}>
                  {' '}
                  · {t(`side.state.${m.status as 'queued' | 'sent' | 'failed'}`, { error: m.error ?? '' })}
                </span>
              )}
            </div>
            {/* Mail's authentication (DMARC, the addresses written to) says nothing of a channel's messages. */}
            {!c.channel && m.verified === false && <p className="warning">{t('side.unverified')}</p>}
            {!c.channel && m.fromParticipant === false && (
              <p className="warning">{t('side.notParticipant')}</p>
            )}
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
          <FilePicker name="sideReplyFiles" uploads={uploads} accept={c.channel ? 'image/*' : undefined} />
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
