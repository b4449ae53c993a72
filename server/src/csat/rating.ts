import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { tickets } from '../tickets/schema.ts';
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
export async function rateTicket(db: Db, ticketId: string, input: RatingInput, now = new Date()) {
  return db.transaction((tx) => rateIn(tx, ticketId, input, now));
}

async function rateIn(tx: Executor, ticketId: string, input: RatingInput, now: Date) {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!ticket) throw new AppError('ticket_not_found');
  if (!mayBeRated(ticket.status)) throw new AppError('csat_not_ready');
  const [existing] = await tx.select().from(csatRatings).where(eq(csatRatings.ticketId, ticketId));
  if (existing && now.getTime() - existing.createdAt.getTime() > CHANGEABLE_MS)
    throw new AppError('csat_locked');
  const values = {
    score: input.score,
    comment: input.comment.trim(),
    via: input.via,
    agentId: ticket.assigneeId,
    teamId: ticket.teamId,
    updatedAt: now,
  };
  const [row] = existing
    ? await tx.update(csatRatings).set(values).where(eq(csatRatings.ticketId, ticketId)).returning()
    : await tx
        .insert(csatRatings)
        .values({ ...values, ticketId, customerId: ticket.customerId, createdAt: now })
        .returning();
  return presentRating(row!);
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

/** A signed, one-use rating token for the mail: `<payload>.<HMAC-SHA256>`, no sign-in needed. */
export function signRatingToken(secret: string, ticketId: string, now = new Date()): string {
  const payload = Buffer.from(
    JSON.stringify({
      t: ticketId,
      n: randomBytes(12).toString('base64url'),
      e: now.getTime() + LINK_VALID_MS,
    }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

function mac(secret: string, payload: string) {
  return createHmac('sha256', secret).update(`csat:${payload}`).digest('base64url');
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
  let data: { t?: unknown; n?: unknown; e?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('csat_link_invalid');
  }
  if (
    typeof data.t !== 'string' ||
    typeof data.n !== 'string' ||
    typeof data.e !== 'number' ||
    data.e < now.getTime()
  ) {
    throw new AppError('csat_link_invalid');
  }
  return { ticketId: data.t, nonce: data.n };
}

/** Rates through a mailed link: the link's nonce is spent in the same transaction as the rating. */
export async function rateByLink(db: Db, secret: string, token: string, score: number, comment: string) {
  const { ticketId, nonce } = verifyRatingToken(secret, token);
  // One transaction: when the rating is refused (not solved yet, locked) the link stays unspent.
  return db.transaction(async (tx) => {
    const spent = await tx.insert(csatLinkUses).values({ nonce, ticketId }).onConflictDoNothing().returning();
    if (spent.length === 0) throw new AppError('csat_link_used');
    return rateIn(tx, ticketId, { score, comment, via: 'link' }, new Date());
  });
}
