import { eq } from 'drizzle-orm';
import { applyCustomValues, definitionsOf } from '../custom-fields/values.ts';
import type { Db, Tx } from '../db/client.ts';
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { Language } from '../platform/i18n.ts';
import type { Jobs } from '../platform/jobs.ts';
import { statusTimestamps } from './add-message.ts';
import { emitTicketEvents } from './event-bus.ts';
import type { ChangeKind } from './events.ts';
import type { Priority, TicketStatus } from './model.ts';
import { tickets } from './schema.ts';
import { canTransition } from './status.ts';
import { type Actor, factsOf, recordChanges } from './timeline.ts';

export interface TicketChanges {
  status?: TicketStatus;
  priority?: Priority;
  categoryId?: string;
  teamId?: string | null;
  assigneeId?: string | null;
  tags?: string[];
  /** Custom ticket fields to set (key → value; null clears), checked against their definitions. */
  customFields?: Record<string, unknown>;
}

/**
 * Applies a set of property changes in one transaction; each real change becomes one history
 * event, and the write's events go to their subscribers in the same transaction. Changing the
 * category re-routes the ticket to the category's team unless a team is given.
 */
export async function updateTicket(
  db: Db,
  jobs: Jobs,
  ticketId: string,
  changes: TicketChanges,
  actor: Actor,
  lang: Language = 'zh-CN',
): Promise<{ changed: boolean }> {
  return db.transaction((tx) => updateTicketIn(tx, { db, jobs }, ticketId, changes, actor, lang));
}

/**
 * updateTicket inside the caller's transaction `tx`, for a write that must change the ticket with
 * its own rows or not at all (a chat's end and the ticket's solving, chat/agent-actions.ts).
 */
export async function updateTicketIn(
  tx: Tx,
  { db, jobs }: { db: Db; jobs: Jobs },
  ticketId: string,
  changes: TicketChanges,
  actor: Actor,
  lang: Language = 'zh-CN',
): Promise<{ changed: boolean }> {
  const [current] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!current) throw new AppError('ticket_not_found');
  const now = new Date();
  const set: Partial<typeof tickets.$inferInsert> = {};
  const events: Array<[kind: ChangeKind, from: unknown, to: unknown]> = [];

  if (changes.status !== undefined && changes.status !== current.status) {
    if (!canTransition(actor.actorType, current.status, changes.status)) {
      throw new AppError('invalid_transition', { from: current.status, to: changes.status });
    }
    Object.assign(set, statusTimestamps(changes.status, now));
    events.push(['status', current.status, changes.status]);
  }
  if (changes.priority !== undefined && changes.priority !== current.priority) {
    set.priority = changes.priority;
    events.push(['priority', current.priority, changes.priority]);
  }
  let teamId = changes.teamId;
  if (changes.categoryId !== undefined && changes.categoryId !== current.categoryId) {
    const [category] = await tx.select().from(categories).where(eq(categories.id, changes.categoryId));
    if (!category) throw new AppError('category_not_found');
    set.categoryId = category.id;
    events.push(['category', current.categoryId, category.id]);
    if (teamId === undefined) teamId = category.teamId;
  }
  if (teamId !== undefined && teamId !== current.teamId) {
    if (teamId) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
      if (!team) throw new AppError('validation_failed', { detail: 'teamId: unknown team' });
    }
    set.teamId = teamId;
    events.push(['team', current.teamId, teamId]);
  }
  if (changes.assigneeId !== undefined && changes.assigneeId !== current.assigneeId) {
    if (changes.assigneeId) {
      const [agent] = await tx
        .select({ id: agents.id, disabledAt: agents.disabledAt })
        .from(agents)
        .where(eq(agents.id, changes.assigneeId));
      if (!agent || agent.disabledAt)
        throw new AppError('validation_failed', { detail: 'assigneeId: unknown agent' });
    }
    set.assigneeId = changes.assigneeId;
    events.push(['assignee', current.assigneeId, changes.assigneeId]);
  }
  if (changes.tags !== undefined) {
    const next = [...new Set(changes.tags.map((t) => t.trim()).filter(Boolean))].sort();
    const before = [...current.tags].sort();
    if (next.join('\u0000') !== before.join('\u0000')) {
      set.tags = next;
      events.push(['tags', before, next]);
    }
  }
  if (changes.customFields !== undefined && Object.keys(changes.customFields).length > 0) {
    const defs = await definitionsOf(tx, 'ticket');
    const change = applyCustomValues(defs, current.customFields, changes.customFields, lang);
    if (change) {
      set.customFields = change.next;
      // Only the changed keys, from → to: the history row and the event say what moved.
      events.push(['fields', change.from, change.to]);
    }
  }
  if (events.length === 0) return { changed: false };
  await tx
    .update(tickets)
    .set({ ...set, updatedAt: now, lastActivityAt: now })
    .where(eq(tickets.id, ticketId));
  const facts = factsOf({ ...current, ...set });
  const recorded = await recordChanges(tx, facts, actor, events, now);
  await emitTicketEvents(tx, { db, jobs }, recorded);
  return { changed: true };
}
