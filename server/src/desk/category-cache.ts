import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { categories } from './schema.ts';

type Category = typeof categories.$inferSelect;

/**
 * Categories are read on every ticket create and change rarely. A short-lived copy saves a round
 * trip per create; this node forgets it on its own admin changes, other nodes within TTL_MS.
 */
const TTL_MS = 5_000;
// Per database handle: tests run several desks (copies of one template, same ids) in one process.
const caches = new WeakMap<Db, Map<string, { row: Category | null; until: number }>>();

export async function findCategory(db: Db, id: string): Promise<Category | null> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(id);
  if (hit && hit.until > Date.now()) return hit.row;
  const [row] = await db.select().from(categories).where(eq(categories.id, id));
  if (cache.size > 1000) cache.clear();
  cache.set(id, { row: row ?? null, until: Date.now() + TTL_MS });
  return row ?? null;
}

/** After an admin creates or changes a category. */
export function forgetCategories(db: Db): void {
  caches.get(db)?.clear();
}
