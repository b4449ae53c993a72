import { eq } from 'drizzle-orm';
import { customers } from '../../customers/schema.ts';
import type { Db } from '../../db/client.ts';
import type { TicketStatus } from '../../tickets/model.ts';
import { tickets } from '../../tickets/schema.ts';
import { referencedIds, ticketNumberOfMessageId } from './message-id.ts';
import type { ParsedMail } from './parse.ts';

export interface Thread {
  ticketId: string;
  customerId: string;
  status: TicketStatus;
  via: 'header' | 'subject';
}

const SUBJECT_NUMBER = /[【[]\s*KF-?(\d{1,15})\s*[】\]]/i;

/**
 * The ticket a reply belongs to. A reference to a Message-ID Kefu sent counts only with a valid
 * MAC (nobody can make one up); a ticket number in the subject is easy to type, so it counts only
 * when the sender proved to be that ticket's customer. Otherwise the mail opens a new ticket.
 */
export async function findThread(
  db: Db,
  secret: string,
  mail: ParsedMail,
  verified: boolean,
): Promise<Thread | null> {
  for (const id of referencedIds(mail.inReplyTo, mail.references)) {
    const number = ticketNumberOfMessageId(secret, id);
    if (number === null) continue;
    const ticket = await ticketByNumber(db, number);
    if (ticket) return { ...ticket, via: 'header' };
  }
  const m = SUBJECT_NUMBER.exec(mail.subject);
  if (!m || !verified) return null;
  const ticket = await ticketByNumber(db, Number(m[1]));
  if (!ticket || ticket.customerEmail?.toLowerCase() !== mail.fromAddress) return null;
  return { ...ticket, via: 'subject' };
}

async function ticketByNumber(db: Db, number: number) {
  const [row] = await db
    .select({
      ticketId: tickets.id,
      customerId: tickets.customerId,
      status: tickets.status,
      customerEmail: customers.email,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.number, number));
  return row ?? null;
}

/** 【账户安全】 or [Account security] anywhere in the subject → the mapped category code. */
export function categoryCodeOfSubject(subject: string, map: Record<string, string>): string | null {
  for (const m of subject.matchAll(/[【[]\s*([^【】[\]]{1,40}?)\s*[】\]]/g)) {
    const code = map[m[1]!.toLowerCase()];
    if (code) return code;
  }
  return null;
}

/** The subject without reply prefixes and bracket tags, as a ticket title. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/^((re|fwd?|aw|回复|答复|转发)\s*[:：]\s*)+/i, '')
    .replace(/[【[][^【】[\]]{1,40}[】\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
