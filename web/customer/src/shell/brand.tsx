import { useI18n } from './i18n.tsx';
import { useApi } from './use-api.ts';

/** The brand as the admin console sets it (GET /api/v1/brand, public and cached for a minute). */
export interface Brand {
  name: string;
  nameZh: string;
  primaryColour: string | null;
  accentColour: string | null;
  verifyIntro: { 'zh-CN': string; en: string };
}

/**
 * Puts the brand's colours on every page: the server writes them as a stylesheet (the pages' CSP
 * allows only same-origin styles), loaded after theme.css with the same selectors, so it wins.
 */
export function loadBrandColours() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/api/v1/brand.css';
  link.dataset.brand = '';
  document.head.append(link);
}

export function useBrand(): Brand | null {
  return useApi<Brand>('/brand').data;
}

/** The brand's name in the reader's language, for the page header. */
export function BrandName() {
  const { lang } = useI18n();
  const brand = useBrand();
  if (!brand) return null;
  return <span className="bar-brand">{lang === 'en' ? brand.name : brand.nameZh}</span>;
}
