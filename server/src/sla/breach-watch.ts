import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type AgentNotice, notifyAgents, teamSupervisors } from '../notifications/agent-notices.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { SlaMetric } from './clock.ts';
import { recomputeOpenTickets, slaRecompute } from './recompute.ts';
import { ticketSlaTargets } from './schema.ts';

/** Looks for clocks that crossed their warning or due time. Any node may run it, any number of times. */
export const slaScan = defineJob<{ at?: string }>({ name: 'sla.scan', retryLimit: 2, retryDelaySeconds: 10 });

/** How often each node asks for a scan; the marks make extra scans harmless. */
const SCAN_EVERY_MS = 60_000;

const METRIC_NAMES: Record<SlaMetric, [zh: string, en: string]> = {
  first_response: ['首次响应', 'first response'],
  next_response: ['后续响应', 'next response'],
  resolution: ['解决', 'resolution'],
};

/**
 * Marks clocks near breach and breached and notifies the assignee and the team's supervisors.
 * The marks are conditional updates (`… is null`), so with several nodes scanning at once each
 * warning is claimed by exactly one of them; the notices go in the same transaction.
 */
export async function markSlaWarnings(
  db: Db,
  now: Date = new Date(),
): Promise<{ near: number; breached: number }> {
  return db.transaction(async (tx) => {
    const near = await tx
      .update(ticketSlaTargets)
      .set({ nearNotifiedAt: now })
      .where(
        and(
          eq(ticketSlaTargets.state, 'running'),
          lte(ticketSlaTargets.warnAt, now),
          gt(ticketSlaTargets.dueAt, now),
          isNull(ticketSlaTargets.nearNotifiedAt),
        ),
      )
      .returning({
        ticketId: ticketSlaTargets.ticketId,
        metric: ticketSlaTargets.metric,
        dueAt: ticketSlaTargets.dueAt,
      });
    const breached = await tx
      .update(ticketSlaTargets)
      .set({
        breachNotifiedAt: now,
        nearNotifiedAt: sql`coalesce(${ticketSlaTargets.nearNotifiedAt}, ${now})`,
        state: 'breached',
      })
      .where(
        and(
          inArray(ticketSlaTargets.state, ['running', 'breached']),
          lte(ticketSlaTargets.dueAt, now),
          isNull(ticketSlaTargets.breachNotifiedAt),
        ),
      )
      .returning({
        ticketId: ticketSlaTargets.ticketId,
        metric: ticketSlaTargets.metric,
        dueAt: ticketSlaTargets.dueAt,
      });

    const notices: AgentNotice[] = [];
    const marked = [
      ...near.map((r) => ({ ...r, kind: 'sla_near' as const })),
      ...breached.map((r) => ({ ...r, kind: 'sla_breached' as const })),
    ];
    for (const mark of marked) {
      const [ticket] = await tx
        .select({
          number: tickets.number,
          title: tickets.title,
          assigneeId: tickets.assigneeId,
          teamId: tickets.teamId,
        })
        .from(tickets)
        .where(eq(tickets.id, mark.ticketId));
      if (!ticket) continue;
      const [zh, en] = METRIC_NAMES[mark.metric];
      const word = mark.kind === 'sla_near' ? ['即将超时', 'due soon'] : ['已超时', 'overdue'];
      const recipients = new Set([
        ...(ticket.assigneeId ? [ticket.assigneeId] : []),
        ...(await teamSupervisors(tx, ticket.teamId)),
      ]);
      for (const agentId of recipients) {
        notices.push({
          agentId,
          ticketId: mark.ticketId,
          kind: mark.kind,
          sourceKey: `${mark.metric}@${mark.dueAt?.toISOString() ?? ''}`,
          title: `${formatTicketNumber(ticket.number)} ${zh}${word[0]} · ${en} ${word[1]}`,
          body: ticket.title,
        });
      }
    }
    await notifyAgents(tx, notices);
    return { near: near.length, breached: breached.length };
  });
}

/** Handles scans (asking for one every minute while the app runs) and recomputations. */
export function registerSlaJobs({ jobs, db, logger }: Services) {
  jobs.handle(slaRecompute, async ({ reason }) => {
    const count = await recomputeOpenTickets(db);
    logger.info({ count, reason }, 'SLA due times recomputed');
  });
  jobs.handle(slaScan, async () => {
    const result = await markSlaWarnings(db);
    if (result.near || result.breached) logger.info(result, 'SLA warnings raised');
  });
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      timer = setInterval(() => {
        jobs
          .send(slaScan, { at: new Date().toISOString() })
          .catch((err) => logger.warn({ err }, 'SLA scan not queued'));
      }, SCAN_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
