import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import type { TicketDetail } from '../lib/types.ts';
import {
  errorText,
  FilePicker,
  type SideChannel,
  sideChannelsKey,
  useKindLabel,
  useUploads,
} from './model.tsx';

/**
 * A new side conversation: by mail to addresses, or (when the desk has channels that can carry
 * one) in a group on a messaging platform the desk's bot is a member of, given by its chat ID.
 */
export function StartForm({ ticket, onDone }: { ticket: TicketDetail; onDone: () => Promise<void> }) {
  const t = useT();
  const kindLabel = useKindLabel();
  const uploads = useUploads();
  const hintId = useId();
  const channels = useQuery({
    queryKey: sideChannelsKey,
    queryFn: () => api<{ items: SideChannel[] }>('GET', '/side-conversations/channels'),
    select: (d) => d.items,
    staleTime: 60_000,
  });
  const [via, setVia] = useState('');
  const channel = channels.data?.find((c) => c.id === via) ?? null;
  const [to, setTo] = useState('');
  const [chatId, setChatId] = useState('');
  const [subject, setSubject] = useState(ticket.title);
  const [body, setBody] = useState('');
  const start = useMutation({
    mutationFn: (route: { to: string[] } | { channel: { id: string; chatId: string } }) =>
      api('POST', `/tickets/${ticket.id}/side-conversations`, {
        ...route,
        subject,
        body,
        attachmentIds: uploads.files.map((f) => f.id),
      }),
    onSuccess: onDone,
  });
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ready = subject.trim() && body.trim();
    if (channel) {
      const chat = chatId.trim();
      setMissing(!chat);
      if (chat && ready) start.mutate({ channel: { id: channel.id, chatId: chat } });
      return;
    }
    const addresses = to
      .split(/[,;，\s]+/)
      .map((a) => a.trim())
      .filter(Boolean);
    setMissing(addresses.length === 0);
    if (addresses.length && ready) start.mutate({ to: addresses });
  };
  const choices = channels.data ?? [];
  return (
    <form className="side-start" onSubmit={submit}>
      <p className="muted">{t(choices.length ? 'side.hintChannels' : 'side.hint')}</p>
      {choices.length > 0 && (
        <label>
          {t('side.via')}
          <select
            name="sideVia"
            value={channel?.id ?? ''}
            onChange={(e) => {
              setVia(e.target.value);
              setMissing(false);
              start.reset();
            }}
          >
            <option value="">{t('side.via.mail')}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {kindLabel(c.kind)} · {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {channel ? (
        <label>
          {t('side.chat')}
          <input
            name="sideChat"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={channel.kind === 'telegram' ? '-1001234567890' : undefined}
            aria-describedby={hintId}
            value={chatId}
            onChange={(e) => {
              setChatId(e.target.value);
              start.reset();
            }}
          />
          <span id={hintId} className="muted side-hint">
            {t('side.chatHint')}
          </span>
        </label>
      ) : (
        <label>
          {t('side.to')}
          <input name="sideTo" type="text" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      )}
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
      <FilePicker name="sideFiles" uploads={uploads} accept={channel ? 'image/*' : undefined} />
      <button type="submit" disabled={start.isPending}>
        {t('side.send')}
      </button>
      {missing && <p className="error">{t(channel ? 'side.needChat' : 'side.needTo')}</p>}
      {start.isError && <p className="error">{errorText(start.error, t('common.failed'))}</p>}
    </form>
  );
}
