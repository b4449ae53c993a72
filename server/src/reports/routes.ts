import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { CHANNELS } from '../tickets/model.ts';
import { toCsv } from './csv.ts';
import { PLANNED_SECTIONS, REPORT_SECTIONS, type ReportSection } from './sections.ts';
import type { GroupBy, ReportFilters } from './ticket-report.ts';
import { ticketTrend } from './ticket-trend.ts';

const DAY = 24 * 3600_000;
const MAX_DAYS = 400;

const Query = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date-time', description: 'Start (inclusive); default 30 days ago' }),
  ),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'End (exclusive); default now' })),
  teamId: Type.Optional(Type.String({ format: 'uuid' })),
  channel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
  categoryId: Type.Optional(Type.String({ format: 'uuid' })),
  groupBy: Type.Union([Type.Literal('total'), Type.Literal('team'), Type.Literal('agent')], {
    default: 'team',
  }),
});
const Section = Type.Object({ section: Type.String({ maxLength: 40 }) });

type Query = {
  from?: string;
  to?: string;
  teamId?: string;
  channel?: (typeof CHANNELS)[number];
  categoryId?: string;
};

function filtersOf(q: Query): ReportFilters {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (!(from < to)) throw new AppError('report_period_invalid', { detail: 'from must be before to' });
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY)
    throw new AppError('report_period_invalid', { detail: `at most ${MAX_DAYS} days` });
  return { from, to, teamId: q.teamId, channel: q.channel, categoryId: q.categoryId };
}

function sectionOf(request: FastifyRequest<{ Params: { section: string } }>): ReportSection {
  const section = REPORT_SECTIONS.get(request.params.section);
  if (!section) throw new AppError('not_found');
  return section;
}

/** Reports for supervisors and admins: JSON for the screen's tables and charts, CSV for Excel. */
export function registerReportRoutes(app: App, { db }: Services) {
  const tags = ['reports'];

  app.get('/reports', { schema: { tags, summary: 'The report tables there are' } }, async (request) => {
    requireAgent(request, 'supervisor');
    return {
      sections: [
        ...[...REPORT_SECTIONS.keys()].map((name) => ({ name, available: true })),
        ...PLANNED_SECTIONS.filter((name) => !REPORT_SECTIONS.has(name)).map((name) => ({
          name,
          available: false,
        })),
      ],
    };
  });

  app.get(
    '/reports/:section',
    {
      schema: {
        tags,
        summary: 'One report table for a period, team, channel and category',
        params: Section,
        querystring: Query,
      },
    },
    async (request) => {
      requireAgent(request, 'supervisor');
      const section = sectionOf(request);
      const filters = filtersOf(request.query);
      const groupBy = request.query.groupBy as GroupBy;
      return {
        section: section.name,
        period: { from: filters.from.toISOString(), to: filters.to.toISOString() },
        filters: {
          teamId: filters.teamId ?? null,
          channel: filters.channel ?? null,
          categoryId: filters.categoryId ?? null,
        },
        groupBy,
        rows: await section.rows(db, filters, groupBy),
      };
    },
  );

  app.get(
    '/reports/tickets/trend',
    {
      schema: {
        tags,
        summary: 'Created, solved and reopened per day or week (chart series)',
        querystring: Type.Object({
          ...Query.properties,
          interval: Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' }),
          timeZone: Type.String({ default: 'Asia/Shanghai', maxLength: 64 }),
        }),
      },
    },
    async (request) => {
      requireAgent(request, 'supervisor');
      const filters = filtersOf(request.query);
      const { interval, timeZone } = request.query;
      try {
        Temporal.Now.zonedDateTimeISO(timeZone);
      } catch {
        throw new AppError('validation_failed', { detail: `timeZone: unknown zone ${timeZone}` });
      }
      return { interval, timeZone, points: await ticketTrend(db, filters, interval, timeZone) };
    },
  );

  app.get(
    '/reports/:section/export.csv',
    {
      schema: {
        tags,
        summary: 'The same table as CSV (UTF-8 with BOM)',
        params: Section,
        querystring: Query,
      },
    },
    async (request, reply) => {
      requireAgent(request, 'supervisor');
      const section = sectionOf(request);
      const filters = filtersOf(request.query);
      const rows = await section.rows(db, filters, request.query.groupBy as GroupBy);
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const file = `kefu-${section.name}-${request.query.groupBy}-${day(filters.from)}-${day(filters.to)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(
          toCsv(
            section.csvHeader,
            rows.map((row) => section.csvRow(row)),
          ),
        );
    },
  );
}
