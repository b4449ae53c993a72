import { Type } from '@fastify/type-provider-typebox';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { editor, Id, Ids, Lang, Slug, Status, strict, tags } from './admin-common.ts';
import {
  articleVersions,
  createArticle,
  reorderArticles,
  restoreVersion,
  updateArticle,
} from './articles.ts';
import { renderMarkdown } from './render.ts';
import { helpArticles } from './schema.ts';

const ArticleFields = {
  categoryId: Type.String({ format: 'uuid' }),
  slug: Slug,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.Optional(Type.String({ maxLength: 500 })),
  bodyMd: Type.String({ maxLength: 100_000 }),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  status: Type.Optional(Status),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
};

/** The admin list's page size, and the most one request may ask for. */
const PAGE = 50;
const MAX_PAGE = 200;

/** `%`, `_` and `\` are literal in the admin's search box, not LIKE wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Articles: list, read, write, publish, versions, preview. */
export function registerHelpArticleRoutes(app: App, { db }: Services) {
  app.get(
    '/help/admin/articles',
    {
      schema: {
        tags,
        summary:
          'Articles, drafts included, a page at a time (limit, offset; total counts every match); ' +
          'filter by status, language, category, or title/slug/tag',
        querystring: Type.Object({
          status: Type.Optional(Status),
          lang: Type.Optional(Lang),
          categoryId: Type.Optional(Type.String({ format: 'uuid' })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: PAGE })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
      },
    },
    async (request) => {
      editor(request);
      const { status, lang, categoryId, q, limit = PAGE, offset = 0 } = request.query;
      const where: SQL[] = [];
      if (status) where.push(eq(helpArticles.status, status));
      if (lang) where.push(eq(helpArticles.lang, lang));
      if (categoryId) where.push(eq(helpArticles.categoryId, categoryId));
      if (q?.trim()) {
        const like = `%${likeEscape(q.trim())}%`;
        where.push(
          or(
            ilike(helpArticles.title, like),
            ilike(helpArticles.slug, like),
            // Tags as one string: a tag containing the text matches.
            ilike(helpArticles.titleNorm, like),
          )!,
        );
      }
      const filter = where.length ? and(...where) : undefined;
      const rows = await db
        .select({
          id: helpArticles.id,
          slug: helpArticles.slug,
          lang: helpArticles.lang,
          title: helpArticles.title,
          tags: helpArticles.tags,
          status: helpArticles.status,
          categoryId: helpArticles.categoryId,
          position: helpArticles.position,
          translationGroup: helpArticles.translationGroup,
          version: helpArticles.version,
          viewCount: helpArticles.viewCount,
          helpfulYes: helpArticles.helpfulYes,
          helpfulNo: helpArticles.helpfulNo,
          updatedAt: helpArticles.updatedAt,
        })
        .from(helpArticles)
        .where(filter)
        // The id last: rows with the same position keep one order, so pages neither skip nor repeat.
        .orderBy(
          asc(helpArticles.categoryId),
          asc(helpArticles.position),
          asc(helpArticles.lang),
          asc(helpArticles.id),
        )
        .limit(limit)
        .offset(offset);
      // Counted only when the page does not already tell (a first page that holds everything).
      const total =
        offset === 0 && rows.length < limit
          ? rows.length
          : ((await db.select({ n: count() }).from(helpArticles).where(filter))[0]?.n ?? 0);
      const next = offset + rows.length;
      return { articles: rows, total, nextOffset: rows.length > 0 && next < total ? next : null };
    },
  );

  app.get(
    '/help/admin/articles/:id',
    { schema: { tags, summary: 'An article with its Markdown and its translations', params: Id } },
    async (request) => {
      editor(request);
      const [row] = await db.select().from(helpArticles).where(eq(helpArticles.id, request.params.id));
      if (!row) throw new AppError('help_article_not_found');
      // The index columns are the server's business, not the editor's.
      const {
        searchVector: _v,
        headVector: _h,
        titleTokens: _t,
        summaryTokens: _s,
        bodyTokens: _b,
        titleNorm: _n,
        ...article
      } = row;
      const translations = await db
        .select({
          id: helpArticles.id,
          lang: helpArticles.lang,
          title: helpArticles.title,
          status: helpArticles.status,
        })
        .from(helpArticles)
        .where(eq(helpArticles.translationGroup, row.translationGroup))
        .orderBy(asc(helpArticles.lang));
      return { ...article, translations };
    },
  );

  app.post(
    '/help/admin/articles',
    {
      schema: {
        tags,
        summary:
          'Create an article (draft unless status=published); translationOf links it to another language',
        body: Type.Object(
          { ...ArticleFields, lang: Lang, translationOf: Type.Optional(Type.String({ format: 'uuid' })) },
          strict,
        ),
      },
    },
    async (request, reply) => {
      const authorId = editor(request);
      const row = await createArticle(db, request.body, authorId);
      return reply.status(201).send({
        id: row.id,
        slug: row.slug,
        lang: row.lang,
        status: row.status,
        version: row.version,
        translationGroup: row.translationGroup,
      });
    },
  );

  app.patch(
    '/help/admin/articles/:id',
    {
      schema: {
        tags,
        summary: 'Edit, publish or unpublish an article; the previous text becomes a version',
        params: Id,
        body: Type.Partial(Type.Object(ArticleFields), strict),
      },
    },
    async (request) => {
      const authorId = editor(request);
      const row = await updateArticle(db, request.params.id, request.body, authorId);
      return { id: row.id, status: row.status, version: row.version, updatedAt: row.updatedAt.toISOString() };
    },
  );

  app.get(
    '/help/admin/articles/:id/versions',
    { schema: { tags, summary: 'Version history (previous texts), newest first', params: Id } },
    async (request) => {
      editor(request);
      return { versions: await articleVersions(db, request.params.id) };
    },
  );

  app.post(
    '/help/admin/articles/:id/versions/:version/restore',
    {
      schema: {
        tags,
        summary: 'Bring back the text of an earlier version (as a new version; the status is kept)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request) => {
      const authorId = editor(request);
      const row = await restoreVersion(db, request.params.id, request.params.version, authorId);
      return { id: row.id, status: row.status, version: row.version, updatedAt: row.updatedAt.toISOString() };
    },
  );

  app.post(
    '/help/admin/articles/reorder',
    { schema: { tags, summary: 'Set the order of articles in a category', body: Ids } },
    async (request) => {
      editor(request);
      await reorderArticles(db, request.body.ids);
      return { ok: true };
    },
  );

  app.post(
    '/help/admin/preview',
    {
      schema: {
        tags,
        summary: 'Markdown rendered and sanitised exactly as customers will get it',
        body: Type.Object({ bodyMd: Type.String({ maxLength: 100_000 }) }, strict),
      },
    },
    async (request) => {
      editor(request);
      return { html: renderMarkdown(request.body.bodyMd) };
    },
  );
}
