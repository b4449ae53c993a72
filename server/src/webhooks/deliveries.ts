import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { conditionsHold } from '../automations/conditions.ts';
import { settingsCopy } from '../automations/settings-copy.ts';
import { conditionFacts } from '../automations/trigger-context.ts';
import { DestinationRefused, safePost } from '../channels/safe-http.ts';
import type { Db, Executor } from '../db/client.ts';
import { agents } from '../identity/schema.ts';
import { notifyAgents } from '../notifications/agent-notices.ts';
import { defineJob, type Jobs } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import {
  eventId,
  isSideConversationEvent,
  reviveEvents,
  type SerializedTicketEvent,
  serializeEvents,
  TICKET_EVENT_TYPES,
  type TicketEvent,
} from '../tickets/events.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { webhookAllowedRanges, webhookDeliveries, webhookSubscriptions } from './schema.ts';
import { openSigningSecret } from './signing-secret.ts';

/** Failed deliveries in a row (each after all its retries) that disable a subscription. */
export const DISABLE_AFTER_FAILURES = 5;
const TIMEOUT_MS = 10_000;

type Subscription = typeof webhookSubscriptions.$inferSelect;

const copy = settingsCopy('webhook-subscriptions', (db) =>
  db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.active, true), isNull(webhookSubscriptions.disabledAt))),
);

export function forgetSubscriptions(db: Db): void {
  copy.forget(db);
}

/** Sorts a write's events into deliveries (after the commit: the filters read the ticket). */
export const fanOutJob = defineJob<{ events: SerializedTicketEvent[] }>({
  name: 'webhooks.fan-out',
  retryLimit: 4,
  retryDelaySeconds: 3,
});

/** One POST of one delivery; pg-boss retries it with exponential back-off (2 s, 4 s, 8 s …). */
export const deliverJob = defineJob<{ deliveryId: string; manual?: boolean }>({
  name: 'webhooks.deliver',
  retryLimit: 5,
  retryDelaySeconds: 2,
});

/**
 * The body every receiver gets: the event, its ticket's facts, and who did it. No message body
 * of an internal note leaves the desk; public text does (it is what the customer wrote or read).
 * A side conversation's mails are internal like notes, so its events carry what the ticket's
 * history shows (the conversation, its subject, addresses, the reply's verdict) and never a
 * mail's text, either way: a receiver that needs it reads the side conversation through the API
 * with a token, under the same access rules as an agent.
 */
export function payloadOf(event: TicketEvent): Record<string, unknown> {
  const base = {
    id: eventId(event),
    type: event.type,
    occurredAt: event.at.toISOString(),
    ticket: { ...event.ticket, number: formatTicketNumber(event.ticket.number) },
    actor: {
      type: event.actor.actorType,
      id: event.actor.actorId,
      automation: event.actor.automation ?? null,
    },
  };
  if (event.type === 'ticket.created' || event.type === 'message.added') {
    const m = event.message;
    return {
      ...base,
      message: {
        id: m.id,
        seq: m.seq,
        authorType: m.authorType,
        visibility: m.visibility,
        body: m.visibility === 'public' ? m.body : null,
      },
    };
  }
  if (isSideConversationEvent(event.type)) return { ...base, sideConversation: sideConversationOf(event.to) };
  return { ...base, change: { from: event.from, to: event.to } };
}

/** The fields of a side conversation's history row a receiver gets, by name (nothing else). */
function sideConversationOf(to: unknown) {
  const row = (to && typeof to === 'object' ? to : {}) as Record<string, unknown>;
  return {
    id: row.id ?? null,
    subject: row.name ?? null,
    ...(row.to !== undefined ? { to: row.to } : {}),
    // A conversation held in a group on a messaging channel names its platform ("telegram").
    ...(row.via !== undefined ? { via: row.via } : {}),
    ...(row.from !== undefined
      ? { from: row.from, verified: row.verified ?? null, fromParticipant: row.participant ?? null }
      : {}),
  };
}

/**
 * Outgoing webhooks hear every ticket event as a job enqueued in the write's transaction, only
 * when an active subscription wants its type (this node's copy).
 */
export function subscribeWebhooks(services: Services): void {
  subscribeToTicketEvents({
    name: 'webhooks.deliveries',
    mode: 'job',
    events: TICKET_EVENT_TYPES,
    job: fanOutJob,
    wants: async (db, type, ex) => {
      const list = await copy.peek(db, ex);
      return list === null || list.some((s) => s.events.includes(type));
    },
    async jobsFor(events, { db, tx }) {
      const list = await copy.peek(db, tx);
      const wanted = new Set(list ? list.flatMap((s) => s.events) : TICKET_EVENT_TYPES);
      const mine = events.filter((e) => wanted.has(e.type));
      return mine.length ? [{ events: serializeEvents(mine) }] : [];
    },
  });
  const { db, jobs } = services;
  jobs.handle(fanOutJob, async ({ events }) => {
    const subscriptions = await db
      .select()
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.active, true), isNull(webhookSubscriptions.disabledAt)));
    for (const event of reviveEvents(events)) {
      const listening = subscriptions.filter((s) => s.events.includes(event.type));
      if (listening.length === 0) continue;
      const messageId =
        event.type === 'message.added' || event.type === 'ticket.created'
          ? event.message.id
          : (event.messageId ?? null);
      const facts =
        listening.some((s) => s.filter.length > 0) &&
        (await conditionFacts(db, event.ticket.id, { actorType: event.actor.actorType, messageId }));
      await db.transaction(async (tx) => {
        for (const s of listening) {
          if (s.filter.length > 0 && (!facts || !conditionsHold(s.match, s.filter, facts))) continue;
          await enqueueDelivery(tx, jobs, s.id, eventId(event), event, payloadOf(event));
        }
      });
    }
  });
  jobs.handle(deliverJob, (data, attempt) => deliver(services, data, attempt));
}

