import { useCallback } from 'react';
import { type Lang, useI18n } from './i18n.tsx';

/**
 * Words of one page folder, kept with the folder (and so in its lazily loaded chunk, not in the
 * help-center home's budget). `{name}` placeholders are filled from params.
 */
export function useT<K extends string>(table: Record<Lang, Record<K, string>>) {
  const { lang } = useI18n();
  return useCallback(
    (key: K, params: Record<string, string | number> = {}) =>
      table[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')),
    [lang, table],
  );
}
