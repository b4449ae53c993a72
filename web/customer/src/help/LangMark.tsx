import { useI18n } from '../shell/i18n.tsx';

/** The article's language written in that language: what a reader of it recognises. */
const NAMES: Record<string, string> = { en: 'English', 'zh-CN': '中文' };

/**
 * A small mark on a search hit or suggestion that is in the other language than the page's
 * (search finds answers that exist only in the other language, and says so before the click).
 */
export function LangMark({ article }: { article: { lang: string; fallback: boolean } }) {
  const { t } = useI18n();
  if (!article.fallback) return null;
  return (
    <span className="lang-mark" lang={article.lang} title={t('onlyInOtherLanguage')}>
      {NAMES[article.lang] ?? article.lang}
    </span>
  );
}
