import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { cannedReplies } from './schema.ts';

const Language = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Fields = {
  shortcut: Type.String({ minLength: 1, maxLength: 32, pattern: '^[\\p{L}\\p{N}_.-]+$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
  language: Type.Union([Language, Type.Null()]),
};
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

function present(row: typeof cannedReplies.$inferSelect) {
  return {
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    language: row.language,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Canned replies: every agent lists and uses them; admins write them. */
export function registerCannedRoutes(app: App, { db }: Services) {
  const tags = ['canned replies'];

  app.get(
    '/canned-replies',
    {
      schema: {
        tags,
        summary: 'Canned replies, optionally those whose keyword or title matches `q`',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 64 })),
          language: Type.Optional(Language),
        }),
      },
    },
    async (request) => {
      requireAgent(request);
      const where: SQL[] = [];
      const q = request.query.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(or(ilike(cannedReplies.shortcut, like), ilike(cannedReplies.title, like))!);
      }
      if (request.query.language) {
        where.push(or(eq(cannedReplies.language, request.query.language), isNull(cannedReplies.language))!);
      }
      const rows = await db
        .select()
        .from(cannedReplies)
        .where(where.length ? and(...where) : undefined)
        // Exact keyword first, then keywords that start with what was typed, then the rest.
        .orderBy(
          q ? sql`lower(${cannedReplies.shortcut}) = lower(${q}) desc` : asc(cannedReplies.shortcut),
          q ? sql`lower(${cannedReplies.shortcut}) like lower(${`${q}%`}) desc` : asc(cannedReplies.shortcut),
          asc(cannedReplies.shortcut),
        )
        .limit(100);
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/admin/canned-replies',
    {
      schema: {
        tags,
        summary: 'Create a canned reply',
        body: Type.Object(
          { ...Fields, language: Type.Optional(Fields.language) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const row = await db
        .insert(cannedReplies)
        .values({ ...request.body, language: request.body.language ?? null, createdBy: me.agentId })
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new AppError('canned_shortcut_taken');
          throw err;
        });
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'canned_reply.create',
        targetType: 'canned_reply',
        targetId: row[0]!.id,
        ip: request.ip,
      });
      return reply.status(201).send(present(row[0]!));
    },
  );

  app.patch(
    '/admin/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Change a canned reply',
        params: IdParam,
        body: Type.Object(
          {
            shortcut: Type.Optional(Fields.shortcut),
            title: Type.Optional(Fields.title),
            body: Type.Optional(Fields.body),
            language: Type.Optional(Fields.language),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .update(cannedReplies)
        .set({ ...request.body, updatedAt: new Date() })
        .where(eq(cannedReplies.id, request.params.id))
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new AppError('canned_shortcut_taken');
          throw err;
        });
      if (!rows[0]) throw new AppError('not_found');
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'canned_reply.update',
        targetType: 'canned_reply',
        targetId: rows[0].id,
        ip: request.ip,
      });
      return present(rows[0]);
    },
  );

  app.delete(
    '/admin/canned-replies/:id',
    { schema: { tags, summary: 'Delete a canned reply', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .delete(cannedReplies)
        .where(eq(cannedReplies.id, request.params.id))
        .returning({ id: cannedReplies.id });
      if (!rows[0]) throw new AppError('not_found');
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'canned_reply.delete',
        targetType: 'canned_reply',
        targetId: request.params.id,
        ip: request.ip,
      });
      return { ok: true };
    },
  );
}
