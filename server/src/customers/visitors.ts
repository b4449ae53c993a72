import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';

/** A visitor that did nothing for this long after opening its session is forgotten. */
export const UNUSED_VISITOR_MS = 2 * 3600_000;
const WINDOW_MS = 10 * 60_000;

/**
 * New anonymous visitor sessions per network address (VISITOR_SESSIONS_PER_10MIN): each one is a
 * customer row and a session row, free to anyone, so without a limit one caller could fill the
 * database. Counted in the shared limiter (Redis with several nodes).
 */
export async function assertVisitorPace(
  limiter: RateLimiter,
  ip: string,
  perTenMinutes: number,
): Promise<void> {
  const { allowed, retryAfterMs } = await limiter.hit(`visitor-session:${ip}`, perTenMinutes, WINDOW_MS);
  if (!allowed) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new AppError('rate_limited', {}, { headers: { 'retry-after': String(retryAfter) } });
  }
}

/**
 * Deletes visitors that never used their session: created over two hours ago, and nothing but
 * their sessions (deleted with them) refers to them — no ticket, chat, channel contact, inbox
 * message, restriction, help vote or deflection. Anything a visitor did keeps it. One statement,
 * at most `batch` rows, so several nodes sweeping at once only share the work.
 */
export async function sweepUnusedVisitors(db: Db, batch = 1000): Promise<number> {
  const cutoff = new Date(Date.now() - UNUSED_VISITOR_MS).toISOString();
  const result = await db.execute(sql`
    delete from customers c
    where c.id in (
      select v.id from customers v
      where v.is_visitor and v.created_at < ${cutoff}::timestamptz
        and not exists (select 1 from customer_sessions s where s.customer_id = v.id and s.created_at >= ${cutoff}::timestamptz)
        and not exists (select 1 from tickets t where t.customer_id = v.id)
        and not exists (select 1 from chat_sessions x where x.customer_id = v.id)
        and not exists (select 1 from channel_contacts k where k.customer_id = v.id or k.verified_customer_id = v.id)
        and not exists (select 1 from inbox_messages m where m.customer_id = v.id)
        and not exists (select 1 from customer_restrictions r where r.customer_id = v.id)
        and not exists (select 1 from help_votes h where h.customer_id = v.id)
        and not exists (select 1 from help_deflections d where d.customer_id = v.id)
      limit ${batch}
    )
    returning c.id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
