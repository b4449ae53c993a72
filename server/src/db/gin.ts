/**
 * Storage options of the GIN indexes that requests read while tickets and customers keep arriving
 * (agent search's three, the customers' contact trigrams, tags, custom fields). With the default
 * 4 MB pending list, new entries wait unsorted in a list that every search reads in full until a
 * vacuum or a full list merges them: at 1,000,000 tickets, 20,000 new tickets made an exact-id
 * search 12 ms at p50 instead of 2.6 (docs/performance.md, "Counters and pending lists"). A
 * 128 kB list keeps that read under a millisecond and still merges new entries in batches, which
 * costs a create ~0.1 ms where writing each entry straight into the index (fastupdate off) cost
 * ~0.5 ms. The help center's indexes, written rarely, have no list at all (help/schema.ts).
 */
export const SMALL_PENDING_LIST = { gin_pending_list_limit: 128 } as const;
