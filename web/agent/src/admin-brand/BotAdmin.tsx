import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import './brand.css';
import { SaveRow, WordsPerLanguage } from './parts.tsx';

interface BotSettings {
  greeting: { 'zh-CN': string; en: string };
  handoffWords: string[];
  cards: number;
  handoffAfterAnswers: number;
  handoffWhenNothingFound: boolean;
}

/** The chat bot: its greeting, the words that fetch a person, its help cards, when it hands over. */
export function BotAdmin() {
  const t = useT();
  const current = useQuery({
    queryKey: ['admin', 'bot'],
    queryFn: () => api<BotSettings>('GET', '/admin/bot'),
  });
  const [draft, setDraft] = useState<BotSettings | null>(null);
  // The words as typed, one per line, until saved.
  const [words, setWords] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (current.data && !draft) {
      setDraft(current.data);
      setWords(current.data.handoffWords.join('\n'));
    }
  }, [current.data, draft]);
  const save = useMutation({
    mutationFn: (value: BotSettings) => api<BotSettings>('PUT', '/admin/bot', value),
    onSuccess: (saved) => {
      setDraft(saved);
      setWords(saved.handoffWords.join('\n'));
      setNotice(t('bot.saved'));
    },
  });
  if (!draft) return current.error ? <p className="error">{current.error.message}</p> : null;
  const set = (patch: Partial<BotSettings>) => {
    setNotice(null);
    setDraft({ ...draft, ...patch });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const handoffWords = words
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean);
    save.mutate({ ...draft, handoffWords });
  };
  return (
    <section className="brand-admin bot-admin">
      <p className="muted">{t('bot.intro')}</p>
      <form className="admin-form" onSubmit={submit} aria-label={t('admin.tab.bot')}>
        <WordsPerLanguage
          name="greeting"
          legend={t('bot.greeting')}
          hint={t('bot.greetingHint')}
          value={draft.greeting}
          onChange={(greeting) => set({ greeting })}
        />
        <label>
          {t('bot.handoffWords')}
          <textarea
            name="handoffWords"
            rows={4}
            value={words}
            onChange={(e) => {
              setNotice(null);
              setWords(e.target.value);
            }}
          />
          <span className="muted">{t('bot.handoffWordsHint')}</span>
        </label>
        <div className="bot-numbers">
          <label>
            {t('bot.cards')}
            <input
              type="number"
              name="cards"
              min={1}
              max={5}
              value={draft.cards}
              onChange={(e) => set({ cards: Number(e.target.value) })}
            />
          </label>
          <label>
            {t('bot.handoffAfter')}
            <input
              type="number"
              name="handoffAfterAnswers"
              min={0}
              max={10}
              value={draft.handoffAfterAnswers}
              onChange={(e) => set({ handoffAfterAnswers: Number(e.target.value) })}
            />
            <span className="muted">{t('bot.handoffAfterHint')}</span>
          </label>
          <label className="inline">
            <input
              type="checkbox"
              name="handoffWhenNothingFound"
              checked={draft.handoffWhenNothingFound}
              onChange={(e) => set({ handoffWhenNothingFound: e.target.checked })}
            />
            {t('bot.handoffWhenNothingFound')}
          </label>
        </div>
        <SaveRow pending={save.isPending} notice={notice} error={save.error} />
      </form>
    </section>
  );
}
