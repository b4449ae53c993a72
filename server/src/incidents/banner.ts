import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { tickets } from '../tickets/schema.ts';
import { incidentIdsCopy } from './commands.ts';
import { incidents } from './schema.ts';

/**
 * The banners of the open public incidents in one language (the other one when it is empty),
 * newest first: for the contact page and the bot. A desk without open incidents pays nothing
 * beyond this node's copy.
 */
export async function liveBanners(
  db: Db,
  lang: 'zh-CN' | 'en',
): Promise<Array<{ text: string; since: string }>> {
  if ((await incidentIdsCopy.get(db)).size === 0) return [];
  const rows = await db
    .select({ bannerZh: incidents.bannerZh, bannerEn: incidents.bannerEn, since: incidents.createdAt })
    .from(incidents)
    .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
    .where(and(eq(incidents.public, true), inArray(tickets.status, ['new', 'open', 'pending', 'on_hold'])))
    .orderBy(desc(incidents.createdAt));
  const en = lang === 'en';
  return rows
    .map((r) => ({
      text: ((en ? r.bannerEn : r.bannerZh).trim() || (en ? r.bannerZh : r.bannerEn)).trim(),
      since: r.since.toISOString(),
    }))
    .filter((r) => r.text);
}

/** The bot's answer with the live notices first, so a customer asking about an outage sees it at once. */
export function withBanners(
  body: string,
  banners: ReadonlyArray<{ text: string }>,
  lang: 'zh-CN' | 'en',
): string {
  if (banners.length === 0) return body;
  const head = lang === 'en' ? 'Known issue' : '当前已知问题';
  return `${banners.map((b) => `【${head}】${b.text}`).join('\n')}\n\n${body}`;
}
