import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldChangeWords } from '../fields/MacroFieldActions.tsx';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import type { TicketDetail } from '../lib/types.ts';
import { ChangeValue } from './ChangeValue.tsx';
import './macros.css';
import { type Macro, type MacroPreview, macroKeys } from './types.ts';

export function useMacros() {
  return useQuery({
    queryKey: macroKeys.all,
    queryFn: () => api<{ items: Macro[] }>('GET', '/macros'),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

/** The composer's macro menu (shared macros and the agent's own, most used first). */
export function MacroSelect({ picked, onPick }: { picked: Macro | null; onPick: (m: Macro | null) => void }) {
  const t = useT();
  const macros = useMacros();
  const items = macros.data ?? [];
  return (
    <select
      name="macro"
      className="macro-select"
      aria-label={t('macros.pick')}
      value={picked?.id ?? ''}
      onChange={(e) => onPick(items.find((m) => m.id === e.target.value) ?? null)}
    >
      <option value="">{items.length ? t('macros.pick') : t('macros.none')}</option>
      {items.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}

/**
 * What the picked macro would do to this ticket, asked of the server (the reply with its
 * variables filled in the customer's language, the notes, each change from → to; nothing is
 * written); only "Apply" writes it, in one transaction.
 */
export function MacroPreviewPanel({
  ticket,
  macro,
  onClose,
}: {
  ticket: TicketDetail;
  macro: Macro;
  onClose: (applied: boolean) => void;
}) {
  const t = useT();
  const customWords = useFieldChangeWords();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: macroKeys.preview(ticket.id, macro.id),
    queryFn: () => api<MacroPreview>('POST', `/tickets/${ticket.id}/macros/${macro.id}/preview`),
    staleTime: 0,
    gcTime: 0,
    refetchInterval: false,
    retry: false,
  });

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/tickets/${ticket.id}/macros/${macro.id}/apply`);
      await client.invalidateQueries({ queryKey: keys.ticket(ticket.number) });
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
      void client.invalidateQueries({ queryKey: macroKeys.all });
      onClose(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    } finally {
      setBusy(false);
    }
  }

  const p = preview.data;
  return (
    <div className="macro-preview" role="dialog" aria-label={t('macros.preview', { name: macro.name })}>
      <h3>{t('macros.preview', { name: macro.name })}</h3>
      {preview.isPending && <p className="loading">…</p>}
      {preview.error && (
        <p className="error" role="alert">
          {preview.error instanceof ApiError ? preview.error.message : t('common.failed')}
        </p>
      )}
      {p && (
        <>
          {p.reply && (
            <section className="macro-reply">
              <h4>{t('macros.replyIn', { language: p.reply.language === 'en' ? 'English' : '中文' })}</h4>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by renderMarkdown, as the thread shows it */}
              <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.reply.body) }} />
            </section>
          )}
          {p.notes.map((note) => (
            <section key={note} className="macro-note">
              <h4>{t('macros.notes')}</h4>
              <p>{note}</p>
            </section>
          ))}
          {p.changes.length > 0 && (
            <table className="grid macro-changes">
              <caption>{t('macros.changes')}</caption>
              <tbody>
                {p.changes.map((c) => (
                  <tr key={c.field} data-field={c.field}>
                    <th>
                      {c.field.startsWith('field:') || c.field.startsWith('customer_field:')
                        ? customWords.label(c.field)
                        : t(`macros.field.${c.field as 'status'}`)}
                    </th>
                    <td>
                      <ChangeValue field={c.field} value={c.from} />
                    </td>
                    <td aria-hidden>→</td>
                    <td>
                      <ChangeValue field={c.field} value={c.to} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!p.reply && p.notes.length === 0 && p.changes.length === 0 && (
            <p className="muted">{t('macros.nothing')}</p>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="link" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={busy || !p} onClick={() => void apply()}>
          {t('macros.apply')}
        </button>
      </div>
    </div>
  );
}
