import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { helpArticleImages, helpArticles, helpImages } from './schema.ts';

/** Where a help image is served; the only image source the Markdown sanitiser keeps. */
export const HELP_IMAGE_PATH = '/api/v1/help/images/';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Exactly one of our image URLs, nothing before or after (no other host, no query tricks). */
export const HELP_IMAGE_SRC = new RegExp(`^${HELP_IMAGE_PATH.replace(/\//g, '\\/')}(${UUID})$`);
const IN_TEXT = new RegExp(`${HELP_IMAGE_PATH.replace(/\//g, '\\/')}(${UUID})`, 'gi');

export const helpImageUrl = (attachmentId: string) => `${HELP_IMAGE_PATH}${attachmentId}`;

/** The help image ids an article's Markdown mentions. */
export function imageIdsIn(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(IN_TEXT)].map((m) => m[1]!.toLowerCase()))];
}

/**
 * Makes the article's image links match its text: images it no longer shows are unlinked, new ones
 * linked. Ids that are not help images (a ticket attachment, a made-up id) are not linked, so they
 * are never served publicly.
 */
export async function syncArticleImages(db: Executor, articleId: string, markdown: string) {
  const ids = imageIdsIn(markdown);
  await db.delete(helpArticleImages).where(eq(helpArticleImages.articleId, articleId));
  if (ids.length === 0) return;
  const known = await db
    .select({ id: helpImages.attachmentId })
    .from(helpImages)
    .where(inArray(helpImages.attachmentId, ids));
  if (known.length === 0) return;
  await db
    .insert(helpArticleImages)
    .values(known.map((k) => ({ articleId, attachmentId: k.id })))
    .onConflictDoNothing();
}

/** Whether anyone may see the image: some published article shows it. */
export async function isPublicHelpImage(db: Executor, attachmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: helpArticles.id })
    .from(helpArticleImages)
    .innerJoin(helpArticles, eq(helpArticles.id, helpArticleImages.articleId))
    .where(and(eq(helpArticleImages.attachmentId, attachmentId), eq(helpArticles.status, 'published')))
    .limit(1);
  return Boolean(row);
}
