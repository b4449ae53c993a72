import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { requireAgent, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { CHANNELS, PRIORITIES } from '../tickets/model.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { TicketRef } from '../tickets/schemas.ts';
import { CHINA_DATA_UNTIL } from './holidays-cn.ts';
import { registerHolidayImportRoute } from './import-days.ts';
import { forgetSlaConfig } from './new-ticket.ts';
import { slaRecompute } from './recompute.ts';
import { computeTicketSla } from './refresh.ts';
import { slaCalendarDays, slaCalendars, slaPolicies, ticketSlaTargets } from './schema.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
const Weekly = Type.Record(
  Type.String({ pattern: '^[1-7]$' }),
  Type.Array(Type.Tuple([Time, Time]), { maxItems: 4 }),
);
const CalendarBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    weekly: Weekly,
    holidaySource: Type.Union([Type.Literal('cn'), Type.Null()]),
    teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    isDefault: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
const Minutes = Type.Union([Type.Integer({ minimum: 1, maximum: 525_600 }), Type.Null()]);
const PolicyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    position: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    categoryIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100, default: [] }),
    priorities: Type.Array(Type.Union(PRIORITIES.map((p) => Type.Literal(p))), { default: [] }),
    channels: Type.Array(Type.Union(CHANNELS.map((c) => Type.Literal(c))), { default: [] }),
    businessTime: Type.Boolean({ default: true }),
    calendarId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { default: null }),
    firstResponseMinutes: Minutes,
    nextResponseMinutes: Minutes,
    resolutionMinutes: Minutes,
    active: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);

/** A calendar must name a real zone and have working time, each span starting before it ends. */
function checkCalendar(body: { timeZone: string; weekly: Record<string, Array<[string, string]>> }) {
  checkZone(body.timeZone);
  const spans = Object.values(body.weekly).flat();
  if (spans.length === 0)
    throw new AppError('validation_failed', { detail: 'weekly: no working hours at all' });
  const bad = spans.find(([from, to]) => from >= to);
  if (bad)
    throw new AppError('validation_failed', { detail: `weekly: ${bad[0]}–${bad[1]} ends before it starts` });
}

function checkZone(zone: string) {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
  } catch {
    throw new AppError('validation_failed', { detail: `timeZone: unknown zone ${zone}` });
  }
}

