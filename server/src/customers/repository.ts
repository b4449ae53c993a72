import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Language } from '../platform/i18n.ts';
import { maskSecrets } from '../safety/mask.ts';
import { customers } from './schema.ts';

export interface CustomerFacts {
  uid: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  language?: Language | null;
  region?: string | null;
}

/**
 * The customer the host app identified, created on first sight and kept up to date with what the
 * host app says now (it is the authority on its own users).
 */
export async function upsertCustomerByUid(db: Executor, facts: CustomerFacts) {
  const values = {
    uid: facts.uid,
    // The host app passes on what its user typed as a name: screened like anything typed (#20.9).
    name: maskSecrets(facts.name) ?? null,
    email: facts.email ?? null,
    phone: facts.phone ?? null,
    language: facts.language ?? 'zh-CN',
    region: facts.region ?? null,
  };
  const [row] = await db
    .insert(customers)
    .values(values)
    .onConflictDoUpdate({
      target: customers.uid,
      targetWhere: sql`${customers.uid} is not null`,
      set: {
        name: sql`coalesce(excluded.name, ${customers.name})`,
        email: sql`coalesce(excluded.email, ${customers.email})`,
        phone: sql`coalesce(excluded.phone, ${customers.phone})`,
        language: facts.language ? sql`excluded.language` : sql`${customers.language}`,
        region: sql`coalesce(excluded.region, ${customers.region})`,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

/** The customer of this uid as stored, or a new one with these facts: nothing known is changed. */
export async function findOrCreateCustomerByUid(db: Executor, facts: CustomerFacts) {
  const [known] = await db.select().from(customers).where(eq(customers.uid, facts.uid));
  return known ?? upsertCustomerByUid(db, facts);
}

/**
 * One address in the usual form (local@domain, no display name, no list): the identity token's
 * `email` claim must be one, or mail could go to several people (a comma list once got mail).
 */
export function isSingleAddress(value: string): boolean {
  return (
    value.length <= 254 &&
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(
      value,
    )
  );
}

export async function createVisitor(db: Executor, language: Language) {
  const [row] = await db.insert(customers).values({ isVisitor: true, language }).returning();
  return row!;
}

export async function getCustomer(db: Executor, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

export function presentCustomer(c: typeof customers.$inferSelect) {
  return {
    id: c.id,
    uid: c.uid,
    name: c.name,
    email: c.email,
    phone: c.phone,
    language: c.language,
    region: c.region,
    isVisitor: c.isVisitor,
    createdAt: c.createdAt.toISOString(),
  };
}
