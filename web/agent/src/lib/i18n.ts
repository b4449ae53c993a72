import { createContext, useContext } from 'react';
import { en } from './messages-en.ts';
import { zh } from './messages-zh.ts';
import type { Language } from './types.ts';

export type MessageKey = keyof typeof en;
const tables: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zh };

export interface Locale {
  language: Language;
  timeZone: string;
}

export const LocaleContext = createContext<Locale>({ language: 'zh-CN', timeZone: 'Asia/Shanghai' });

/** The agent's strings: `t('key', { name })` fills `{name}` placeholders. */
export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}) {
  // A key neither table knows (a rule written through the API with a kind this screen has no words
  // for yet) shows as itself rather than breaking the screen.
  const template = tables[language][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function useT() {
  const { language } = useContext(LocaleContext);
  return (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
}

export function useLocale() {
  return useContext(LocaleContext);
}

/** A date and time in the agent's own time zone (not the browser's). */
export function formatTime(iso: string, locale: Locale) {
  return new Intl.DateTimeFormat(locale.language, {
    timeZone: locale.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
