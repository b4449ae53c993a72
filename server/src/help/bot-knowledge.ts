import type { BotKnowledge } from '../chat/bot.ts';
import type { Db } from '../db/client.ts';
import { searchHelp } from './search.ts';

/**
 * The live-chat bot answers from the same search as the help center: the customer sees the
 * articles a search would have shown them, with a short excerpt and a link to read on.
 */
export function helpCenterKnowledge(db: Db): BotKnowledge {
  return {
    async search(query, lang, limit) {
      const hits = await searchHelp(db, { q: query, lang, limit });
      return hits.map((hit) => ({
        id: hit.id,
        title: hit.title,
        excerpt: hit.summary,
        url: `/help/articles/${encodeURIComponent(hit.slug)}`,
      }));
    },
  };
}
