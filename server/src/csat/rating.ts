import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { maskSecrets } from '../safety/mask.ts';
import { solvedBy } from '../tickets/attribution.ts';
import { emitTicketEvents } from '../tickets/event-bus.ts';
import { ticketEvents, tickets } from '../tickets/schema.ts';
import { factsOf, recordChanges, recordEvent } from '../tickets/timeline.ts';
import { csatLinkUses, csatRatings } from './schema.ts';

/** A rating may be changed for this long after it was first given. */
export const CHANGEABLE_MS = 7 * 24 * 3600_000;
/** A mailed rating link works for this long. */
export const LINK_VALID_MS = 14 * 24 * 3600_000;

export interface RatingInput {
  score: number;
  comment: string;
  via: 'customer' | 'link';
}

/** Rated once the ticket is solved (or closed, as a chat is when it ends). */
function mayBeRated(status: string) {
  return status === 'solved' || status === 'closed';
}

/** Records or changes the one rating of a ticket. */
export async function rateTicket(db: Db, jobs: Jobs, ticketId: string, input: RatingInput, now = new Date()) {
  return db.transaction((tx) => rateIn(tx, { db, jobs }, ticketId, input, now));
}

async function rateIn(
  tx: Executor,
  ctx: { db: Db; jobs: Jobs },
  ticketId: string,
  input: RatingInput,
  now: Date,
) {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!ticket) throw new AppError('ticket_not_found');
  if (!mayBeRated(ticket.status)) throw new AppError('csat_not_ready');
  const [existing] = await tx.select().from(csatRatings).where(eq(csatRatings.ticketId, ticketId));
  if (existing && now.getTime() - existing.createdAt.getTime() > CHANGEABLE_MS)
    throw new AppError('csat_locked');
  // Credited to the agent who solved it, not whoever holds the ticket now (the reports do the same).
  const [solver] = await tx
    .select({ agentId: solvedBy(sql`now()`) })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  const values = {
    score: input.score,
    // A comment is free text a customer typed: secrets are masked before it is stored (#20.9).
    comment: maskSecrets(input.comment.trim()),
    via: input.via,
    agentId: solver?.agentId ?? null,
    teamId: ticket.teamId,
    updatedAt: now,
  };
  const [row] = existing
    ? await tx.update(csatRatings).set(values).where(eq(csatRatings.ticketId, ticketId)).returning()
    : await tx
        .insert(csatRatings)
        .values({ ...values, ticketId, customerId: ticket.customerId, createdAt: now })
        .returning();
  // In the ticket's timeline (scores only, the comment stays in the rating): the agent's history
  // shows it, and the customer's other devices (a chat page) learn the chat is rated.
  // It is the `ticket.rated` event: triggers and webhooks hear it.
  const events = await recordChanges(
    tx,
    factsOf(ticket),
    { actorType: 'customer', actorId: ticket.customerId },
    [['csat_rating', existing?.score ?? null, input.score]],
    now,
  );
  await emitTicketEvents(tx, ctx, events);
  return presentRating(row!);
}

/**
 * Asks the customer to rate: a `csat_request` event in the ticket's timeline, which a chat's
 * customer receives like any other item (also when replaying after a reconnect). Once per ticket.
 */
export async function requestRating(tx: Executor, ticketId: string): Promise<boolean> {
  const [ticket] = await tx
    .select({ status: tickets.status })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for('update');
  if (!ticket || !mayBeRated(ticket.status)) return false;
  const [asked] = await tx
    .select({ seq: ticketEvents.seq })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'csat_request')))
    .limit(1);
  if (asked) return false;
  await recordEvent(tx, ticketId, { actorType: 'system', actorId: null }, 'csat_request', null, {
    changeableDays: CHANGEABLE_MS / 86_400_000,
  });
  return true;
}

export async function getRating(db: Db, ticketId: string) {
  const [row] = await db.select().from(csatRatings).where(eq(csatRatings.ticketId, ticketId));
  return row ? presentRating(row) : null;
}

function presentRating(row: typeof csatRatings.$inferSelect) {
  return {
    score: row.score,
    comment: row.comment,
    ratedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    changeableUntil: new Date(row.createdAt.getTime() + CHANGEABLE_MS).toISOString(),
  };
}

/**
 * A signed, one-use rating token for the mail, no sign-in needed: `<payload>.<HMAC-SHA256/128>`,
 * the payload being the ticket id, a nonce and the expiry, packed so the link stays short.
 */
export function signRatingToken(secret: string, ticketId: string, now = new Date()): string {
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(Math.floor((now.getTime() + LINK_VALID_MS) / 1000));
  const ticket = Buffer.from(ticketId.replace(/-/g, ''), 'hex');
  const payload = Buffer.concat([ticket, randomBytes(8), expiry]).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

function mac(secret: string, payload: string) {
  return createHmac('sha256', secret)
    .update(`csat:${payload}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** The ticket and nonce of a valid, unexpired token; throws csat_link_invalid otherwise. */
export function verifyRatingToken(
  secret: string,
  token: string,
  now = new Date(),
): { ticketId: string; nonce: string } {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) throw new AppError('csat_link_invalid');
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError('csat_link_invalid');
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 28 || bytes.readUInt32BE(24) * 1000 < now.getTime())
    throw new AppError('csat_link_invalid');
  const hex = bytes.subarray(0, 16).toString('hex');
  const ticketId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ticketId, nonce: bytes.subarray(16, 24).toString('base64url') };
}

/** Rates through a mailed link: the link's nonce is spent in the same transaction as the rating. */
export async function rateByLink(
  db: Db,
  jobs: Jobs,
  secret: string,
  token: string,
  score: number,
  comment: string,
) {
  const { ticketId, nonce } = verifyRatingToken(secret, token);
  // One transaction: when the rating is refused (not solved yet, locked) the link stays unspent.
  return db.transaction(async (tx) => {
    const spent = await tx.insert(csatLinkUses).values({ nonce, ticketId }).onConflictDoNothing().returning();
    if (spent.length === 0) throw new AppError('csat_link_used');
    return rateIn(tx, { db, jobs }, ticketId, { score, comment, via: 'link' }, new Date());
  });
}
