import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  helpAnnouncementImages,
  helpAnnouncements,
  helpArticleImages,
  helpArticles,
  helpImages,
} from './schema.ts';

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

/** Of the ids a text mentions, those that are help images (uploaded for the help center). */
async function helpImagesIn(db: Executor, markdown: string): Promise<string[]> {
  const ids = imageIdsIn(markdown);
  if (ids.length === 0) return [];
  const known = await db
    .select({ id: helpImages.attachmentId })
    .from(helpImages)
    .where(inArray(helpImages.attachmentId, ids));
  return known.map((k) => k.id);
}

/**
 * Makes the article's image links match its text: images it no longer shows are unlinked, new ones
 * linked. Ids that are not help images (a ticket attachment, a made-up id) are not linked, so they
 * are never served publicly.
 */
export async function syncArticleImages(db: Executor, articleId: string, markdown: string) {
  await db.delete(helpArticleImages).where(eq(helpArticleImages.articleId, articleId));
  const ids = await helpImagesIn(db, markdown);
  if (ids.length === 0) return;
  await db
    .insert(helpArticleImages)
    .values(ids.map((attachmentId) => ({ articleId, attachmentId })))
    .onConflictDoNothing();
}

/** The same for an announcement (公告): its images are public while it is live. */
export async function syncAnnouncementImages(db: Executor, announcementId: string, markdown: string) {
  await db.delete(helpAnnouncementImages).where(eq(helpAnnouncementImages.announcementId, announcementId));
  const ids = await helpImagesIn(db, markdown);
  if (ids.length === 0) return;
  await db
    .insert(helpAnnouncementImages)
    .values(ids.map((attachmentId) => ({ announcementId, attachmentId })))
    .onConflictDoNothing();
}

/**
 * Whether anyone may see the image: some published article shows it, or an announcement that
 * customers see right now (published, started, not expired; the same rule as the home page's).
 */
export async function isPublicHelpImage(db: Executor, attachmentId: string): Promise<boolean> {
  const [article] = await db
    .select({ id: helpArticles.id })
    .from(helpArticleImages)
    .innerJoin(helpArticles, eq(helpArticles.id, helpArticleImages.articleId))
    .where(and(eq(helpArticleImages.attachmentId, attachmentId), eq(helpArticles.status, 'published')))
    .limit(1);
  if (article) return true;
  const now = new Date();
  const [announcement] = await db
    .select({ id: helpAnnouncements.id })
    .from(helpAnnouncementImages)
    .innerJoin(helpAnnouncements, eq(helpAnnouncements.id, helpAnnouncementImages.announcementId))
    .where(
      and(
        eq(helpAnnouncementImages.attachmentId, attachmentId),
        eq(helpAnnouncements.status, 'published'),
        lte(helpAnnouncements.startsAt, now),
        or(isNull(helpAnnouncements.expiresAt), gt(helpAnnouncements.expiresAt, now)),
      ),
    )
    .limit(1);
  return Boolean(announcement);
}
