import { Type } from '@fastify/type-provider-typebox';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { editor, Id, Lang, Status, strict, tags } from './admin-common.ts';
import { syncAnnouncementImages } from './images.ts';
import { renderMarkdown } from './render.ts';
import { searchReport } from './report.ts';
import { helpAnnouncements } from './schema.ts';
import { listSynonyms, replaceSynonyms } from './synonyms.ts';

const AnnouncementBody = {
  lang: Lang,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  bodyMd: Type.Optional(Type.String({ maxLength: 20_000 })),
  pinned: Type.Optional(Type.Boolean()),
  status: Type.Optional(Status),
  startsAt: Type.Optional(Type.String({ format: 'date-time' })),
  expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
};
const announcementValues = (b: Partial<{ bodyMd: string; startsAt: string; expiresAt: string | null }>) => ({
  ...(b.bodyMd !== undefined ? { bodyHtml: renderMarkdown(b.bodyMd) } : {}),
  ...(b.startsAt ? { startsAt: new Date(b.startsAt) } : {}),
  ...(b.expiresAt !== undefined ? { expiresAt: b.expiresAt ? new Date(b.expiresAt) : null } : {}),
});

/** Announcements (公告), the synonym groups, and the report of what search failed to answer. */
export function registerHelpContentRoutes(app: App, { db }: Services) {
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
      // With its image links, or not at all.
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(helpAnnouncements)
          .values({ ...rest, ...announcementValues(request.body) })
          .returning();
        await syncAnnouncementImages(tx, created!.id, created!.bodyMd);
        return created!;
      });
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
        body: Type.Partial(Type.Object(AnnouncementBody), strict),
      },
    },
    async (request) => {
      editor(request);
      const { startsAt: _s, expiresAt: _e, ...rest } = request.body;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(helpAnnouncements)
          .set({ ...rest, ...announcementValues(request.body), updatedAt: new Date() })
          .where(eq(helpAnnouncements.id, request.params.id))
          .returning();
        if (!row) throw new AppError('not_found');
        if (request.body.bodyMd !== undefined) await syncAnnouncementImages(tx, row.id, row.bodyMd);
        return row;
      });
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
