import { useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { fillTemplate } from '../lib/template.ts';
import type { Agent, Attachment, TicketDetail } from '../lib/types.ts';
import { CannedPicker } from '../ticket/CannedPicker.tsx';
import type { Mode } from '../ticket/Composer.tsx';
import { loadDraft, saveDraft } from '../ticket/drafts.ts';
import { useChatSocket } from './context.tsx';

/**
 * The chat's composer: a reply or an internal note, canned replies by keyword (the ticket
 * composer's picker and template filling), images uploaded first and sent as attachment ids.
 * Enter sends; every keystroke feeds the typing signal. Drafts survive a reload, as for tickets.
 */
export function ChatComposer({
  ticket,
  me,
  disabled,
}: {
  ticket: TicketDetail;
  me: Agent;
  disabled: boolean;
}) {
  const t = useT();
  const socket = useChatSocket();
  const [mode, setMode] = useState<Mode>('reply');
  const [body, setBody] = useState(() => loadDraft(`chat-${ticket.id}`, 'reply'));
  const [files, setFiles] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);

  const change = (next: string) => {
    setBody(next);
    saveDraft(`chat-${ticket.id}`, mode, next);
    // Notes are for colleagues: the customer must not see "typing" for them.
    if (mode === 'reply') socket.typing(ticket.id, next.length > 0);
  };
  const switchMode = (next: Mode) => {
    setMode(next);
    setBody(loadDraft(`chat-${ticket.id}`, next));
  };

  const send = () => {
    if (!body.trim() && files.length === 0) return;
    socket.send(
      ticket.id,
      body,
      mode === 'note',
      files.map((f) => f.id),
    );
    setFiles([]);
    change('');
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

  return (
    <div className={`composer chat-composer mode-${mode}`}>
      <div className="tabs" role="tablist">
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={mode === m ? 'active' : ''}
            onClick={() => switchMode(m)}
          >
            {t(m === 'reply' ? 'composer.reply' : 'composer.note')}
          </button>
        ))}
        <CannedPicker
          onPick={(c) =>
            change(
              (body ? `${body}\n` : '') +
                fillTemplate(c.body, {
                  customer: {
                    name: ticket.customer.name ?? ticket.customer.uid,
                    uid: ticket.customer.uid,
                    email: ticket.customer.email,
                  },
                  ticket: { number: ticket.number, title: ticket.title },
                  agent: { name: me.name, email: me.email },
                }),
            )
          }
        />
      </div>
      <textarea
        name="chat-body"
        value={body}
        disabled={disabled}
        placeholder={t(mode === 'reply' ? 'chat.replyPlaceholder' : 'chat.notePlaceholder')}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
        rows={3}
      />
      {files.length > 0 && (
        <ul className="attachments pending">
          {files.map((f) => (
            <li key={f.id}>{f.fileName}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <label className="file">
          {t('chat.attachImage')}
          <input
            type="file"
            name="chat-image"
            accept="image/png,image/jpeg,image/gif,image/webp"
            multiple
            onChange={(e) => void upload(e.target.files)}
          />
        </label>
        <button type="button" className="primary" disabled={disabled} onClick={send}>
          {t(mode === 'reply' ? 'chat.send' : 'chat.addNote')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
    </div>
  );
}
