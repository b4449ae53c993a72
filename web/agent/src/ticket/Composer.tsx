import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { fillTemplate } from '../lib/template.ts';
import type { Agent, Attachment, Message, TicketDetail } from '../lib/types.ts';
import { MacroPreviewPanel, MacroSelect } from '../macros/MacroPicker.tsx';
import type { Macro } from '../macros/types.ts';
import { CannedPicker } from './CannedPicker.tsx';
import { loadDraft, saveDraft } from './drafts.ts';

export type Mode = 'reply' | 'note';

interface Props {
  ticket: TicketDetail;
  me: Agent;
  mode: Mode;
  onMode: (mode: Mode) => void;
  input: RefObject<HTMLTextAreaElement | null>;
  onTyping: (typing: boolean) => void;
}

/** How long after the last keystroke the agent still counts as typing: longer than two heartbeats, so every colleague polling sees it. */
const TYPING_IDLE_MS = 10_000;

export function Composer({ ticket, me, mode, onMode, input, onTyping }: Props) {
  const t = useT();
  const client = useQueryClient();
  const [body, setBody] = useState(() => loadDraft(ticket.id, mode));
  const [files, setFiles] = useState<Attachment[]>([]);
  const [thenStatus, setThenStatus] = useState('');
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [arrived, setArrived] = useState<Message[] | null>(null);
  const [macro, setMacro] = useState<Macro | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // The thread position the agent started writing from: later messages from others "arrived meanwhile".
  const baseSeq = useRef(ticket.lastSeq);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setBody(loadDraft(ticket.id, mode));
    setArrived(null);
  }, [ticket.id, mode]);
  useEffect(() => () => void (idle.current && clearTimeout(idle.current)), []);

  const change = (next: string) => {
    if (!body && next) baseSeq.current = ticket.lastSeq;
    setBody(next);
    saveDraft(ticket.id, mode, next);
    onTyping(true);
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(() => onTyping(false), TYPING_IDLE_MS);
  };

  const insertCanned = (template: string) => {
    const filled = fillTemplate(template, {
      customer: {
        name: ticket.customer.name ?? ticket.customer.uid,
        uid: ticket.customer.uid,
        email: ticket.customer.email,
      },
      ticket: { number: ticket.number, title: ticket.title },
      agent: { name: me.name, email: me.email },
    });
    change(body ? `${body}\n${filled}` : filled);
    input.current?.focus();
  };

  async function upload(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const saved = await api<Attachment>('POST', '/attachments', form);
        setFiles((f) => [...f, saved]);
      } catch (err) {
        setError(err instanceof ApiError ? err.message : t('common.failed'));
      }
    }
  }

  async function send(anyway: boolean) {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      if (!anyway) {
        const fresh = await client.fetchQuery({
          queryKey: keys.ticket(ticket.number),
          queryFn: () => api<TicketDetail>('GET', `/tickets/${ticket.number}`),
          staleTime: 0,
        });
        const newer = fresh.messages.filter((m) => m.seq > baseSeq.current && m.authorId !== me.id);
        if (newer.length > 0) {
          setArrived(newer);
          return;
        }
      }
      await api('POST', `/tickets/${ticket.id}/messages`, {
        body,
        visibility: mode === 'note' ? 'internal' : 'public',
        clientId: `ws-${crypto.randomUUID()}`,
        attachmentIds: files.map((f) => f.id),
        ...(thenStatus ? { thenStatus } : {}),
      });
      setBody('');
      saveDraft(ticket.id, mode, '');
      setFiles([]);
      setThenStatus('');
      setArrived(null);
      setPreview(false);
      onTyping(false);
      await client.invalidateQueries({ queryKey: keys.ticket(ticket.number) });
      baseSeq.current =
        client.getQueryData<TicketDetail>(keys.ticket(ticket.number))?.lastSeq ?? ticket.lastSeq;
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`composer ${mode}`}>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'reply'} onClick={() => onMode('reply')}>
          {t('composer.reply')} <kbd>r</kbd>
        </button>
        <button type="button" role="tab" aria-selected={mode === 'note'} onClick={() => onMode('note')}>
          {t('composer.note')} <kbd>n</kbd>
        </button>
        <span className="spacer" />
        <MacroSelect
          picked={macro}
          onPick={(m) => {
            setApplied(null);
            setMacro(m);
          }}
        />
        <CannedPicker onPick={(c) => insertCanned(c.body)} />
        <button type="button" className="link" onClick={() => setPreview((p) => !p)}>
          {preview ? t('composer.edit') : t('composer.preview')}
        </button>
      </div>
      {macro && (
        <MacroPreviewPanel
          key={macro.id}
          ticket={ticket}
          macro={macro}
          onClose={(done) => {
            if (done) setApplied(t('macros.applied', { name: macro.name }));
            setMacro(null);
          }}
        />
      )}
      {applied && (
        <p className="macro-done muted" role="status">
          {applied}
        </p>
      )}
      {preview ? (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the agent's own Markdown, sanitised by renderMarkdown
        <div className="preview markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
      ) : (
        <textarea
          ref={input}
          name="body"
          value={body}
          rows={5}
          placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(false);
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
      )}
      {files.length > 0 && (
        <ul className="attachments pending">
          {files.map((f) => (
            <li key={f.id}>
              {f.fileName}{' '}
              <button
                type="button"
                className="link"
                onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {arrived && (
        <div className="warning" role="alert">
          {t('composer.arrived', {
            names: [...new Set(arrived.map((m) => m.authorName ?? t('thread.customer')))].join(', '),
          })}{' '}
          <button type="button" onClick={() => void send(true)} disabled={busy}>
            {t('composer.sendAnyway')}
          </button>{' '}
          <button type="button" className="link" onClick={() => setArrived(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <label className="file">
          {t('composer.attach')}
          <input
            type="file"
            multiple
            onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))}
          />
        </label>
        <span className="spacer" />
        <select
          name="thenStatus"
          aria-label={t('composer.thenStatus')}
          value={thenStatus}
          onChange={(e) => setThenStatus(e.target.value)}
        >
          <option value="">{t('composer.keepStatus')}</option>
          {(['open', 'pending', 'on_hold', 'solved'] as const).map((s) => (
            <option key={s} value={s}>
              {t('composer.andSet', { status: t(`status.${s}`) })}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={busy || !body.trim()}
          onClick={() => void send(false)}
        >
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </section>
  );
}
