import { Type } from '@fastify/type-provider-typebox';
import { asc, desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { articleVersions, createArticle, reorderArticles, updateArticle } from './articles.ts';
import { renderMarkdown } from './render.ts';
import { searchReport } from './report.ts';
import { helpAnnouncements, helpArticles, helpCategories, helpSections } from './schema.ts';
import { listSynonyms, replaceSynonyms } from './synonyms.ts';

const tags = ['help admin'];
const Lang = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const strict = { additionalProperties: false } as const;

/** Admins (role admin) or integrations with the help:write scope write the help center. */
function editor(request: FastifyRequest): string | null {
  const p = requireStaff(request, 'help:write', 'admin');
  return p.kind === 'agent' ? p.agentId : null;
}

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

export function registerHelpAdminRoutes(app: App, { db }: Services) {
  app.post(
    '/help/admin/sections',
    {
      schema: {
        tags,
        summary: 'Create a section',
        body: Type.Object(
          {
            slug: Slug,
            titleZh: Type.String({ minLength: 1 }),
            titleEn: Type.String({ minLength: 1 }),
            position: Type.Optional(Type.Integer()),
          },
          strict,
        ),
      },
    },
    async (request, reply) => {
      editor(request);
      const [row] = await db.insert(helpSections).values(request.body).onConflictDoNothing().returning();
      if (!row) throw new AppError('conflict', { detail: 'slug' });
      return reply.status(201).send(row);
    },
  );

  const CategoryBody = {
    sectionId: Type.String({ format: 'uuid' }),
    slug: Slug,
    titleZh: Type.String({ minLength: 1 }),
    titleEn: Type.String({ minLength: 1 }),
    descriptionZh: Type.Optional(Type.String()),
    descriptionEn: Type.Optional(Type.String()),
    position: Type.Optional(Type.Integer()),
  };
  app.post(
    '/help/admin/categories',
    { schema: { tags, summary: 'Create a category', body: Type.Object(CategoryBody, strict) } },
    async (request, reply) => {
      editor(request);
      const [row] = await db.insert(helpCategories).values(request.body).onConflictDoNothing().returning();
      if (!row) throw new AppError('conflict', { detail: 'slug' });
      return reply.status(201).send(row);
    },
  );
  app.patch(
    '/help/admin/categories/:id',
    {
      schema: {
        tags,
        summary: 'Edit or move a category',
        params: Id,
        body: Type.Partial(Type.Object(CategoryBody, strict)),
      },
    },
    async (request) => {
      editor(request);
      const [row] = await db
        .update(helpCategories)
        .set(request.body)
        .where(eq(helpCategories.id, request.params.id))
        .returning();
      if (!row) throw new AppError('help_category_not_found');
      return row;
    },
  );

  app.get(
    '/help/admin/articles',
    { schema: { tags, summary: 'Every article, drafts included' } },
    async (request) => {
      editor(request);
      const rows = await db
        .select({
          id: helpArticles.id,
          slug: helpArticles.slug,
          lang: helpArticles.lang,
          title: helpArticles.title,
          status: helpArticles.status,
          categoryId: helpArticles.categoryId,
          translationGroup: helpArticles.translationGroup,
          version: helpArticles.version,
          viewCount: helpArticles.viewCount,
          helpfulYes: helpArticles.helpfulYes,
          helpfulNo: helpArticles.helpfulNo,
          updatedAt: helpArticles.updatedAt,
        })
        .from(helpArticles)
        .orderBy(asc(helpArticles.categoryId), asc(helpArticles.position));
      return { articles: rows };
    },
  );

  app.get(
    '/help/admin/articles/:id',
    { schema: { tags, summary: 'An article with its Markdown', params: Id } },
    async (request) => {
      editor(request);
      const [row] = await db.select().from(helpArticles).where(eq(helpArticles.id, request.params.id));
      if (!row) throw new AppError('help_article_not_found');
      const { searchVector: _v, titleTokens: _t, summaryTokens: _s, bodyTokens: _b, ...article } = row;
      return article;
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
        body: Type.Partial(Type.Object(ArticleFields, strict)),
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
    { schema: { tags, summary: 'Version history (previous texts)', params: Id } },
    async (request) => {
      editor(request);
      return { versions: await articleVersions(db, request.params.id) };
    },
  );

  app.post(
    '/help/admin/articles/reorder',
    {
      schema: {
        tags,
        summary: 'Set the order of articles in a category',
        body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) }, strict),
      },
    },
    async (request) => {
      editor(request);
      await reorderArticles(db, request.body.ids);
      return { ok: true };
    },
  );

  const AnnouncementBody = {
    lang: Lang,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    bodyMd: Type.Optional(Type.String({ maxLength: 20_000 })),
    pinned: Type.Optional(Type.Boolean()),
    status: Type.Optional(Status),
    startsAt: Type.Optional(Type.String({ format: 'date-time' })),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  };
  const announcementValues = (
    b: Partial<{ bodyMd: string; startsAt: string; expiresAt: string | null }>,
  ) => ({
    ...(b.bodyMd !== undefined ? { bodyHtml: renderMarkdown(b.bodyMd) } : {}),
    ...(b.startsAt ? { startsAt: new Date(b.startsAt) } : {}),
    ...(b.expiresAt !== undefined ? { expiresAt: b.expiresAt ? new Date(b.expiresAt) : null } : {}),
  });
  app.get(
    '/help/admin/announcements',
    { schema: { tags, summary: 'Every announcement' } },
    async (request) => {
      editor(request);
      return {
        announcements: await db.select().from(helpAnnouncements).orderBy(desc(helpAnnouncements.createdAt)),
      };
    },
  );
  app.post(
    '/help/admin/announcements',
    {
      schema: {
        tags,
        summary: 'Create an announcement (公告) with pinning and an expiry',
        body: Type.Object(AnnouncementBody, strict),
      },
    },
    async (request, reply) => {
      editor(request);
      const { startsAt: _s, expiresAt: _e, ...rest } = request.body;
      const [row] = await db
        .insert(helpAnnouncements)
        .values({ ...rest, ...announcementValues(request.body) })
        .returning();
      return reply.status(201).send(row);
    },
  );
  app.patch(
    '/help/admin/announcements/:id',
    {
      schema: {
        tags,
        summary: 'Edit an announcement',
        params: Id,
        body: Type.Partial(Type.Object(AnnouncementBody, strict)),
      },
    },
    async (request) => {
      editor(request);
      const { startsAt: _s, expiresAt: _e, ...rest } = request.body;
      const [row] = await db
        .update(helpAnnouncements)
        .set({ ...rest, ...announcementValues(request.body), updatedAt: new Date() })
        .where(eq(helpAnnouncements.id, request.params.id))
        .returning();
      if (!row) throw new AppError('not_found');
      return row;
    },
  );

  app.get(
    '/help/admin/synonyms',
    { schema: { tags, summary: 'Synonym groups used by search' } },
    async (request) => {
      editor(request);
      return { groups: await listSynonyms(db) };
    },
  );
  app.put(
    '/help/admin/synonyms',
    {
      schema: {
        tags,
        summary: 'Replace the synonym groups',
        body: Type.Object(
          {
            groups: Type.Array(
              Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 2, maxItems: 30 }),
              { maxItems: 500 },
            ),
          },
          strict,
        ),
      },
    },
    async (request) => {
      editor(request);
      await replaceSynonyms(db, request.body.groups);
      return { groups: await listSynonyms(db) };
    },
  );

  app.get(
    '/help/admin/reports/searches',
    {
      schema: {
        tags,
        summary: 'Searches that found nothing, or were followed by a ticket within an hour',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }),
      },
    },
    async (request) => {
      editor(request);
      return searchReport(db, request.query.days ?? 30);
    },
  );
}
