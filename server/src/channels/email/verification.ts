import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { formatTicketNumber } from '../../tickets/model.ts';
import { tickets } from '../../tickets/schema.ts';
import { emailVerificationCodes } from './schema.ts';

// No 0/O, 1/I/L: the code is read from a mail and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new code like "7QMX-4KPA" (8 characters, ~39 bits): short to type, not worth guessing. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Typed by a person: case, spaces and the dash do not matter. */
export function normaliseVerificationCode(input: string): string | null {
  const bare = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[2-9A-HJ-NP-Z]{8}$/.test(bare)) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}

export async function storeVerificationCode(
  tx: Executor,
  row: { code: string; sentTo: string; ticketId: string | null; rfcMessageId: string },
): Promise<void> {
  await tx.insert(emailVerificationCodes).values(row);
}

/**
 * Whether a mail carrying `code` really came from this desk: to whom, about which ticket, when.
 * The official-channel verify page (safety) calls this; a code Kefu never sent answers null.
 */
export async function lookupVerificationCode(db: Executor, code: string) {
  const normal = normaliseVerificationCode(code);
  if (!normal) return null;
  const [row] = await db
    .select({
      code: emailVerificationCodes.code,
      sentTo: emailVerificationCodes.sentTo,
      sentAt: emailVerificationCodes.sentAt,
      ticketNumber: tickets.number,
    })
    .from(emailVerificationCodes)
    .leftJoin(tickets, eq(tickets.id, emailVerificationCodes.ticketId))
    .where(eq(emailVerificationCodes.code, normal));
  if (!row) return null;
  return {
    code: row.code,
    sentTo: row.sentTo,
    sentAt: row.sentAt,
    ticketNumber: row.ticketNumber === null ? null : formatTicketNumber(row.ticketNumber),
  };
}
