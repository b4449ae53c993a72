import { Type } from '@fastify/type-provider-typebox';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { actorOf, requireStaff, type StaffPrincipal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { tickets } from '../tickets/schema.ts';
import { requireTicketWork } from '../tickets/work-access.ts';
import { liveBanners } from './banner.ts';
import { linkToIncident, markIncident, replyToIncident, unlinkFromIncident } from './commands.ts';
import { incidentLinks, incidents } from './schema.ts';
import { screenedBanners, screenedReply } from './screen.ts';

const Ref = Type.String({ minLength: 1, maxLength: 64, description: 'KF-000123 or the ticket id' });
const Banner = Type.String({ maxLength: 300 });
const Settings = Type.Object(
  { public: Type.Optional(Type.Boolean()), bannerZh: Type.Optional(Banner), bannerEn: Type.Optional(Banner) },
  { additionalProperties: false },
);

async function ticketOf(db: Db, ref: string): Promise<string> {
  const id = await resolveTicketId(db, ref);
  if (!id) throw new AppError('ticket_not_found');
  return id;
}

async function incidentOf(db: Db, ref: string): Promise<string> {
  const id = await ticketOf(db, ref);
  const [row] = await db.select({ id: incidents.ticketId }).from(incidents).where(eq(incidents.ticketId, id));
  if (!row) throw new AppError('incident_not_found');
  return id;
}

/** The incident as the workspace shows it: its ticket, banner, linked count. */
async function presentIncident(db: Db, id: string) {
  const [row] = await db
    .select({
      id: incidents.ticketId,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      public: incidents.public,
      bannerZh: incidents.bannerZh,
      bannerEn: incidents.bannerEn,
      createdAt: incidents.createdAt,
    })
    .from(incidents)
    .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
    .where(eq(incidents.ticketId, id));
  if (!row) return null;
  const [linked] = await db
    .select({ n: count() })
    .from(incidentLinks)
    .where(eq(incidentLinks.incidentId, id));
  return {
    ...row,
    number: formatTicketNumber(row.number),
    createdAt: row.createdAt.toISOString(),
    linkedCount: Number(linked?.n ?? 0),
  };
}

function authorOf(who: StaffPrincipal) {
  return who.kind === 'agent'
    ? { authorType: 'agent' as const, authorId: who.agentId }
    : { authorType: 'integration' as const, authorId: who.tokenId };
}

/**
 * Incidents (problem tickets). Every route: a staff member who may work the tickets concerned
 * (tickets/work-access.ts), then one command, whose events the subscribers follow.
 */
export function registerIncidentRoutes(app: App, { db, jobs }: Services) {
  const tags = ['incidents'];

  app.get(
    '/incidents',
    { schema: { tags, summary: 'The open incidents, newest first' } },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const rows = await db
        .select({ id: incidents.ticketId })
        .from(incidents)
        .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
        .where(inArray(tickets.status, ['new', 'open', 'pending', 'on_hold']))
        .orderBy(desc(incidents.createdAt))
        .limit(100);
      return { items: (await Promise.all(rows.map((r) => presentIncident(db, r.id)))).filter(Boolean) };
    },
  );

  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Make a ticket an incident (or change its banner)',
        body: Type.Object({ ticket: Ref, ...Settings.properties }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await ticketOf(db, request.body.ticket);
      await requireTicketWork(db, who, [id]);
      const { ticket: _ticket, ...settings } = request.body;
      const checked = await screenedBanners(db, who, id, settings);
      await markIncident(db, id, checked, who.kind === 'agent' ? who.agentId : null);
      await audit(db, {
        ...auditActor(who),
        action: 'incident.mark',
        targetType: 'ticket',
        targetId: id,
        ip: request.ip,
      });
      return reply.status(201).send(await presentIncident(db, id));
    },
  );

  app.patch(
    '/incidents/:ticket',
    {
      schema: {
        tags,
        summary: 'Change the banner, or show or hide it',
        params: Type.Object({ ticket: Ref }),
        body: Settings,
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await incidentOf(db, request.params.ticket);
      await requireTicketWork(db, who, [id]);
      await markIncident(db, id, await screenedBanners(db, who, id, request.body), null);
      return presentIncident(db, id);
    },
  );

  app.get(
    '/tickets/:ticket/incident',
    {
      schema: {
        tags,
        summary: 'The incident a ticket is, or is linked to, with the linked tickets',
        params: Type.Object({ ticket: Ref }),
      },
    },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const id = await ticketOf(db, request.params.ticket);
      const [link] = await db
        .select({ incidentId: incidentLinks.incidentId })
        .from(incidentLinks)
        .where(eq(incidentLinks.ticketId, id));
      const self = await presentIncident(db, id);
      const linked = self
        ? await db
            .select({
              id: tickets.id,
              number: tickets.number,
              title: tickets.title,
              status: tickets.status,
              channel: tickets.channel,
              language: customers.language,
            })
            .from(incidentLinks)
            .innerJoin(tickets, eq(tickets.id, incidentLinks.ticketId))
            .innerJoin(customers, eq(customers.id, tickets.customerId))
            .where(eq(incidentLinks.incidentId, id))
            .orderBy(asc(tickets.number))
            .limit(500)
        : [];
      return {
        incident: self,
        linkedTo: link ? await presentIncident(db, link.incidentId) : null,
        linked: linked.map((t) => ({ ...t, number: formatTicketNumber(t.number) })),
      };
    },
  );

  app.post(
    '/incidents/:ticket/links',
    {
      schema: {
        tags,
        summary: 'Link tickets to the incident',
        params: Type.Object({ ticket: Ref }),
        body: Type.Object(
          { tickets: Type.Array(Ref, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await incidentOf(db, request.params.ticket);
      const ids = await Promise.all(request.body.tickets.map((ref) => ticketOf(db, ref)));
      await requireTicketWork(db, who, [id, ...ids]);
      const linked = await linkToIncident(db, jobs, id, ids, actorOf(who));
      return { linked, incident: await presentIncident(db, id) };
    },
  );

  app.delete(
    '/incidents/:ticket/links/:linked',
    { schema: { tags, summary: 'Unlink a ticket', params: Type.Object({ ticket: Ref, linked: Ref }) } },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await incidentOf(db, request.params.ticket);
      const linked = await ticketOf(db, request.params.linked);
      await requireTicketWork(db, who, [id, linked]);
      const [link] = await db
        .select()
        .from(incidentLinks)
        .where(and(eq(incidentLinks.ticketId, linked), eq(incidentLinks.incidentId, id)));
      if (!link) throw new AppError('not_found');
      await unlinkFromIncident(db, jobs, linked, actorOf(who));
      return { ok: true };
    },
  );

  app.post(
    '/incidents/:ticket/replies',
    {
      schema: {
        tags,
        summary: 'One public reply for the incident and every linked customer, each in their language',
        params: Type.Object({ ticket: Ref }),
        body: Type.Object(
          { zh: Type.String({ maxLength: 20_000 }), en: Type.String({ maxLength: 20_000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await incidentOf(db, request.params.ticket);
      await requireTicketWork(db, who, [id]);
      if (!request.body.zh.trim() && !request.body.en.trim())
        throw new AppError('validation_failed', { detail: 'zh or en: a text is needed' });
      const texts = await screenedReply(db, who, id, request.body);
      const { messageId } = await replyToIncident(db, jobs, id, texts, authorOf(who));
      const [linked] = await db
        .select({ n: count() })
        .from(incidentLinks)
        .where(eq(incidentLinks.incidentId, id));
      return reply.status(201).send({ messageId, linkedCount: Number(linked?.n ?? 0) });
    },
  );

  app.get(
    '/incidents/banner',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The live incident banners for customers (contact page, bot), in the caller’s language',
      },
    },
    async (request) => ({ items: await liveBanners(db, requestLanguage(request)) }),
  );
}

function auditActor(who: StaffPrincipal) {
  return who.kind === 'agent'
    ? { actorType: 'agent' as const, actorId: who.agentId }
    : { actorType: 'integration' as const, actorId: who.tokenId };
}
