import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cached, forget } from '../platform/node-cache.ts';
import { categories } from './schema.ts';

type Category = typeof categories.$inferSelect;

/**
 * Categories are read on every ticket create and change rarely: a per-node copy saves a round trip
 * per create. An admin change forgets it on every node (platform/node-cache.ts).
 */
const TTL_MS = 60_000;
const TOPIC = 'categories';

export function findCategory(db: Db, id: string): Promise<Category | null> {
  return cached(db, TOPIC, id, TTL_MS, async () => {
    const [row] = await db.select().from(categories).where(eq(categories.id, id));
    return row ?? null;
  });
}

/** After an admin creates or changes a category (after the commit). */
export function forgetCategories(db: Db): void {
  forget(db, TOPIC);
}