async function enqueueDelivery(
  tx: Executor,
  jobs: Jobs,
  subscriptionId: string,
  id: string,
  event: TicketEvent,
  payload: Record<string, unknown>,
) {
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({ subscriptionId, eventId: id, eventType: event.type, ticketId: event.ticket.id, payload })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  if (row) await jobs.send(deliverJob, { deliveryId: row.id }, tx);
}

/** A trigger's "send webhook" action: the event to one subscription, whatever it listens to. */
export async function enqueueTriggerWebhook(
  tx: Executor,
  jobs: Jobs,
  subscriptionId: string,
  event: TicketEvent,
  trigger: { id: string; name: string },
) {
  const payload = { ...payloadOf(event), trigger: { id: trigger.id, name: trigger.name } };
  await enqueueDelivery(tx, jobs, subscriptionId, `${eventId(event)}:trigger:${trigger.id}`, event, payload);
}

/**
 * The signature receivers check: `Kefu-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" under the subscription's secret>`.
 */
export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

async function allowedRanges(db: Db): Promise<BlockList> {
  const rows = await db.select({ cidr: webhookAllowedRanges.cidr }).from(webhookAllowedRanges);
  const list = new BlockList();
  for (const { cidr } of rows) {
    const [net, bits] = cidr.split('/');
    const family = isIP(net ?? '');
    if (family)
      list.addSubnet(net!, Number(bits ?? (family === 4 ? 32 : 128)), family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

async function deliver(
  { db, config }: Services,
  { deliveryId }: { deliveryId: string },
  attempt: { retryCount: number },
): Promise<void> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, subscription: webhookSubscriptions })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status === 'delivered') return;
  const { delivery, subscription } = row;
  const body = JSON.stringify(delivery.payload);
  const ranges = await allowedRanges(db);
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  let refused = false;
  const secret = openSigningSecret(config.appSecret, subscription.secret);
  if (!subscription.active || subscription.disabledAt) {
    // Switched off (by an admin, or after too many failures): nothing more goes to that receiver,
    // whoever queued the delivery — a trigger's webhook action, a retry, a resend.
    refused = true;
    error = 'the subscription is off';
  } else if (secret === null) {
    // Sealed under another APP_SECRET: nothing goes out unsigned, nor is retried; rotate it.
    refused = true;
    error = 'the signing secret cannot be opened (APP_SECRET changed): rotate it';
  } else {
    try {
      const res = await safePost(
        new URL(subscription.url),
        body,
        {
          'user-agent': 'Kefu-Webhooks/1',
          'kefu-event': delivery.eventType,
          'kefu-delivery': delivery.id,
          'kefu-signature': signatureHeader(secret, body),
        },
        {
          allowPrivate: false,
          timeoutMs: TIMEOUT_MS,
          allowAddress: (a) => ranges.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'),
        },
      );
      status = res.status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      refused = err instanceof DestinationRefused;
      error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    }
  }
  const entry = { at: new Date(started).toISOString(), status, error, ms: Date.now() - started };
  const ok = error === null;
  const last = ok || refused || attempt.retryCount >= deliverJob.retryLimit;
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        log: sql`${webhookDeliveries.log} || ${JSON.stringify([entry])}::jsonb`,
        status: ok ? 'delivered' : refused ? 'refused' : last ? 'failed' : 'pending',
        ...(ok ? { deliveredAt: new Date() } : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (ok) {
      await tx
        .update(webhookSubscriptions)
        .set({ failuresInRow: 0 })
        .where(eq(webhookSubscriptions.id, subscription.id));
    } else if (last && subscription.active && !subscription.disabledAt) {
      await countFailure(tx, subscription, error ?? 'failed');
    }
  });
  // pg-boss tries again with back-off; the log above keeps each attempt's answer.
  if (!last) throw new Error(`webhook delivery failed: ${error}`);
}

/** A delivery given up: after too many in a row the subscription is disabled and admins told. */
async function countFailure(tx: Executor, subscription: Subscription, reason: string) {
  const [after] = await tx
    .update(webhookSubscriptions)
    .set({ failuresInRow: sql`${webhookSubscriptions.failuresInRow} + 1` })
    .where(eq(webhookSubscriptions.id, subscription.id))
    .returning({ failures: webhookSubscriptions.failuresInRow, disabledAt: webhookSubscriptions.disabledAt });
  if (!after || after.disabledAt || after.failures < DISABLE_AFTER_FAILURES) return;
  await tx
    .update(webhookSubscriptions)
    .set({
      disabledAt: new Date(),
      disabledReason: `${after.failures} deliveries failed in a row: ${reason}`,
    })
    .where(eq(webhookSubscriptions.id, subscription.id));
  const admins = await tx
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.role, 'admin'), isNull(agents.disabledAt)));
  await notifyAgents(
    tx,
    admins.map((a) => ({
      agentId: a.id,
      ticketId: null,
      kind: 'automation' as const,
      sourceKey: `webhook-disabled:${subscription.id}:${Date.now()}`,
      title: `Webhook "${subscription.name}" disabled · Webhook 已停用`,
      body: `${after.failures} deliveries failed in a row (${reason}). ${subscription.url}`,
    })),
  );
}
