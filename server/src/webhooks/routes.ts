import { isIP } from 'node:net';
import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../audit/record.ts';
import { ConditionList } from '../automations/conditions.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { TicketEventTypes } from '../tickets/schemas.ts';
import { deliverJob, forgetSubscriptions } from './deliveries.ts';
import { webhookAllowedRanges, webhookDeliveries, webhookSubscriptions } from './schema.ts';
import { newSigningSecret, openSigningSecret, sealSigningSecret } from './signing-secret.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  url: Type.String({ minLength: 8, maxLength: 2000 }),
  events: TicketEventTypes,
  match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
  filter: ConditionList,
  active: Type.Boolean(),
};

type Row = typeof webhookSubscriptions.$inferSelect;

/**
 * The secret is shown once, at creation or rotation; afterwards only its last four characters
 * (null, with `secretUnreadable`, when it was sealed under another APP_SECRET: rotate it).
 */
function present(row: Row, appSecret: string, shownOnce?: string) {
  const secret = shownOnce ?? openSigningSecret(appSecret, row.secret);
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    match: row.match,
    filter: row.filter,
    active: row.active,
    secret: shownOnce ?? (secret === null ? null : `…${secret.slice(-4)}`),
    secretUnreadable: secret === null,
    failuresInRow: row.failuresInRow,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Only http(s) URLs without credentials; the address check itself runs at send time, after DNS. */
function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('webhook_target_refused', { reason: 'not a URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('webhook_target_refused', { reason: 'only http and https' });
  if (url.username || url.password)
    throw new AppError('webhook_target_refused', { reason: 'no credentials in the URL' });
  return url.toString();
}

/** Outgoing webhooks: admins subscribe URLs to ticket events, read the delivery log, send again. */
export function registerWebhookRoutes(app: App, { db, jobs, config }: Services) {
  const { appSecret } = config;

  /** Changes a subscription, forgets every node's copy of the subscriptions, audits it. */
  async function change(
    id: string,
    request: FastifyRequest,
    agentId: string,
    action: string,
    set: Partial<typeof webhookSubscriptions.$inferInsert>,
  ) {
    const [row] = await db
      .update(webhookSubscriptions)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    if (!row) throw new AppError('webhook_not_found');
    forgetSubscriptions(db);
    await audit(db, { ...agentActor(agentId, request), action, targetType: 'webhook', targetId: row.id });
    return row;
  }
  const tags = ['webhooks'];

  app.get('/admin/webhooks', { schema: { tags, summary: 'Webhook subscriptions' } }, async (request) => {
    requireAgent(request, 'admin');
    const rows = await db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.createdAt));
    return { items: rows.map((r) => present(r, appSecret)) };
  });

  app.post(
    '/admin/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to ticket events; the answer holds the signing secret, shown this once',
        body: Type.Object(
          {
            name: Fields.name,
            url: Fields.url,
            events: Fields.events,
            match: Type.Optional(Fields.match),
            filter: Type.Optional(Fields.filter),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const secret = newSigningSecret();
      const [row] = await db
        .insert(webhookSubscriptions)
        .values({
          ...request.body,
          url: checkUrl(request.body.url),
          secret: sealSigningSecret(appSecret, secret),
          createdBy: me.agentId,
        })
        .returning();
      forgetSubscriptions(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'webhook.create',
        targetType: 'webhook',
        targetId: row!.id,
      });
      return reply.status(201).send(present(row!, appSecret, secret));
    },
  );

  app.patch(
    '/admin/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a subscription; `active: true` re-enables one that was disabled',
        params: IdParam,
        body: Type.Partial(Type.Object(Fields), { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const body = request.body;
      const row = await change(request.params.id, request, me.agentId, 'webhook.update', {
        ...body,
        ...(body.url ? { url: checkUrl(body.url) } : {}),
        ...(body.active ? { disabledAt: null, disabledReason: null, failuresInRow: 0 } : {}),
      });
      return present(row, appSecret);
    },
  );

  app.post(
    '/admin/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary:
          'Replace the signing secret; the answer shows the new one, once. Deliveries sign with it at once',
        params: IdParam,
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const secret = newSigningSecret();
      const row = await change(request.params.id, request, me.agentId, 'webhook.rotate_secret', {
        secret: sealSigningSecret(appSecret, secret),
      });
      return present(row, appSecret, secret);
    },
  );

  app.delete(
    '/admin/webhooks/:id',
    { schema: { tags, summary: 'Delete a subscription', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .delete(webhookSubscriptions)
        .where(eq(webhookSubscriptions.id, request.params.id))
        .returning({ id: webhookSubscriptions.id });
      if (!rows[0]) throw new AppError('webhook_not_found');
      forgetSubscriptions(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'webhook.delete',
        targetType: 'webhook',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.get(
    '/admin/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log: each delivery with its attempts and response codes',
        params: IdParam,
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.subscriptionId, request.params.id))
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(200);
      return {
        items: rows.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          ticketId: d.ticketId,
          status: d.status,
          attempts: d.attempts,
          log: d.log,
          createdAt: d.createdAt.toISOString(),
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/admin/webhooks/:id/deliveries/:delivery/resend',
    {
      schema: {
        tags,
        summary: 'Send a delivery again (the same body, a fresh signature)',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          delivery: Type.String({ format: 'uuid' }),
        }),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(webhookDeliveries)
          .set({ status: 'pending' })
          .where(
            and(
              eq(webhookDeliveries.id, request.params.delivery),
              eq(webhookDeliveries.subscriptionId, request.params.id),
            ),
          )
          .returning({ id: webhookDeliveries.id });
        if (!row) throw new AppError('not_found');
        await jobs.send(deliverJob, { deliveryId: row.id, manual: true }, tx);
      });
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'webhook.resend',
        targetType: 'webhook_delivery',
        targetId: request.params.delivery,
      });
      return reply.status(202).send({ ok: true });
    },
  );

  app.get(
    '/admin/webhooks/allowed-ranges',
    { schema: { tags, summary: 'Private ranges webhooks may reach' } },
    async (request) => {
      requireAgent(request, 'admin');
      return { items: await db.select().from(webhookAllowedRanges) };
    },
  );

  app.put(
    '/admin/webhooks/allowed-ranges',
    {
      schema: {
        tags,
        summary: 'Allow a private range (CIDR) for an on-premise receiver',
        body: Type.Object(
          {
            cidr: Type.String({ minLength: 3, maxLength: 64 }),
            note: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const [net, bits] = request.body.cidr.split('/');
      const family = isIP(net ?? '');
      const max = family === 4 ? 32 : 128;
      if (!family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max)))
        throw new AppError('validation_failed', { detail: 'cidr: not an address range' });
      await db
        .insert(webhookAllowedRanges)
        .values({ cidr: request.body.cidr, note: request.body.note ?? '', createdBy: me.agentId })
        .onConflictDoUpdate({ target: webhookAllowedRanges.cidr, set: { note: request.body.note ?? '' } });
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'webhook.allow_range',
        targetType: 'cidr',
        data: { cidr: request.body.cidr },
      });
      return { ok: true };
    },
  );

  // Each send reads the ranges afresh, so a removed range is refused from the next attempt on.
  app.delete(
    '/admin/webhooks/allowed-ranges',
    {
      schema: {
        tags,
        summary: 'Stop allowing a private range (the next delivery to it is refused)',
        querystring: Type.Object(
          { cidr: Type.String({ minLength: 3, maxLength: 64 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const removed = await db
        .delete(webhookAllowedRanges)
        .where(eq(webhookAllowedRanges.cidr, request.query.cidr))
        .returning({ cidr: webhookAllowedRanges.cidr });
      if (removed.length === 0) throw new AppError('not_found');
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'webhook.disallow_range',
        targetType: 'cidr',
        data: { cidr: request.query.cidr },
      });
      return { ok: true };
    },
  );
}
