import { eq, inArray } from 'drizzle-orm';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Db } from '../../db/client.ts';
import { categories } from '../../desk/schema.ts';
import { emailMailboxes } from './schema.ts';

export interface Mailbox {
  address: string;
  categoryId: string | null;
  categoryCode: string | null;
  teamId: string | null;
}

/**
 * Makes sure every configured support address has its row; a category named in EMAIL_MAILBOXES
 * sets the default category and its team the first time (later edits to the row are kept).
 */
export async function syncMailboxes(db: Db, email: EmailConfig): Promise<void> {
  for (const m of email.mailboxes) {
    const [category] = m.categoryCode
      ? await db
          .select({ id: categories.id, teamId: categories.teamId })
          .from(categories)
          .where(eq(categories.code, m.categoryCode))
      : [];
    // A category not there yet (the demo desk is seeded after start) is looked up again per mail.
    await db
      .insert(emailMailboxes)
      .values({ address: m.address, categoryId: category?.id ?? null, teamId: category?.teamId ?? null })
      .onConflictDoNothing();
  }
}

/** The mailbox a mail was sent to (the first recipient that is one), else the first configured. */
export async function mailboxFor(db: Db, email: EmailConfig, recipients: string[]): Promise<Mailbox> {
  const wanted = recipients.map(baseAddress);
  const rows = await db
    .select({
      address: emailMailboxes.address,
      categoryId: emailMailboxes.categoryId,
      teamId: emailMailboxes.teamId,
      categoryCode: categories.code,
      active: emailMailboxes.active,
    })
    .from(emailMailboxes)
    .leftJoin(categories, eq(categories.id, emailMailboxes.categoryId))
    .where(inArray(emailMailboxes.address, [...wanted, ...email.mailboxes.map((m) => m.address)]));
  const active = rows.filter((r) => r.active);
  const hit = wanted.map((w) => active.find((r) => r.address === w)).find(Boolean) ?? active[0];
  if (hit)
    return {
      address: hit.address,
      categoryId: hit.categoryId,
      categoryCode: hit.categoryCode ?? configuredCode(email, hit.address),
      teamId: hit.teamId,
    };
  const first = email.mailboxes[0]!;
  return { address: first.address, categoryId: null, categoryCode: first.categoryCode, teamId: null };
}

/** Whether an address is one Kefu serves (the listener refuses mail for any other). */
export async function isMailbox(db: Db, email: EmailConfig, address: string): Promise<boolean> {
  const a = baseAddress(address);
  if (email.mailboxes.some((m) => m.address === a)) return true;
  const [row] = await db
    .select({ active: emailMailboxes.active })
    .from(emailMailboxes)
    .where(eq(emailMailboxes.address, a));
  return row?.active === true;
}

function configuredCode(email: EmailConfig, address: string): string | null {
  return email.mailboxes.find((m) => m.address === address)?.categoryCode ?? null;
}

/**
 * The address without a plus tag, lower-cased: support+sc-…@x.example is support@x.example's
 * mail (side conversations' replies come back that way; any other tag is plain mail to the box).
 */
export function baseAddress(address: string): string {
  return address.toLowerCase().replace(/\+[^@]*@/, '@');
}
