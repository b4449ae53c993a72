import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireCustomer } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { maskSecrets } from '../safety/mask.ts';
import { countView, findPublishedArticle, isPublished } from './articles.ts';
import { deflectionCounts, recordDeflection } from './deflections.ts';
import { categoryPage, helpTree, liveAnnouncements, myVote, voteOnArticle } from './queries.ts';
import { searchHelp } from './search.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]));
const tags = ['help'];

/** The customer's id when a customer (or visitor) session came with the request; the pages work without one. */
function customerOf(request: FastifyRequest): string | null {
  return request.principal.kind === 'customer' ? request.principal.customerId : null;
}

/** The help center as customers see it. Public: a session is optional and only used for votes. */
export function registerHelpPublicRoutes(app: App, { db }: Services) {
  const pub = { public: true };

  app.get(
    '/help/home',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Help-center home: sections, categories, live announcements',
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      return { lang, sections: await helpTree(db, lang), announcements: await liveAnnouncements(db, lang) };
    },
  );

  app.get(
    '/help/categories/:slug',
    {
      config: pub,
      schema: {
        tags,
        summary: 'A category and its articles',
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (request) => {
      const page = await categoryPage(db, request.params.slug, requestLanguage(request));
      if (!page) throw new AppError('help_category_not_found');
      return page;
    },
  );

  app.get(
    '/help/articles/:ref',
    {
      config: pub,
      schema: {
        tags,
        summary: 'An article (by id or slug), in the asked language when translated; counts a view',
        params: Type.Object({ ref: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const found = await findPublishedArticle(db, request.params.ref, lang);
      if (!found) throw new AppError('help_article_not_found');
      const a = found.article;
      await countView(db, a.id);
      const customerId = customerOf(request);
      return {
        id: a.id,
        slug: a.slug,
        lang: a.lang,
        title: a.title,
        summary: a.summary,
        html: a.bodyHtml,
        tags: a.tags,
        categoryId: a.categoryId,
        updatedAt: a.updatedAt.toISOString(),
        helpfulYes: a.helpfulYes,
        helpfulNo: a.helpfulNo,
        fallback: found.fallback,
        translations: found.translations,
        myVote: customerId ? await myVote(db, a.id, customerId) : null,
      };
    },
  );

  app.post(
    '/help/articles/:id/vote',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Was this helpful? One vote per customer or visitor session; voting again changes it',
        description:
          'Needs a customer or visitor `kfc_` session (POST /api/v1/customer/session without a token opens a visitor).',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ helpful: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const customerId = customerOf(request);
      if (!customerId) throw new AppError('unauthenticated');
      if (!(await isPublished(db, request.params.id))) throw new AppError('help_article_not_found');
      return voteOnArticle(db, request.params.id, customerId, request.body.helpful);
    },
  );

  app.get(
    '/help/search',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Search the help center (Chinese-aware, synonyms, typos); ranked, with highlighted snippets',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          lang: Lang,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const results = await searchHelp(db, {
        q: request.query.q,
        lang,
        limit: request.query.limit ?? 10,
        log: { customerId: customerOf(request) },
      });
      return { query: maskSecrets(request.query.q), lang, results };
    },
  );

  app.get(
    '/help/suggest',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Suggestions while a customer types (titles and descriptions)',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), lang: Lang }),
      },
    },
    async (request) => {
      const results = await searchHelp(db, { q: request.query.q, lang: requestLanguage(request), limit: 6 });
      const ended = await deflectionCounts(
        db,
        results.map((r) => r.id),
      );
      return {
        suggestions: results.map(({ id, slug, lang, title, summary, fallback }) => ({
          id,
          slug,
          lang,
          title,
          summary,
          fallback,
          endedAttempts: ended.get(id) ?? 0,
        })),
      };
    },
  );

  app.post(
    '/help/deflections',
    {
      schema: {
        tags,
        summary: 'A suggestion answered the customer: they stopped opening a ticket',
        body: Type.Object(
          {
            articleId: Type.String({ format: 'uuid' }),
            surface: Type.Union([Type.Literal('ticket_form'), Type.Literal('contact'), Type.Literal('chat')]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireCustomer(request);
      if (!(await isPublished(db, request.body.articleId))) throw new AppError('not_found');
      await recordDeflection(db, { ...request.body, customerId: me.customerId });
      return reply.status(201).send({ ok: true });
    },
  );
}
