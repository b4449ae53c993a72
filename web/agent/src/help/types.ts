import type { Language } from '../lib/types.ts';

/** The help admin API's shapes (server/src/help/admin-*-routes.ts). */
export type HelpStatus = 'draft' | 'published';

export interface HelpCategory {
  id: string;
  sectionId: string;
  slug: string;
  position: number;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

export interface HelpSection {
  id: string;
  slug: string;
  position: number;
  titleZh: string;
  titleEn: string;
  categories: HelpCategory[];
}

export interface HelpArticleRow {
  id: string;
  slug: string;
  lang: Language;
  title: string;
  tags: string[];
  status: HelpStatus;
  categoryId: string;
  translationGroup: string;
  version: number;
  viewCount: number;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: string;
}

export interface HelpArticle extends HelpArticleRow {
  summary: string;
  bodyMd: string;
  bodyHtml: string;
  position: number;
  translations: { id: string; lang: Language; title: string; status: HelpStatus }[];
}

export interface HelpVersion {
  id: string;
  version: number;
  title: string;
  summary: string;
  bodyMd: string;
  tags: string[];
  status: HelpStatus;
  createdAt: string;
}

export interface HelpAnnouncement {
  id: string;
  lang: Language;
  title: string;
  bodyMd: string;
  pinned: boolean;
  status: HelpStatus;
  startsAt: string;
  expiresAt: string | null;
}

export interface SearchGap {
  query: string;
  lang: string;
  searches: number;
  last?: string;
}

/** A title in the admin's language. */
export const titleOf = (x: { titleZh: string; titleEn: string } | undefined, language: Language) =>
  x ? (language === 'zh-CN' ? x.titleZh : x.titleEn) : '';
