import type { Db } from '../db/client.ts';
import { cached, forget } from '../platform/node-cache.ts';
import type { Channel, Priority } from '../tickets/model.ts';
import { ALWAYS } from './calendar.ts';
import { readClocks } from './clock.ts';
import { businessCalendar, chooseCalendar, choosePolicy, targetValues } from './refresh.ts';
import { slaCalendarDays, slaCalendars, slaPolicies } from './schema.ts';

/**
 * The clocks of a ticket being opened, computed before its insert so they are written by the same
 * statement. Policies and calendars are read on every create and change only when an admin edits
 * them: each node keeps a copy (platform/node-cache.ts), forgotten on every node after an edit.
 * Every edit also recomputes the open tickets (sla.recompute), which repairs a ticket opened in
 * the moment between the commit and the forget reaching a node.
 */
const TOPIC = 'sla-config';
/** The safety net when an edit's forget is lost (Redis restarting); edits normally spread at once. */
const TTL_MS = 60_000;

function slaConfig(db: Db) {
  return cached(db, TOPIC, 'all', TTL_MS, async () => {
    const [policies, calendars, days] = await Promise.all([
      db.select().from(slaPolicies),
      db.select().from(slaCalendars),
      db
        .select({
          calendarId: slaCalendarDays.calendarId,
          day: slaCalendarDays.day,
          kind: slaCalendarDays.kind,
        })
        .from(slaCalendarDays),
    ]);
    // Built once per load, so the calendars' per-date memo (calendar.ts) lasts as long as the copy.
    const built = new Map(
      calendars.map((row) => [
        row.id,
        businessCalendar(
          row,
          days.filter((d) => d.calendarId === row.id),
        ),
      ]),
    );
    return { policies, calendars, built };
  });
}

/** After an admin changes a policy, a calendar or a calendar's day (after the commit). */
export function forgetSlaConfig(db: Db): void {
  forget(db, TOPIC);
}

/** The rows of `ticket_sla_targets` (without the ticket id) of a ticket created at `createdAt`. */
export async function newTicketSlaTargets(
  db: Db,
  ticket: { categoryId: string | null; teamId: string | null; priority: Priority; channel: Channel },
  createdAt: Date,
) {
  const config = await slaConfig(db);
  const policy = choosePolicy(config.policies, ticket);
  if (!policy) return [];
  const row = policy.businessTime ? chooseCalendar(config.calendars, policy, ticket.teamId) : null;
  const calendar = (row && config.built.get(row.id)) || ALWAYS;
  // A ticket being opened has no history yet beyond its opening message.
  const history = { createdAt: createdAt.getTime(), statusChanges: [], publicMessages: [] };
  return readClocks(calendar, policy, history, createdAt.getTime()).map((r) => ({
    metric: r.metric,
    ...targetValues(policy, r, createdAt),
  }));
}
