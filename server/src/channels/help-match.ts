import type { Config } from '../config/config.ts';
import type { Executor } from '../db/client.ts';
import { searchHelp } from '../help/search.ts';
import type { Lang } from './replies.ts';

/**
 * How sure the help-center search must be before the desk answers on its own: the best article's
 * score at least MIN_SCORE (a question whose words are an article's title words scores 0.9–1.8 on
 * the demo help center; greetings and chatter stay under 0.5) and clearly ahead of the next one.
 */
const MIN_SCORE = 0.85;
const MIN_LEAD = 1.2;

export interface HelpMatch {
  articleId: string;
  slug: string;
  title: string;
  url: string;
  score: number;
}

/**
 * The help article that clearly answers a message, or null. The same search the live-chat bot
 * uses (searchHelp), not logged as a customer search; links are absolute (PUBLIC_URL) because
 * they leave the desk.
 */
export async function matchHelpArticle(
  db: Executor,
  config: Config,
  text: string,
  lang: Lang,
): Promise<HelpMatch | null> {
  const q = text.trim();
  if ([...q].length < 4) return null;
  const [best, next] = await searchHelp(db, { q, lang, limit: 2, log: false });
  if (!best || best.score < MIN_SCORE) return null;
  if (next && best.score < next.score * MIN_LEAD) return null;
  return {
    articleId: best.id,
    slug: best.slug,
    title: best.title,
    url: new URL(`/help/articles/${encodeURIComponent(best.slug)}`, config.publicUrl).href,
    score: best.score,
  };
}

/** The same, but giving up after `ms` (an answer that must go out within a platform's deadline). */
export async function matchHelpArticleWithin(
  ms: number,
  ...args: Parameters<typeof matchHelpArticle>
): Promise<HelpMatch | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([matchHelpArticle(...args).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
