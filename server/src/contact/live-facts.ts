import { and, count, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agentTeams, categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { addBusinessMs } from '../sla/calendar.ts';
import { choosePolicy, loadCalendar } from '../sla/refresh.ts';
import { slaPolicies } from '../sla/schema.ts';
import type { Priority } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { LiveFacts } from './recommend.ts';

/** The chat side of the live facts; the live-chat module supplies a better estimator when present. */
export interface ChatFacts {
  humanOnShift: boolean;
  queueLength: number;
  estimatedWaitSeconds: number | null;
  /** Outside the team's chat hours: when a person can be reached on chat again (ISO), if known. */
  opensAt: string | null;
}
export type ChatFactsSource = (db: Db, teamId: string | null) => Promise<ChatFacts>;

/**
 * Chat facts from the database alone: a human is on shift when an agent of the team is online;
 * the queue is the team's unassigned open chats. No wait estimate without the live-chat module.
 */
export const chatFactsFromDatabase: ChatFactsSource = async (db, teamId) => {
  const online = await db
    .select({ n: count() })
    .from(agents)
    .innerJoin(agentTeams, eq(agentTeams.agentId, agents.id))
    .where(
      and(
        eq(agents.status, 'online'),
        isNull(agents.disabledAt),
        teamId ? eq(agentTeams.teamId, teamId) : undefined,
      ),
    );
  const queued = await db
    .select({ n: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.channel, 'chat'),
        eq(tickets.status, 'new'),
        isNull(tickets.assigneeId),
        teamId ? eq(tickets.teamId, teamId) : undefined,
      ),
    );
  return {
    humanOnShift: (online[0]?.n ?? 0) > 0,
    queueLength: queued[0]?.n ?? 0,
    estimatedWaitSeconds: null,
    opensAt: null,
  };
};

/** Median hours to the first reply on the category's tickets over the last 30 days, or null. */
export async function recentReplyHours(db: Db, categoryId: string | null): Promise<number | null> {
  const [row] = await db
    .select({
      hours: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${tickets.firstResponseAt} - ${tickets.createdAt})) / 3600`,
      n: count(),
    })
    .from(tickets)
    .where(
      and(
        isNotNull(tickets.firstResponseAt),
        gt(tickets.createdAt, sql`now() - interval '30 days'`),
        categoryId ? eq(tickets.categoryId, categoryId) : undefined,
      ),
    );
  if (!row || row.n < 5 || row.hours === null) return null; // too few to be honest about
  return Math.round(Number(row.hours) * 10) / 10;
}

export async function teamOfCategory(db: Db, categoryId: string | null): Promise<string | null> {
  if (!categoryId) return null;
  const [row] = await db
    .select({ teamId: categories.teamId })
    .from(categories)
    .where(eq(categories.id, categoryId));
  return row?.teamId ?? null;
}

export type { LiveFacts };

/**
 * Hours until the first reply a new web ticket of this category would be due, by the service
 * level that would apply to it (its category's default priority), counted in that policy's
 * business calendar from now: at night or on a holiday this is honestly longer. Null: no policy.
 */
export async function slaReplyHours(
  db: Db,
  categoryId: string | null,
  now = new Date(),
): Promise<number | null> {
  const [category] = categoryId
    ? await db
        .select({ teamId: categories.teamId, priority: categories.defaultPriority })
        .from(categories)
        .where(eq(categories.id, categoryId))
    : [];
  const policies = await db.select().from(slaPolicies);
  const policy = choosePolicy(policies, {
    categoryId,
    priority: (category?.priority ?? 'normal') as Priority,
    channel: 'web',
  });
  if (!policy?.firstResponseMinutes) return null;
  const calendar = await loadCalendar(db, policy, category?.teamId ?? null);
  const due = addBusinessMs(calendar, now.getTime(), policy.firstResponseMinutes * 60_000);
  return Math.max(0.1, Math.round(((due - now.getTime()) / 3600_000) * 10) / 10);
}
