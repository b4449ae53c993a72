import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { hoursProblem, isOpenAt } from './hours.ts';
import { liveChatFacts } from './live-chat-facts.ts';
import { type ChatFactsSource, recentReplyHours, slaReplyHours, teamOfCategory } from './live-facts.ts';
import { recommendChannel } from './recommend.ts';
import { hotlines } from './schema.ts';

const Region = Type.String({ pattern: '^[A-Za-z]{2}$' });
const HoursSchema = Type.Object(
  {
    always: Type.Optional(Type.Boolean()),
    slots: Type.Array(
      Type.Object(
        {
          days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
          open: Type.String({ maxLength: 5 }),
          close: Type.String({ maxLength: 5 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 14 },
    ),
  },
  { additionalProperties: false },
);
const HotlineBody = Type.Object(
  {
    region: Region,
    number: Type.String({ pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164' }),
    languages: Type.Array(Type.String({ minLength: 2, maxLength: 10 }), { maxItems: 10 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    hours: HoursSchema,
    noteZh: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    noteEn: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

function presentHotline(h: typeof hotlines.$inferSelect, now: Date) {
  return {
    id: h.id,
    region: h.region,
    number: h.number,
    telUrl: `tel:${h.number}`,
    languages: h.languages,
    timeZone: h.timeZone,
    hours: h.hours,
    noteZh: h.noteZh,
    noteEn: h.noteEn,
    openNow: isOpenAt(h.hours, h.timeZone, now),
  };
}

/** The hotline directory (客服热线) and "which channel suits me". */
export function registerContactRoutes(
  app: App,
  { db, config }: Services,
  chatFacts: ChatFactsSource = liveChatFacts(config.chatAgentGraceSeconds),
) {
  async function linesFor(region: string) {
    return db
      .select()
      .from(hotlines)
      .where(and(eq(hotlines.region, region.toUpperCase()), eq(hotlines.active, true)))
      .orderBy(asc(hotlines.position));
  }

  app.get(
    '/contact/hotlines',
    {
      config: { public: true },
      schema: {
        tags: ['contact'],
        summary: 'Phone lines for a region, each with whether it is open now',
        querystring: Type.Object({ region: Region }),
      },
    },
    async (request) => {
      const now = new Date();
      const lines = await linesFor(request.query.region);
      const regions = await db
        .selectDistinct({ region: hotlines.region })
        .from(hotlines)
        .where(eq(hotlines.active, true));
      return {
        region: request.query.region.toUpperCase(),
        lines: lines.map((h) => presentHotline(h, now)),
        none: lines.length === 0,
        regionsWithLines: regions.map((r) => r.region).sort(),
      };
    },
  );

  app.get(
    '/contact/mail-tags',
    {
      config: { public: true },
      schema: {
        tags: ['contact'],
        summary:
          'The subject tags (【tag】 / [tag]) the mail intake files under each category: the contact page writes its mails with these',
      },
    },
    async () => {
      // The one list: the intake reads the same map (config EMAIL_SUBJECT_TAGS or its default).
      const map = config.email?.subjectTags ?? {};
      return { items: Object.entries(map).map(([tag, categoryCode]) => ({ tag, categoryCode })) };
    },
  );

  app.get(
    '/contact/options',
    {
      config: { public: true },
      schema: {
        tags: ['contact'],
        summary:
          'Which channel suits me: a recommendation with its reason, from the situation and live facts',
        querystring: Type.Object({
          categoryId: Type.Optional(Type.String({ format: 'uuid' })),
          region: Type.Optional(Region),
          urgent: Type.Boolean({ default: false }),
          touchesAccount: Type.Boolean({ default: false }),
          needsEvidence: Type.Boolean({ default: false }),
        }),
      },
    },
    async (request) => {
      const { categoryId, region, urgent, touchesAccount, needsEvidence } = request.query;
      const now = new Date();
      const teamId = await teamOfCategory(db, categoryId ?? null);
      const [chat, slaHours, recentHours, lines] = await Promise.all([
        chatFacts(db, teamId),
        slaReplyHours(db, categoryId ?? null, now),
        recentReplyHours(db, categoryId ?? null),
        region ? linesFor(region) : Promise.resolve([]),
      ]);
      const live = {
        chat,
        // The service level promises; recent history speaks only where no policy applies.
        ticketReplyHours: slaHours ?? recentHours,
        hotline: { exists: lines.length > 0, openNow: lines.some((h) => isOpenAt(h.hours, h.timeZone, now)) },
        emailAvailable: true,
        socialAvailable: true,
      };
      return { ...recommendChannel({ urgent, touchesAccount, needsEvidence }, live), live };
    },
  );

  app.get('/admin/hotlines', { schema: { tags: ['admin'], summary: 'Every hotline' } }, async (request) => {
    requireAgent(request, 'admin');
    const now = new Date();
    const rows = await db.select().from(hotlines).orderBy(asc(hotlines.region), asc(hotlines.position));
    return { items: rows.map((h) => ({ ...presentHotline(h, now), active: h.active })) };
  });

  app.post(
    '/admin/hotlines',
    { schema: { tags: ['admin'], summary: 'Add a hotline', body: HotlineBody } },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const problem = hoursProblem(request.body.hours, request.body.timeZone);
      if (problem) throw new AppError('validation_failed', { detail: `hours: ${problem}` });
      const [row] = await db
        .insert(hotlines)
        .values({ ...request.body, region: request.body.region.toUpperCase() })
        .returning();
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'hotline.create',
        targetType: 'hotline',
        targetId: row!.id,
      });
      return reply.status(201).send(presentHotline(row!, new Date()));
    },
  );

  app.patch(
    '/admin/hotlines/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a hotline',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Partial(HotlineBody, { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const [current] = await db.select().from(hotlines).where(eq(hotlines.id, request.params.id));
      if (!current) throw new AppError('not_found');
      const problem = hoursProblem(
        request.body.hours ?? current.hours,
        request.body.timeZone ?? current.timeZone,
      );
      if (problem) throw new AppError('validation_failed', { detail: `hours: ${problem}` });
      const [row] = await db
        .update(hotlines)
        .set({
          ...request.body,
          ...(request.body.region ? { region: request.body.region.toUpperCase() } : {}),
        })
        .where(eq(hotlines.id, request.params.id))
        .returning();
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'hotline.update',
        targetType: 'hotline',
        targetId: row!.id,
      });
      return presentHotline(row!, new Date());
    },
  );

  app.delete(
    '/admin/hotlines/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove a hotline',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .delete(hotlines)
        .where(eq(hotlines.id, request.params.id))
        .returning({ id: hotlines.id });
      if (!rows.length) throw new AppError('not_found');
      await audit(db, {
        actorType: 'agent',
        actorId: me.agentId,
        action: 'hotline.delete',
        targetType: 'hotline',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );
}
