import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { savedFilters } from './schema.ts';

/** The inbox filter keys a saved filter may hold: the query parameters of GET /tickets. */
const FilterValue = Type.Union([
  Type.String({ maxLength: 200 }),
  Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 }),
]);
const Filters = Type.Object(
  {
    view: Type.Optional(FilterValue),
    status: Type.Optional(FilterValue),
    priority: Type.Optional(FilterValue),
    categoryId: Type.Optional(FilterValue),
    teamId: Type.Optional(FilterValue),
    assignee: Type.Optional(FilterValue),
    tag: Type.Optional(FilterValue),
    channel: Type.Optional(FilterValue),
    q: Type.Optional(FilterValue),
    sort: Type.Optional(FilterValue),
  },
  { additionalProperties: false },
);

function present(row: typeof savedFilters.$inferSelect) {
  return { id: row.id, name: row.name, filters: row.filters, createdAt: row.createdAt.toISOString() };
}

/** An agent's own saved inbox filters: nobody else sees or changes them. */
export function registerSavedFilterRoutes(app: App, { db }: Services) {
  const tags = ['workspace'];

  app.get('/me/saved-filters', { schema: { tags, summary: 'My saved inbox filters' } }, async (request) => {
    const me = requireAgent(request);
    const rows = await db
      .select()
      .from(savedFilters)
      .where(eq(savedFilters.agentId, me.agentId))
      .orderBy(asc(savedFilters.name));
    return { items: rows.map(present) };
  });

  app.post(
    '/me/saved-filters',
    {
      schema: {
        tags,
        summary: 'Save the current inbox filter under a name (replaces one of the same name)',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 60 }), filters: Filters },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request);
      const name = request.body.name.trim();
      if (!name) throw new AppError('validation_failed', { detail: 'name: empty' });
      const [row] = await db
        .insert(savedFilters)
        .values({ agentId: me.agentId, name, filters: request.body.filters })
        .onConflictDoUpdate({
          target: [savedFilters.agentId, savedFilters.name],
          set: { filters: request.body.filters },
        })
        .returning();
      return reply.status(201).send(present(row!));
    },
  );

  app.delete(
    '/me/saved-filters/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of my saved filters',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const rows = await db
        .delete(savedFilters)
        .where(and(eq(savedFilters.id, request.params.id), eq(savedFilters.agentId, me.agentId)))
        .returning({ id: savedFilters.id });
      if (!rows[0]) throw new AppError('not_found');
      return { ok: true };
    },
  );
}
