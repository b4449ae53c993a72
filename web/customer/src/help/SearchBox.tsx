import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../shell/api.ts';
import { useI18n } from '../shell/i18n.tsx';
import { Link, navigate } from '../shell/router.tsx';
import { LangMark } from './LangMark.tsx';
import type { ArticleRef } from './types.ts';

/** The search box: suggestions while typing (debounced), Enter for the full results page. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState(initial);
  const [suggestions, setSuggestions] = useState<ArticleRef[]>([]);
  const listId = useId();
  useEffect(() => {
    const text = q.trim();
    if (!text || text === initial) {
      setSuggestions([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api<{ suggestions: ArticleRef[] }>(`/help/suggest?q=${encodeURIComponent(text)}&lang=${lang}`, {
        lang,
        signal: ctl.signal,
      })
        .then((r) => setSuggestions(r.suggestions))
        .catch(() => {});
    }, 180);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, lang, initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/help/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <search className="search">
      <form onSubmit={submit}>
        <label htmlFor={`${listId}-q`} className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id={`${listId}-q`}
          type="search"
          value={q}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
          enterKeyHint="search"
          aria-controls={listId}
        />
        <button type="submit">{t('searchSubmit')}</button>
      </form>
      {suggestions.length > 0 && (
        <ul id={listId} className="suggestions" aria-label={t('searchLabel')}>
          {suggestions.map((s) => (
            <li key={s.id}>
              <Link href={`/help/articles/${s.slug}`}>
                <strong lang={s.lang}>
                  {s.title} <LangMark article={s} />
                </strong>
                {s.summary && <span>{s.summary}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </search>
  );
}
