import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { attachments } from '../attachments/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Language } from '../platform/i18n.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type HelpStatus = 'draft' | 'published';

/** Top level of the help center (e.g. "Account & security"); holds categories. */
export const helpSections = pgTable('help_sections', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  position: integer().notNull().default(0),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
});

export const helpCategories = pgTable('help_categories', {
  id: uuid().primaryKey().defaultRandom(),
  sectionId: uuid('section_id')
    .notNull()
    .references(() => helpSections.id, { onDelete: 'cascade' }),
  slug: text().notNull().unique(),
  position: integer().notNull().default(0),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  descriptionZh: text('description_zh').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
});

/**
 * One article in one language. Translations share `translationGroup`. The search index lives in
 * the row: token arrays written by the app (jieba words, bigrams, stems), generated tsvectors over
 * them ('simple' semantics: the tokens are used as they are; array_to_tsvector keeps no positions,
 * so the setweight marks are lost and scoring tells title from summary by the arrays), and a
 * normalised title for the trigram bonus of a title like the query. Every node searches the same index.
 */
export const helpArticles = pgTable(
  'help_articles',
  {
    id: uuid().primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => helpCategories.id),
    translationGroup: uuid('translation_group').notNull().defaultRandom(),
    lang: text().$type<Language>().notNull(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    status: text().$type<HelpStatus>().notNull().default('draft'),
    position: integer().notNull().default(0),
    version: integer().notNull().default(1),
    authorId: uuid('author_id'),
    viewCount: integer('view_count').notNull().default(0),
    helpfulYes: integer('helpful_yes').notNull().default(0),
    helpfulNo: integer('helpful_no').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    titleTokens: text('title_tokens').array().notNull().default(sql`'{}'::text[]`),
    summaryTokens: text('summary_tokens').array().notNull().default(sql`'{}'::text[]`),
    bodyTokens: text('body_tokens').array().notNull().default(sql`'{}'::text[]`),
    titleNorm: text('title_norm').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(array_to_tsvector(title_tokens), 'A') || setweight(array_to_tsvector(summary_tokens), 'B') || setweight(array_to_tsvector(body_tokens), 'D')`,
    ),
    /**
     * Title/tags (A) and summary (B) only: small and inline, so the first search stage can rank
     * every match of a common word here without reading the (large, toasted) body vector.
     */
    headVector: tsvector('head_vector').generatedAlwaysAs(
      sql`setweight(array_to_tsvector(title_tokens), 'A') || setweight(array_to_tsvector(summary_tokens), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex('help_articles_lang_slug').on(t.lang, t.slug),
    uniqueIndex('help_articles_group_lang').on(t.translationGroup, t.lang),
    index('help_articles_category_idx').on(t.categoryId, t.position),
    // fastupdate off: with it, new entries wait in a pending list that every search reads in full
    // until a vacuum merges it (after a 10,000-article import: ~230 pages, 4 ms per term lookup,
    // and the planner, seeing it, scanned the table instead). Articles change rarely; searches don't.
    index('help_articles_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('help_articles_head_idx').using('gin', t.headVector).with({ fastupdate: false }),
    // (No trigram index on title_norm: typos are corrected against help_terms; the title's word
    // similarity is computed for the candidates only.)
  ],
);

/** The text of an article before each edit: the version history. */
export const helpArticleVersions = pgTable(
  'help_article_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    bodyMd: text('body_md').notNull(),
    tags: text().array().notNull(),
    status: text().$type<HelpStatus>().notNull(),
    editorId: uuid('editor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('help_article_versions_key').on(t.articleId, t.version)],
);

/** 公告: shown on the home page while live; pinned ones first. */
export const helpAnnouncements = pgTable('help_announcements', {
  id: uuid().primaryKey().defaultRandom(),
  lang: text().$type<Language>().notNull(),
  title: text().notNull(),
  bodyMd: text('body_md').notNull().default(''),
  bodyHtml: text('body_html').notNull().default(''),
  pinned: boolean().notNull().default(false),
  status: text().$type<HelpStatus>().notNull().default('draft'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** "Was this helpful?": one vote per customer (or visitor) per article; a new vote replaces it. */
export const helpVotes = pgTable(
  'help_votes',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    helpful: boolean().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.customerId] })],
);

/** A group of words that mean the same for search (提币 = 提现 = withdraw). Admins edit them. */
export const helpSynonyms = pgTable('help_synonyms', {
  id: uuid().primaryKey().defaultRandom(),
  terms: text().array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Searches customers made, for the "no results" report. */
export const helpSearches = pgTable(
  'help_searches',
  {
    id: uuid().primaryKey().defaultRandom(),
    query: text().notNull(),
    lang: text().$type<Language>().notNull(),
    resultCount: integer('result_count').notNull(),
    customerId: uuid('customer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('help_searches_created_idx').on(t.createdAt)],
);

/**
 * How many published articles contain each index token (document frequency), kept up to date on
 * every write, so a search weighs rare words above common ones without counting at query time.
 */
export const helpTerms = pgTable(
  'help_terms',
  {
    term: text().primaryKey(),
    df: integer().notNull().default(0),
  },
  // Typos are corrected against this vocabulary (a few thousand words), not by scanning titles.
  (t) => [index('help_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`).with({ fastupdate: false })],
);

/**
 * A help suggestion that ended a customer's attempt to open a ticket ("this answered it"): the
 * deflection count shown next to a suggestion and, later, in the reports.
 */
export const helpDeflections = pgTable(
  'help_deflections',
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    /** A customer or visitor session: one count per person, article and surface. */
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** Where the suggestion was shown, e.g. 'ticket_form'. */
    surface: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_deflections_article_idx').on(t.articleId),
    uniqueIndex('help_deflections_once').on(t.articleId, t.customerId, t.surface),
  ],
);

/**
 * An image an editor uploaded for the help center (through POST /help/admin/images, so it passed
 * the attachment checks). Only these can appear in articles: a ticket's private screenshot can
 * never be published by pasting its id.
 */
export const helpImages = pgTable('help_images', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  uploadedBy: uuid('uploaded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which help images an article's current text shows, rewritten on every save. An image is public
 * while at least one published article links it; a draft's images stay with the editors.
 */
export const helpArticleImages = pgTable(
  'help_article_images',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => helpImages.attachmentId, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.attachmentId] }),
    index('help_article_images_image_idx').on(t.attachmentId),
  ],
);

/**
 * Which help images an announcement's current text shows, rewritten on every save: an image is
 * also public while a published announcement that is live (started, not expired) links it.
 */
export const helpAnnouncementImages = pgTable(
  'help_announcement_images',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => helpAnnouncements.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => helpImages.attachmentId, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.attachmentId] }),
    index('help_announcement_images_image_idx').on(t.attachmentId),
  ],
);
