import { Type } from '@fastify/type-provider-typebox';
import { eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { forgetSlaConfig } from './new-ticket.ts';
import { slaRecompute } from './recompute.ts';
import { slaCalendarDays, slaCalendars } from './schema.ts';

const Day = Type.Object(
  {
    day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/**
 * A year's official schedule (the State Council's holidays and 调休 working days, or any region's)
 * entered at once, for when the bundled holiday data has run out: all days in one transaction and
 * one recomputation of the open tickets' clocks, not one per day.
 */
export function registerHolidayImportRoute(app: App, { db, jobs }: Pick<Services, 'db' | 'jobs'>) {
  app.post(
    '/sla/calendars/:id/days/import',
    {
      schema: {
        tags: ['sla'],
        summary: 'Enter many days off and make-up working days at once (a year’s official schedule)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { days: Type.Array(Day, { minItems: 1, maxItems: 400 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const { days } = request.body;
      for (const d of days) {
        try {
          Temporal.PlainDate.from(d.day, { overflow: 'reject' });
        } catch {
          throw new AppError('validation_failed', { detail: `days: ${d.day} is not a date` });
        }
      }
      const seen = new Set<string>();
      for (const d of days) {
        if (seen.has(d.day)) throw new AppError('validation_failed', { detail: `days: ${d.day} twice` });
        seen.add(d.day);
      }
      const id = request.params.id;
      await db.transaction(async (tx) => {
        const [calendar] = await tx
          .select({ id: slaCalendars.id })
          .from(slaCalendars)
          .where(eq(slaCalendars.id, id));
        if (!calendar) throw new AppError('not_found');
        await tx
          .insert(slaCalendarDays)
          .values(days.map((d) => ({ calendarId: id, day: d.day, kind: d.kind, note: d.note ?? '' })))
          .onConflictDoUpdate({
            target: [slaCalendarDays.calendarId, slaCalendarDays.day],
            set: { kind: sql`excluded.kind`, note: sql`excluded.note` },
          });
        await audit(tx, {
          ...agentActor(who.agentId, request),
          action: 'sla.calendar_days_import',
          targetType: 'sla_calendar',
          targetId: id,
          data: {
            off: days.filter((d) => d.kind === 'off').length,
            work: days.filter((d) => d.kind === 'work').length,
            from: [...seen].sort()[0],
            to: [...seen].sort().at(-1),
          },
        });
        await jobs.send(slaRecompute, { reason: 'calendar days imported' }, tx);
      });
      forgetSlaConfig(db);
      return { imported: days.length };
    },
  );
}
