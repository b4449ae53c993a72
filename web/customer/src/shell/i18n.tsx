import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { HELP_MESSAGES } from '../help/messages.ts';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'kefu.lang';

/** Shared words of the shell; each page folder adds its own table (see help/messages.ts). */
const SHELL_MESSAGES = {
  'zh-CN': {
    switchLanguage: 'English',
    switchLanguageLabel: '切换到英文',
    notFound: '页面不存在',
    backHome: '返回帮助中心',
    loading: '加载中…',
    retry: '重试',
  },
  en: {
    switchLanguage: '中文',
    switchLanguageLabel: 'Switch to Chinese',
    notFound: 'Page not found',
    backHome: 'Back to the help center',
    loading: 'Loading…',
    retry: 'Try again',
  },
} as const;

type Messages = Record<keyof (typeof SHELL_MESSAGES)['en'] | keyof (typeof HELP_MESSAGES)['en'], string>;
const MESSAGES: Record<Lang, Messages> = {
  'zh-CN': { ...SHELL_MESSAGES['zh-CN'], ...HELP_MESSAGES['zh-CN'] },
  en: { ...SHELL_MESSAGES.en, ...HELP_MESSAGES.en },
};
export type MessageKey = keyof Messages;

export function normaliseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

/** The host app may say `?lang=`; then the reader's last choice; then the browser. */
export function initialLang(): Lang {
  const fromUrl = normaliseLang(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) return fromUrl;
  const saved = normaliseLang(localStorage.getItem(STORAGE_KEY));
  if (saved) return saved;
  for (const l of navigator.languages ?? [navigator.language]) {
    const n = normaliseLang(l);
    if (n) return n;
  }
  return 'zh-CN';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params = {}) =>
        MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
