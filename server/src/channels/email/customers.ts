import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { customers } from '../../customers/schema.ts';
import type { Db } from '../../db/client.ts';
import { maskSecrets } from '../../safety/mask.ts';
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
    // A proven address goes to the account that holds it — but only where that is not just a
    // claim (#20.12): visitors (contact forms, unverified mail, channel contacts) never count, a
    // host-app account counts only when it alone holds the address, and otherwise the first
    // customer made from proven mail of this address.
    const holders = await db
      .select()
      .from(customers)
      .where(and(eq(sql`lower(${customers.email})`, mail.fromAddress), eq(customers.isVisitor, false)))
      .orderBy(asc(customers.createdAt))
      .limit(20);
    const accounts = holders.filter((c) => c.uid !== null);
    if (accounts.length === 1) return accounts[0]!;
    const mailOnly = holders.find((c) => c.uid === null);
    if (mailOnly) return mailOnly;
    const [created] = await db
      .insert(customers)
      .values({ email: mail.fromAddress, name: maskSecrets(mail.fromName) ?? null, language })
      .returning();
    return created!;
  }
  const [visitor] = await db
    .insert(customers)
    .values({ email: mail.fromAddress, name: maskSecrets(mail.fromName) ?? null, language, isVisitor: true })
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
