import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { customers } from '../../customers/schema.ts';
import type { Db } from '../../db/client.ts';
import type { ParsedMail } from './parse.ts';

/**
 * Who a new mail ticket belongs to. Only a sender whose From address proved itself (DMARC pass)
 * is matched to a known customer by address — a host-app account first. Anyone else gets a
 * fresh visitor record holding the claimed address, so forged mail never lands on, or reveals,
 * a real customer's account.
 */
export async function customerForSender(db: Db, mail: ParsedMail, verified: boolean) {
  const language = /[\u4e00-\u9fff]/.test(`${mail.subject}${mail.text}`) ? 'zh-CN' : 'en';
  if (verified) {
    const [known] = await db
      .select()
      .from(customers)
      .where(eq(sql`lower(${customers.email})`, mail.fromAddress))
      .orderBy(sql`${customers.uid} is null`, desc(customers.createdAt))
      .limit(1);
    if (known) return known;
    const [created] = await db
      .insert(customers)
      .values({ email: mail.fromAddress, name: mail.fromName, language })
      .returning();
    return created!;
  }
  const [visitor] = await db
    .insert(customers)
    .values({ email: mail.fromAddress, name: mail.fromName, language, isVisitor: true })
    .returning();
  return visitor!;
}

/** Whether a host-app account (uid) holds this address: used by tests and the agent view. */
export async function accountHoldsAddress(db: Db, address: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(sql`lower(${customers.email})`, address.toLowerCase()), isNotNull(customers.uid)));
  return Boolean(row);
}
