import type { Logger } from 'pino';
import type { Executor } from '../db/client.ts';
import { searchHelp } from './search.ts';

/**
 * Runs one search before the node takes traffic, so the first customer's search does not pay for
 * loading jieba's dictionary (~230 ms of CPU, seconds on a loaded machine), OpenCC's tables, the
 * synonym cache and the database's first plans. A query in traditional characters and English
 * touches all of them. A failure is logged, never fatal: search then warms on first use.
 */
export async function warmHelpSearch(db: Executor, logger: Logger) {
  const t0 = performance.now();
  try {
    await searchHelp(db, { q: '提幣沒到賬 withdrawal', lang: 'zh-CN', limit: 1 });
    logger.info({ ms: Math.round(performance.now() - t0) }, 'help search warmed up');
  } catch (err) {
    logger.warn({ err }, 'help search warm-up failed');
  }
}
