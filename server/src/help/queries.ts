import { and, asc, count, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Language } from '../platform/i18n.ts';
import { helpAnnouncements, helpArticles, helpCategories, helpSections, helpVotes } from './schema.ts';

const zh = (lang: Language) => lang === 'zh-CN';

/** Announcements live now, pinned first, newest next. */
export async function liveAnnouncements(db: Executor, lang: Language) {
  const now = new Date();
  const rows = await db
    .select()
    .from(helpAnnouncements)
    .where(
      and(
        eq(helpAnnouncements.lang, lang),
        eq(helpAnnouncements.status, 'published'),
        lte(helpAnnouncements.startsAt, now),
        or(isNull(helpAnnouncements.expiresAt), gt(helpAnnouncements.expiresAt, now)),
      ),
    )
    .orderBy(desc(helpAnnouncements.pinned), desc(helpAnnouncements.startsAt))
    .limit(10);
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    html: a.bodyHtml,
    pinned: a.pinned,
    startsAt: a.startsAt.toISOString(),
    expiresAt: a.expiresAt?.toISOString() ?? null,
  }));
}

/** Sections with their categories and how many articles each has (translation groups, published). */
export async function helpTree(db: Executor, lang: Language) {
  const sections = await db.select().from(helpSections).orderBy(asc(helpSections.position));
  const cats = await db.select().from(helpCategories).orderBy(asc(helpCategories.position));
  const counts = await db
    .select({
      categoryId: helpArticles.categoryId,
      n: sql<number>`count(distinct ${helpArticles.translationGroup})::int`,
    })
    .from(helpArticles)
    .where(eq(helpArticles.status, 'published'))
    .groupBy(helpArticles.categoryId);
  const n = new Map(counts.map((c) => [c.categoryId, c.n]));
  return sections.map((s) => ({
    slug: s.slug,
    title: zh(lang) ? s.titleZh : s.titleEn,
    categories: cats
      .filter((c) => c.sectionId === s.id)
      .map((c) => presentCategory(c, lang, n.get(c.id) ?? 0)),
  }));
}

function presentCategory(c: typeof helpCategories.$inferSelect, lang: Language, articleCount: number) {
  return {
    id: c.id,
    slug: c.slug,
    title: zh(lang) ? c.titleZh : c.titleEn,
    description: zh(lang) ? c.descriptionZh : c.descriptionEn,
    articleCount,
  };
}

/** A category and its published articles, one per translation group, in `lang` where it exists. */
export async function categoryPage(db: Executor, slug: string, lang: Language) {
  const [c] = await db.select().from(helpCategories).where(eq(helpCategories.slug, slug));
  if (!c) return null;
  const rows = await db
    .select({
      id: helpArticles.id,
      slug: helpArticles.slug,
      lang: helpArticles.lang,
      title: helpArticles.title,
      summary: helpArticles.summary,
      group: helpArticles.translationGroup,
      position: helpArticles.position,
    })
    .from(helpArticles)
    .where(and(eq(helpArticles.categoryId, c.id), eq(helpArticles.status, 'published')))
    .orderBy(asc(helpArticles.position), asc(helpArticles.title));
  const byGroup = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const had = byGroup.get(r.group);
    if (!had || (had.lang !== lang && r.lang === lang)) byGroup.set(r.group, r);
  }
  const articles = [...byGroup.values()]
    .sort((a, b) => a.position - b.position)
    .map(({ group: _g, position: _p, ...a }) => ({ ...a, fallback: a.lang !== lang }));
  return { category: presentCategory(c, lang, articles.length), articles };
}

/** Records a vote (one per customer per article; voting again changes it) and refreshes the counters. */
export async function voteOnArticle(db: Executor, articleId: string, customerId: string, helpful: boolean) {
  await db
    .insert(helpVotes)
    .values({ articleId, customerId, helpful })
    .onConflictDoUpdate({
      target: [helpVotes.articleId, helpVotes.customerId],
      set: { helpful, createdAt: new Date() },
    });
  const [yes] = await db
    .select({ n: count() })
    .from(helpVotes)
    .where(and(eq(helpVotes.articleId, articleId), eq(helpVotes.helpful, true)));
  const [no] = await db
    .select({ n: count() })
    .from(helpVotes)
    .where(and(eq(helpVotes.articleId, articleId), eq(helpVotes.helpful, false)));
  await db
    .update(helpArticles)
    .set({ helpfulYes: yes!.n, helpfulNo: no!.n })
    .where(eq(helpArticles.id, articleId));
  return { helpfulYes: yes!.n, helpfulNo: no!.n };
}

export async function myVote(db: Executor, articleId: string, customerId: string): Promise<boolean | null> {
  const [row] = await db
    .select({ helpful: helpVotes.helpful })
    .from(helpVotes)
    .where(and(eq(helpVotes.articleId, articleId), eq(helpVotes.customerId, customerId)));
  return row?.helpful ?? null;
}
