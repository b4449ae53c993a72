import { eq, inArray, sql } from 'drizzle-orm';
import { type Action, applyPlan, loadActionTicket, planActions } from '../automations/actions.ts';
import type { Db } from '../db/client.ts';
import type { Role, StaffPrincipal } from '../identity/principal.ts';
import { agents } from '../identity/schema.ts';
import { linkToIncident } from '../incidents/commands.ts';
import { refusePersonalReplyOnIncident } from '../incidents/screen.ts';
import { macros } from '../macros/schema.ts';
import { AppError } from '../platform/errors.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import { requireTicketWork } from '../tickets/work-access.ts';
import { type BulkAction, type BulkFailure, bulkJobs } from './schema.ts';

/** Tickets per batch: each batch's progress is stored, and a retried job resumes after it. */
export const BULK_BATCH = 25;

export const bulkJob = defineJob<{ bulkId: string }>({
  name: 'bulk.run',
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: 15 * 60,
});

/** The actions' module speaks for the simple changes, so a bulk change is what a macro's would be. */
function actionsOf(action: BulkAction): Action[] {
  switch (action.type) {
    case 'status':
    case 'priority':
    case 'team':
    case 'assignee':
      return [action as Action];
    case 'add_tags':
    case 'remove_tags':
      return [action];
    default:
      return [];
  }
}

/**
 * Works a bulk action through its selection in batches: each ticket in its own transaction
 * (one refused ticket — another team's, a status it cannot take — is a failure in the log, not
 * the end of the run), each change through the ticket commands (history, events, subscribers),
 * progress stored after every batch.
 */
export function registerBulkJob({ db, jobs }: Services): void {
  jobs.handle(bulkJob, async ({ bulkId }) => {
    const [bulk] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, bulkId));
    if (!bulk || bulk.state === 'finished') return;
    const actor = { actorType: 'agent' as const, actorId: bulk.agentId };
    let macroActions: Action[] | null = null;
    if (bulk.action.type === 'macro') {
      const macroId = bulk.action.macroId;
      const [macro] = await db.select({ actions: macros.actions }).from(macros).where(eq(macros.id, macroId));
      macroActions = macro?.actions ?? [];
    }
    await db.update(bulkJobs).set({ state: 'running' }).where(eq(bulkJobs.id, bulkId));
    for (let at = bulk.done; at < bulk.ticketIds.length; at += BULK_BATCH) {
      const batch = bulk.ticketIds.slice(at, at + BULK_BATCH);
      const failures: BulkFailure[] = [];
      let changed = 0;
      // The agent as they are now, before each batch: a run of 2,000 tickets takes minutes, and
      // an agent deactivated (or moved to a lesser role) meanwhile must not go on changing tickets.
      const who = await currentAgent(db, bulk.agentId);
      if (!who) {
        await refuseTheRest(db, bulkId, bulk.ticketIds.slice(at));
        return;
      }
      for (const ticketId of batch) {
        try {
          await requireTicketWork(db, who, [ticketId]);
          if (bulk.action.type === 'link_incident') {
            changed += await linkToIncident(db, jobs, bulk.action.incident, [ticketId], actor);
            continue;
          }
          if (macroActions) await refusePersonalReplyOnIncident(db, ticketId, macroActions);
          const did = await db.transaction(async (tx) => {
            const ticket = await loadActionTicket(tx, ticketId);
            if (!ticket) throw new AppError('ticket_not_found');
            const plan = await planActions(tx, ticket, macroActions ?? actionsOf(bulk.action), {
              agentId: bulk.agentId,
            });
            if (!plan.reply && plan.notes.length === 0 && plan.diff.length === 0) return false;
            await applyPlan(tx, jobs, ticket, plan, actor);
            if (bulk.action.type === 'macro') {
              await tx
                .update(macros)
                .set({ usageCount: sql`${macros.usageCount} + 1`, lastUsedAt: new Date() })
                .where(eq(macros.id, bulk.action.macroId));
            }
            return true;
          });
          if (did) changed++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const [row] = await db
            .select({ number: tickets.number })
            .from(tickets)
            .where(eq(tickets.id, ticketId));
          failures.push({
            ticketId,
            number: row ? formatTicketNumber(row.number) : ticketId,
            code: err.code,
            params: err.params,
          });
        }
      }
      await db
        .update(bulkJobs)
        .set({
          done: at + batch.length,
          changed: sql`${bulkJobs.changed} + ${changed}`,
          failures: sql`${bulkJobs.failures} || ${JSON.stringify(failures)}::jsonb`,
        })
        .where(eq(bulkJobs.id, bulkId));
    }
    await db
      .update(bulkJobs)
      .set({ state: 'finished', finishedAt: new Date() })
      .where(eq(bulkJobs.id, bulkId));
  });
}

/** The agent who started a bulk action, as a principal, while they may still act; else null. */
async function currentAgent(db: Db, agentId: string): Promise<StaffPrincipal | null> {
  const [row] = await db
    .select({ role: agents.role, disabledAt: agents.disabledAt })
    .from(agents)
    .where(eq(agents.id, agentId));
  if (!row || row.disabledAt) return null;
  return { kind: 'agent', agentId, role: row.role as Role, sessionId: 'bulk' };
}

/** Ends a run whose agent may no longer act: every ticket not reached yet is a `forbidden` failure. */
async function refuseTheRest(db: Db, bulkId: string, ticketIds: string[]): Promise<void> {
  const rows = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(inArray(tickets.id, ticketIds));
  const numbers = new Map(rows.map((r) => [r.id, formatTicketNumber(r.number)]));
  const failures: BulkFailure[] = ticketIds.map((ticketId) => ({
    ticketId,
    number: numbers.get(ticketId) ?? ticketId,
    code: 'forbidden',
    params: {},
  }));
  await db
    .update(bulkJobs)
    .set({
      done: sql`${bulkJobs.total}`,
      failures: sql`${bulkJobs.failures} || ${JSON.stringify(failures)}::jsonb`,
      state: 'finished',
      finishedAt: new Date(),
    })
    .where(eq(bulkJobs.id, bulkId));
}
