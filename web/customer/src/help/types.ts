/** What the help API answers (server/src/help/public-routes.ts). */
export interface Category {
  id: string;
  slug: string;
  title: string;
  description: string;
  articleCount: number;
}
export interface Home {
  sections: Array<{ slug: string; title: string; categories: Category[] }>;
  announcements: Array<{ id: string; title: string; html: string; pinned: boolean; startsAt: string }>;
}
export interface ArticleRef {
  id: string;
  slug: string;
  lang: string;
  title: string;
  summary: string;
  fallback: boolean;
}
export interface SearchHit extends ArticleRef {
  snippet: string;
}
export interface Article extends ArticleRef {
  html: string;
  updatedAt: string;
  helpfulYes: number;
  helpfulNo: number;
  myVote: boolean | null;
}
