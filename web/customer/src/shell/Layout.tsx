import { type ReactNode, useEffect } from 'react';
import { BrandName } from './brand.tsx';
import { useI18n } from './i18n.tsx';
import type { Loaded } from './use-api.ts';

/**
 * The page frame every customer page shares: a header with the language switch, then the page.
 * Each page names itself in the browser's title too (`page` when it is more precise than the bar's
 * `title`, e.g. an article's title), so tabs, history and screen readers tell the pages apart.
 */
export function Layout({
  title,
  page,
  back,
  children,
}: {
  title: string;
  page?: string | null;
  back?: ReactNode;
  children: ReactNode;
}) {
  const { lang, setLang, t } = useI18n();
  const documentTitle = page && page !== title ? `${page} · ${title}` : title;
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <>
      <header className="bar">
        {back}
        <BrandName />
        <span className="bar-title">{title}</span>
        <button
          type="button"
          className="lang"
          aria-label={t('switchLanguageLabel')}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

/** Loading and error states, the same on every page. */
export function Status<T>({ state, retry }: { state: Loaded<T>; retry(): void }) {
  const { t } = useI18n();
  if (state.loading)
    return (
      <p className="muted" aria-live="polite">
        {t('loading')}
      </p>
    );
  if (state.error)
    return (
      <div role="alert" className="error">
        <p>{state.error.message}</p>
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      </div>
    );
  return null;
}
