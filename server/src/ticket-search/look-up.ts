import { type SQL, sql } from 'drizzle-orm';
import { CONTACT_TEXT } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { perDatabase } from '../db/per-database.ts';
import type { Binder } from '../db/shaped.ts';
import { normaliseIdentifier } from './tokens.ts';

/**
 * Agent search's look-up: the exact identifiers and the customers a query names, each a small set
 * from an index, and how the tiers read them (search.ts).
 */
export const HAN = /\p{Script=Han}/u;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface Found {
  /** Whether the text matches fewer than RARE tickets' titles and fields. */
  headRare: boolean;
  byId: string[];
  byMention: string[];
  exactCustomers: string[];
  partialCustomers: string[];
}

/** Past this many title / field matches (counted from the head's GIN index) a text is common. */
const RARE = 2000;

/**
 * Texts found common lately, per database: their count is not taken again for a while. Counting a
 * common word's 2,000 title matches reads ~2,600 pages of ticket_search at 1,000,000 tickets
 * (18–45 ms, docs/performance.md), and agents search the same common words (提现, withdrawal) all
 * day. Only "common" is remembered: a rare text's count is cheap (a few GIN matches), and a word
 * does not become rare again within minutes. The verdict picks a plan, never the results: both
 * reads of the title tier give the same rows in the same order.
 */
const COMMON_FOR_MS = 10 * 60_000;
const COMMON_KEPT = 2_000;
const commonTexts = perDatabase((_db: Db) => new Map<string, number>());

/** Whether `tq` was counted common within COMMON_FOR_MS on this node. */
export function knownCommon(db: Db, tq: string | null, now = Date.now()): boolean {
  if (tq === null) return false;
  const memory = commonTexts(db);
  const at = memory.get(tq);
  if (at === undefined) return false;
  if (now - at < COMMON_FOR_MS) return true;
  memory.delete(tq);
  return false;
}

/** Remembers the count's verdict when it says common (see commonTexts). */
export function noteHeadCount(db: Db, tq: string | null, found: Found, now = Date.now()) {
  if (tq === null || found.headRare) return;
  const memory = commonTexts(db);
  memory.delete(tq);
  memory.set(tq, now);
  // A Map keeps insertion order: the first key is the one noted longest ago.
  if (memory.size > COMMON_KEPT) memory.delete(memory.keys().next().value!);
}

export type LookUpRow = {
  by_id: string[] | null;
  by_mention: string[] | null;
  exact: string[] | null;
  partial: string[] | null;
  head_matches: string | number | null;
};

/** The exact identifiers and the customers a query names: small sets, each from an index. */
export function lookUpSql(q: string, tq: SQL | null, b: Binder, common = false): SQL {
  const id = normaliseIdentifier(q);
  const lower = q.toLowerCase();
  // pg_trgm needs three letters or digits in a row to use its index (Chinese is not split into
  // trigrams everywhere): shorter or Chinese text matches a customer's whole name only.
  const substring = /[\p{L}\p{N}]{3}/u.test(lower) && !HAN.test(lower);
  if (substring) b.shape('substring');
  if (tq && common) b.shape('known-common');
  const exactId = b.value('exact-id', `=${id}`);
  const trimmed = b.value('q', q.trim());
  const lowered = b.value('lower', lower.trim());
  return sql`select
      array(select ticket_id from ticket_search where ids @> array[${exactId}::text] limit 500) as by_id,
      array(select ticket_id from ticket_search where ids @> array[${b.value('id', id)}::text]
              and not ids @> array[${exactId}::text] limit 500) as by_mention,
      array(select id from customers where uid = ${trimmed}::text or lower(email) = ${lowered}::text limit 50) as exact,
      array(select id from customers
            where (lower(name) = ${lowered}::text
                   ${substring ? sql`or ${CONTACT_TEXT} like ${b.value('like', `%${escapeLike(lower.trim())}%`)}::text` : sql``})
              and uid is distinct from ${trimmed}::text and lower(email) is distinct from ${lowered}::text
            limit 100) as partial,
      ${
        !tq
          ? sql`0`
          : common
            ? sql`${sql.raw(String(RARE))}`
            : sql`(select count(*) from (select 1 from ticket_search where head @@ ${tq} limit ${sql.raw(String(RARE))}) c)`
      } as head_matches`;
}

export function foundOf(row: LookUpRow | undefined): Found {
  return {
    byId: row?.by_id ?? [],
    byMention: row?.by_mention ?? [],
    exactCustomers: row?.exact ?? [],
    partialCustomers: row?.partial ?? [],
    headRare: Number(row?.head_matches ?? 0) < RARE,
  };
}

/**
 * A query shaped like an identifier (a number, or one word with a digit or an @: a UID, an email,
 * a TXID, a withdrawal id) is most likely one: its look-up and its tiers are sent as one statement,
 * the tiers reading the look-up's arrays, on the guess that it is an identifier and rare in titles
 * (what the tiers' plan depends on). When the look-up says otherwise, its answers are used as if
 * it had been sent alone, and the tiers are sent again as for any other text.
 */
export const looksLikeIdentifier = (q: string, number: number | null) =>
  number !== null || (!/\s/.test(q.trim()) && /[\d@]/.test(q));

/** Which tiers a query has, and how the title tier is read (see searchTickets). */
export interface Shape {
  mention: boolean;
  customer: boolean;
  headRare: boolean;
  identifier: boolean;
}
export const shapeOf = (found: Found, number: number | null): Shape => ({
  mention: found.byMention.length > 0,
  customer: found.partialCustomers.length > 0,
  headRare: found.headRare,
  identifier: number !== null || found.byId.length > 0 || found.exactCustomers.length > 0,
});
/**
 * shapeOf's "the guess held" (an identifier, rare in titles) as SQL over the look-up's row `found`,
 * for what a statement should read only when it did.
 */
export const guessHeldSql = (number: number | null) =>
  sql`(select (${sql.raw(number !== null ? 'true' : 'false')} or cardinality(by_id) > 0 or cardinality(exact) > 0)
      and head_matches < ${sql.raw(String(RARE))} from found)`;

/** The guess for a query shaped like an identifier; the tiers it adds are empty when wrong. */
export const GUESSED: Shape = { mention: true, customer: true, headRare: true, identifier: true };

/** The look-up's sets as the tiers read them: literal arrays, or the look-up's own columns. */
export interface FoundSets {
  byId: SQL;
  byMention: SQL;
  exact: SQL;
  partial: SQL;
}
export const literalSets = (found: Found, b: Binder): FoundSets => ({
  byId: sql`${b.value('by-id', found.byId)}::uuid[]`,
  byMention: sql`${b.value('by-mention', found.byMention)}::uuid[]`,
  exact: sql`${b.value('exact', found.exactCustomers)}::uuid[]`,
  partial: sql`${b.value('partial', found.partialCustomers)}::uuid[]`,
});
export const LOOKED_UP: FoundSets = {
  byId: sql`(select by_id from found)::uuid[]`,
  byMention: sql`(select by_mention from found)::uuid[]`,
  exact: sql`(select exact from found)::uuid[]`,
  partial: sql`(select partial from found)::uuid[]`,
};
