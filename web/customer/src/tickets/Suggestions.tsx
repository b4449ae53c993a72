import { useEffect, useState } from 'react';
import { api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';

interface Suggestion {
  id: string;
  slug: string;
  title: string;
  summary: string;
  endedAttempts: number;
}

/** "This may answer it": help articles for what the customer is typing, after a short pause. */
export function Suggestions({ text, onDeflected }: { text: string; onDeflected(): void }) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const [items, setItems] = useState<Suggestion[]>([]);
  const q = text.trim().slice(0, 200);
  useEffect(() => {
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api<{ suggestions: Suggestion[] }>(`/help/suggest?q=${encodeURIComponent(q)}&lang=${lang}`, {
        lang,
        signal: ctl.signal,
      })
        .then((r) => setItems(r.suggestions.slice(0, 3)))
        .catch(() => {});
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, lang]);

  if (!items.length) return null;
  const solved = async (s: Suggestion) => {
    await api('/help/deflections', {
      method: 'POST',
      lang,
      needsSession: true,
      body: { articleId: s.id, surface: 'ticket_form' },
    }).catch(() => {});
    onDeflected();
  };
  return (
    <aside className="card" aria-labelledby="sugg">
      <h2 id="sugg" className="h-small">
        {t('suggestionsTitle')}
      </h2>
      <ul className="plain">
        {items.map((s) => (
          <li key={s.id}>
            <a href={`/help/articles/${s.slug}`} target="_blank" rel="noopener">
              {s.title}
            </a>
            {s.endedAttempts > 0 && (
              <span className="small muted"> · {t('suggestionCount', { n: s.endedAttempts })}</span>
            )}{' '}
            <button type="button" className="small" onClick={() => solved(s)}>
              {t('solvedByArticle')}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
