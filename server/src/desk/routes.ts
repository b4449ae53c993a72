import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { FIELD_TYPES, fullPattern, MAX_FILES } from '../../../shared/field-rules.ts';
import { audit } from '../audit/record.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { forgetCategories } from './category-cache.ts';
import { type CategoryForm, formProblems } from './category-form.ts';
import { judgePatterns, patternIsSafe, withSafePatterns } from './pattern-safety.ts';
import { categories, teams } from './schema.ts';
import { registerTeamRoutes } from './team-routes.ts';

const FormFieldSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-zA-Z0-9_]{0,63}$' }),
    type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
    labelZh: Type.String({ minLength: 1, maxLength: 100 }),
    labelEn: Type.String({ minLength: 1, maxLength: 100 }),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
    /** For a text field: the whole answer must match (an order or withdrawal id's format). */
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    example: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** For an attachments field: how many files it takes. */
    maxFiles: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FILES })),
  },
  { additionalProperties: false },
);
const PrioritySchema = Type.Union(['low', 'normal', 'high', 'urgent'].map((p) => Type.Literal(p)));
const CategoryBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$' }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    defaultPriority: PrioritySchema,
    customerMayPrioritise: Type.Boolean(),
    form: Type.Object(
      { fields: Type.Array(FormFieldSchema, { maxItems: 50 }) },
      { additionalProperties: false },
    ),
    position: Type.Integer({ minimum: 0, maximum: 10000 }),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);

async function assertUsableForm(form: CategoryForm) {
  await judgePatterns(form.fields);
  // The refusal an admin is most likely to meet gets its own words in their language.
  const unsafe = form.fields.find(
    (f) => f.pattern !== undefined && fullPattern(f.pattern) && !patternIsSafe(f.pattern),
  );
  if (unsafe) throw new AppError('unsafe_pattern', { field: unsafe.key });
  const problems = formProblems(form);
  if (problems.length) throw new AppError('validation_failed', { detail: problems.join('; ') });
}

function presentCategory(c: typeof categories.$inferSelect) {
  // A pattern stored before patterns were checked, and found unsafe, is not handed to the page.
  return { ...c, form: { fields: withSafePatterns(c.form.fields) }, createdAt: c.createdAt.toISOString() };
}

/** Categories (problem types with their forms) and teams. Anyone may read the active categories. */
export function registerDeskRoutes(app: App, services: Services) {
  const { db } = services;
  registerTeamRoutes(app, services);
  // Every stored pattern is judged as the app starts (see pattern-safety.ts); start-up waits for
  // the verdicts at most a second (until then safe-regex2's quick verdict stands in).
  app.addHook('onReady', async () => {
    const rows = await db.select({ form: categories.form }).from(categories);
    const judged = judgePatterns(rows.flatMap((r) => r.form.fields));
    await Promise.race([judged, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  });
  app.get(
    '/categories',
    {
      config: { public: true },
      schema: { tags: ['desk'], summary: 'Active problem categories with their forms' },
    },
    async () => {
      const rows = await db
        .select()
        .from(categories)
        .where(eq(categories.active, true))
        .orderBy(asc(categories.position));
      return { items: rows.map(presentCategory) };
    },
  );

  app.get('/teams', { schema: { tags: ['desk'], summary: 'Teams' } }, async (request) => {
    requireAgent(request);
    const rows = await db.select().from(teams).orderBy(asc(teams.code));
    return { items: rows.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })) };
  });

  app.post(
    '/admin/teams',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a team',
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$' }),
            nameZh: Type.String({ minLength: 1, maxLength: 100 }),
            nameEn: Type.String({ minLength: 1, maxLength: 100 }),
            skills: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, default: [] }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      try {
        const [team] = await db.insert(teams).values(request.body).returning();
        await audit(db, {
          actorType: 'agent',
          actorId: me.agentId,
          action: 'team.create',
          targetType: 'team',
          targetId: team!.id,
        });
        return reply.status(201).send(team);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', { detail: 'code already used' });
        throw err;
      }
    },
  );

  app.get(
    '/admin/categories',
    { schema: { tags: ['admin'], summary: 'Every category, inactive ones too, with its form' } },
    async (request) => {
      requireAgent(request, 'supervisor');
      const rows = await db.select().from(categories).orderBy(asc(categories.position), asc(categories.code));
      return { items: rows.map(presentCategory) };
    },
  );

  app.post(
    '/admin/categories',
    { schema: { tags: ['admin'], summary: 'Create a category with its form', body: CategoryBody } },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      await assertUsableForm(request.body.form);
      try {
        const [row] = await db.insert(categories).values(request.body).returning();
        forgetCategories(db);
        await audit(db, {
          actorType: 'agent',
          actorId: me.agentId,
          action: 'category.create',
          targetType: 'category',
          targetId: row!.id,
        });
        return reply.status(201).send(presentCategory(row!));
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', { detail: 'code already used' });
        throw err;
      }
    },
  );

  app.patch(
    '/admin/categories/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a category (names, team, priority, form, order, active)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Partial(CategoryBody, { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (request.body.form) await assertUsableForm(request.body.form);
      const [row] = await db
        .update(categories)
        .set(request.body)
        .where(eq(categories.id, request.params.id))
        .returning();
      forgetCategories(db);
      if (!row) throw new AppError('category_not_found');
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'category.update',
        targetType: 'category',
        targetId: row.id,
        data: { fields: Object.keys(request.body) },
      });
      return presentCategory(row);
    },
  );
}
