import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { editor, Id, Ids, Slug, strict, tags } from './admin-common.ts';
import { helpCategories, helpSections } from './schema.ts';

const SectionBody = {
  slug: Slug,
  titleZh: Type.String({ minLength: 1, maxLength: 100 }),
  titleEn: Type.String({ minLength: 1, maxLength: 100 }),
  position: Type.Optional(Type.Integer()),
};
const CategoryBody = {
  sectionId: Type.String({ format: 'uuid' }),
  slug: Slug,
  titleZh: Type.String({ minLength: 1, maxLength: 100 }),
  titleEn: Type.String({ minLength: 1, maxLength: 100 }),
  descriptionZh: Type.Optional(Type.String({ maxLength: 500 })),
  descriptionEn: Type.Optional(Type.String({ maxLength: 500 })),
  position: Type.Optional(Type.Integer()),
};

/** Positions in the given order (the admin screen's move up / down sends the whole list). */
async function reorder(db: Executor, table: typeof helpSections | typeof helpCategories, ids: string[]) {
  for (const [position, id] of ids.entries())
    await db.update(table).set({ position }).where(eq(table.id, id));
}

/** Sections and categories: the help center's structure. */
export function registerHelpStructureRoutes(app: App, { db }: Services) {
  app.get(
    '/help/admin/structure',
    { schema: { tags, summary: 'Every section with its categories, in order' } },
    async (request) => {
      editor(request);
      const sections = await db.select().from(helpSections).orderBy(asc(helpSections.position));
      const categories = await db.select().from(helpCategories).orderBy(asc(helpCategories.position));
      return {
        sections: sections.map((s) => ({ ...s, categories: categories.filter((c) => c.sectionId === s.id) })),
      };
    },
  );

  app.post(
    '/help/admin/sections',
    { schema: { tags, summary: 'Create a section', body: Type.Object(SectionBody, strict) } },
    async (request, reply) => {
      editor(request);
      const [row] = await db.insert(helpSections).values(request.body).onConflictDoNothing().returning();
      if (!row) throw new AppError('conflict', { detail: 'slug' });
      return reply.status(201).send(row);
    },
  );
  app.patch(
    '/help/admin/sections/:id',
    {
      schema: {
        tags,
        summary: 'Rename or move a section',
        params: Id,
        body: Type.Partial(Type.Object(SectionBody), strict),
      },
    },
    async (request) => {
      editor(request);
      const [row] = await db
        .update(helpSections)
        .set(request.body)
        .where(eq(helpSections.id, request.params.id))
        .returning();
      if (!row) throw new AppError('help_section_not_found');
      return row;
    },
  );
  app.post(
    '/help/admin/sections/reorder',
    { schema: { tags, summary: 'Set the order of the sections', body: Ids } },
    async (request) => {
      editor(request);
      await reorder(db, helpSections, request.body.ids);
      return { ok: true };
    },
  );

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
        body: Type.Partial(Type.Object(CategoryBody), strict),
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
  app.post(
    '/help/admin/categories/reorder',
    { schema: { tags, summary: 'Set the order of categories (within their sections)', body: Ids } },
    async (request) => {
      editor(request);
      await reorder(db, helpCategories, request.body.ids);
      return { ok: true };
    },
  );
}
