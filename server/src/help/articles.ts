import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import { syncArticleImages } from './images.ts';
import { renderMarkdown, searchFields } from './render.ts';
import { type HelpStatus, helpArticles, helpArticleVersions } from './schema.ts';
import { adjustTermCounts } from './terms.ts';

export interface ArticleInput {
  categoryId: string;
  lang: Language;
  slug: string;
  title: string;
  summary?: string;
  bodyMd: string;
  tags?: string[];
  status?: HelpStatus;
  position?: number;
  /** An existing article this one translates: both end up in the same translation group. */
  translationOf?: string;
}

/** Creates an article; its HTML and search columns are computed here, never sent by clients. */
export async function createArticle(db: Executor, input: ArticleInput, authorId: string | null) {
  let group: string | undefined;
  if (input.translationOf) {
    const [other] = await db
      .select({ g: helpArticles.translationGroup })
      .from(helpArticles)
      .where(eq(helpArticles.id, input.translationOf));
    if (!other) throw new AppError('help_article_not_found');
    group = other.g;
  }
  const tags = input.tags ?? [];
  const summary = input.summary ?? '';
  const status = input.status ?? 'draft';
  const [row] = await db
    .insert(helpArticles)
    .values({
      categoryId: input.categoryId,
      lang: input.lang,
      slug: input.slug,
      title: input.title,
      summary,
      bodyMd: input.bodyMd,
      bodyHtml: renderMarkdown(input.bodyMd),
      tags,
      status,
      position: input.position ?? 0,
      authorId,
      publishedAt: status === 'published' ? new Date() : null,
      ...(group ? { translationGroup: group } : {}),
      ...searchFields({ title: input.title, summary, bodyMd: input.bodyMd, tags }),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', { detail: `slug ${input.slug} or translation (${input.lang})` });
  await adjustTermCounts(db, null, row);
  await syncArticleImages(db, row.id, row.bodyMd);
  return row;
}

export type ArticlePatch = Partial<Omit<ArticleInput, 'lang' | 'translationOf'>>;

/** Edits an article, keeping the previous text as a version. */
export async function updateArticle(db: Executor, id: string, patch: ArticlePatch, editorId: string | null) {
  const [old] = await db.select().from(helpArticles).where(eq(helpArticles.id, id));
  if (!old) throw new AppError('help_article_not_found');
  await db.insert(helpArticleVersions).values({
    articleId: id,
    version: old.version,
    title: old.title,
    summary: old.summary,
    bodyMd: old.bodyMd,
    tags: old.tags,
    status: old.status,
    editorId: old.authorId,
  });
  const next = {
    title: patch.title ?? old.title,
    summary: patch.summary ?? old.summary,
    bodyMd: patch.bodyMd ?? old.bodyMd,
    tags: patch.tags ?? old.tags,
  };
  const status = patch.status ?? old.status;
  const [row] = await db
    .update(helpArticles)
    .set({
      ...next,
      ...(patch.categoryId ? { categoryId: patch.categoryId } : {}),
      ...(patch.slug ? { slug: patch.slug } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      status,
      bodyHtml: renderMarkdown(next.bodyMd),
      version: old.version + 1,
      authorId: editorId,
      updatedAt: new Date(),
      publishedAt: status === 'published' ? (old.publishedAt ?? new Date()) : null,
      ...searchFields(next),
    })
    .where(eq(helpArticles.id, id))
    .returning();
  await adjustTermCounts(db, old, row!);
  if (next.bodyMd !== old.bodyMd) await syncArticleImages(db, id, next.bodyMd);
  return row!;
}

/**
 * Brings back the text of an earlier version as a new version (the current text is kept in the
 * history like any edit); the status stays as it is, so restoring never publishes by surprise.
 */
export async function restoreVersion(db: Executor, id: string, version: number, editorId: string | null) {
  const [old] = await db
    .select()
    .from(helpArticleVersions)
    .where(and(eq(helpArticleVersions.articleId, id), eq(helpArticleVersions.version, version)));
  if (!old) throw new AppError('help_version_not_found');
  return updateArticle(
    db,
    id,
    { title: old.title, summary: old.summary, bodyMd: old.bodyMd, tags: old.tags },
    editorId,
  );
}

export async function articleVersions(db: Executor, id: string) {
  return db
    .select()
    .from(helpArticleVersions)
    .where(eq(helpArticleVersions.articleId, id))
    .orderBy(desc(helpArticleVersions.version));
}

/** Sets positions in the given order (drag-and-drop in the admin screens). */
export async function reorderArticles(db: Executor, ids: string[]) {
  for (const [position, id] of ids.entries())
    await db.update(helpArticles).set({ position }).where(eq(helpArticles.id, id));
}

/** A published article by id or slug, with the other languages of its group. */
export async function findPublishedArticle(db: Executor, idOrSlug: string, lang: Language) {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const rows = await db
    .select()
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.status, 'published'),
        isUuid ? eq(helpArticles.id, idOrSlug) : eq(helpArticles.slug, idOrSlug),
      ),
    );
  const found = rows.find((r) => r.lang === lang) ?? rows[0];
  if (!found) return null;
  const group = await db
    .select({ id: helpArticles.id, lang: helpArticles.lang, slug: helpArticles.slug })
    .from(helpArticles)
    .where(
      and(eq(helpArticles.translationGroup, found.translationGroup), eq(helpArticles.status, 'published')),
    )
    .orderBy(asc(helpArticles.lang));
  // The customer's language when a translation exists; otherwise the one we have, with a note.
  const wanted = group.find((g) => g.lang === lang);
  const article =
    wanted && wanted.id !== found.id
      ? (await db.select().from(helpArticles).where(eq(helpArticles.id, wanted.id)))[0]!
      : found;
  return { article, translations: group, fallback: article.lang !== lang };
}

export async function countView(db: Executor, id: string) {
  await db
    .update(helpArticles)
    .set({ viewCount: sql`${helpArticles.viewCount} + 1` })
    .where(eq(helpArticles.id, id));
}

export async function isPublished(db: Executor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: helpArticles.id })
    .from(helpArticles)
    .where(and(eq(helpArticles.id, id), eq(helpArticles.status, 'published')));
  return Boolean(row);
}