/** Service levels and business calendars (admins change them; supervisors may read). */
export function registerSlaRoutes(app: App, { db, jobs }: Services) {
  // Called after each edit's commit: every node forgets its copy, then the open tickets are redone.
  const recompute = (reason: string) => {
    forgetSlaConfig(db);
    return jobs.send(slaRecompute, { reason });
  };
  const tags = ['sla'];
  registerHolidayImportRoute(app, { db, jobs });

  app.get(
    '/sla/calendars',
    { schema: { tags, summary: 'Business calendars with their own days' } },
    async (request) => {
      requireAgent(request, 'supervisor');
      const [calendars, days] = await Promise.all([
        db.select().from(slaCalendars).orderBy(asc(slaCalendars.code)),
        db.select().from(slaCalendarDays).orderBy(asc(slaCalendarDays.day)),
      ]);
      return {
        chinaHolidayDataUntil: CHINA_DATA_UNTIL,
        items: calendars.map((c) => ({ ...c, days: days.filter((d) => d.calendarId === c.id) })),
      };
    },
  );

  app.post(
    '/sla/calendars',
    { schema: { tags, summary: 'Add a calendar', body: CalendarBody } },
    async (request, reply) => {
      requireAgent(request, 'admin');
      checkCalendar(request.body);
      const row = await db.transaction(async (tx) => {
        if (request.body.isDefault) await tx.update(slaCalendars).set({ isDefault: false });
        const [created] = await tx.insert(slaCalendars).values(request.body).returning();
        return created!;
      });
      await recompute('calendar added');
      return reply.status(201).send(row);
    },
  );

  app.put(
    '/sla/calendars/:id',
    { schema: { tags, summary: 'Change a calendar', params: Id, body: CalendarBody } },
    async (request) => {
      requireAgent(request, 'admin');
      checkCalendar(request.body);
      const changed = await db.transaction(async (tx) => {
        if (request.body.isDefault) await tx.update(slaCalendars).set({ isDefault: false });
        const [row] = await tx
          .update(slaCalendars)
          .set(request.body)
          .where(eq(slaCalendars.id, request.params.id))
          .returning();
        if (!row) throw new AppError('not_found');
        await jobs.send(slaRecompute, { reason: 'calendar changed' }, tx);
        return row;
      });
      forgetSlaConfig(db);
      return changed;
    },
  );

  app.put(
    '/sla/calendars/:id/days/:day',
    {
      schema: {
        tags,
        summary: 'Enter a day off or a make-up working day (wins over the holiday package)',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        }),
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
            note: Type.String({ maxLength: 200, default: '' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const { id, day } = request.params;
      const [calendar] = await db
        .select({ id: slaCalendars.id })
        .from(slaCalendars)
        .where(eq(slaCalendars.id, id));
      if (!calendar) throw new AppError('not_found');
      await db
        .insert(slaCalendarDays)
        .values({ calendarId: id, day, ...request.body })
        .onConflictDoUpdate({ target: [slaCalendarDays.calendarId, slaCalendarDays.day], set: request.body });
      await recompute('calendar day entered');
      return { ok: true };
    },
  );

  app.delete(
    '/sla/calendars/:id/days/:day',
    {
      schema: {
        tags,
        summary: 'Remove an entered day',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), day: Type.String() }),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      await db
        .delete(slaCalendarDays)
        .where(
          and(eq(slaCalendarDays.calendarId, request.params.id), eq(slaCalendarDays.day, request.params.day)),
        );
      await recompute('calendar day removed');
      return { ok: true };
    },
  );

  app.get(
    '/sla/policies',
    { schema: { tags, summary: 'Service levels in the order they are tried' } },
    async (request) => {
      requireAgent(request, 'supervisor');
      return { items: await db.select().from(slaPolicies).orderBy(asc(slaPolicies.position)) };
    },
  );

  app.post(
    '/sla/policies',
    { schema: { tags, summary: 'Add a service level', body: PolicyBody } },
    async (request, reply) => {
      requireAgent(request, 'admin');
      const [row] = await db.insert(slaPolicies).values(request.body).returning();
      await recompute('policy added');
      return reply.status(201).send(row);
    },
  );

  app.put(
    '/sla/policies/:id',
    { schema: { tags, summary: 'Change a service level', params: Id, body: PolicyBody } },
    async (request) => {
      requireAgent(request, 'admin');
      const [row] = await db
        .update(slaPolicies)
        .set(request.body)
        .where(eq(slaPolicies.id, request.params.id))
        .returning();
      if (!row) throw new AppError('not_found');
      await recompute('policy changed');
      return row;
    },
  );

  app.get(
    '/tickets/:id/sla',
    { schema: { tags: ['tickets', ...tags], summary: "A ticket's SLA clocks, read now", params: TicketRef } },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      const { policy, readings } = await computeTicketSla(db, id, new Date());
      const stored = await db.select().from(ticketSlaTargets).where(eq(ticketSlaTargets.ticketId, id));
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return {
        policy: policy ? { id: policy.id, name: policy.name, businessTime: policy.businessTime } : null,
        clocks: readings.map((r) => {
          const row = stored.find((s) => s.metric === r.metric);
          return {
            ...r,
            dueAt: iso(r.dueAt),
            warnAt: iso(r.warnAt),
            startedAt: iso(r.startedAt),
            stoppedAt: iso(r.stoppedAt),
            nearNotifiedAt: row?.nearNotifiedAt?.toISOString() ?? null,
            breachNotifiedAt: row?.breachNotifiedAt?.toISOString() ?? null,
          };
        }),
      };
    },
  );
}
