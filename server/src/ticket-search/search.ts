import { and, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { runShapedSql, ShapeBinder } from '../db/shaped.ts';
import { tokenize } from '../help/text.ts';
import {
  decodeCursor,
  encodeCursor,
  filterConditions,
  type ListPage,
  type TicketFilters,
} from '../tickets/list-query.ts';
import { parseTicketNumber } from '../tickets/model.ts';
import {
  getTicketSummariesWithContact,
  type SummaryWithContact,
  summariesFromJson,
  summariesWithContactJson,
  type TicketSummary,
} from '../tickets/queries.ts';
import { tickets } from '../tickets/schema.ts';
import { highlight, type Segment } from './highlight.ts';
import {
  escapeLike,
  type Found,
  type FoundSets,
  foundOf,
  GUESSED,
  guessHeldSql,
  HAN,
  knownCommon,
  LOOKED_UP,
  type LookUpRow,
  literalSets,
  looksLikeIdentifier,
  lookUpSql,
  noteHeadCount,
  type Shape,
  shapeOf,
} from './look-up.ts';
import { fieldTexts, surfaceTerms } from './tokens.ts';

/** Why a ticket was found, best first: the order of the results. */
export const TIERS = ['id', 'mention', 'customer', 'title', 'thread'] as const;
export type Tier = (typeof TIERS)[number];

export interface SearchMatch {
  tier: Tier;
  /** Where the highlighted words are. */
  field: 'number' | 'title' | 'field' | 'customer' | 'message';
  segments: Segment[];
}
export type SearchItem = TicketSummary & { match: SearchMatch | null };

const quoteLexeme = (t: string) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/**
 * The query's tokens as a tsquery that every one must match: English words (stemmed as indexed),
 * Chinese character bigrams (so "提现处理中" finds the phrase however jieba cut the thread), and a
 * Chinese run of one character as itself. Null when nothing is left (stop words only).
 */
export function textQuery(q: string): string | null {
  const { words, bigrams } = tokenize(q);
  const terms = new Set<string>();
  for (const w of words) if (!HAN.test(w)) terms.add(w);
  for (const b of bigrams) terms.add(b);
  // A Chinese word jieba kept whole but too short for a bigram ("币") still has to be there.
  if (!bigrams.length) for (const w of words) if (HAN.test(w)) terms.add(w);
  const list = [...terms].filter((t) => t.length <= 100).slice(0, 32);
  return list.length ? list.map(quoteLexeme).join(' & ') : null;
}

type Row = { id: string; tier: number; at_text: string; n: string };

/**
 * The thread tier reads the view's newest tickets first: this many, then (when some matched) as
 * many as the rate seen says a page needs, up to WALK_MAX. A phrase in many threads (提现处理中 in a
 * quarter of them) fills a page within a few hundred tickets, where its GIN posting lists hold a
 * quarter of the desk; a rarer one is read from its GIN matches instead.
 */
const WALK_FIRST = 400;
const WALK_MAX = 4000;

/** The search statements whose plans do not hang on a value, sent as named statements. */
const NAMED_KINDS = new Set(['search-together', 'search-look-up', 'search-page']);
/** Those of them run with a generic plan, planned once per connection (db/fixed-plans.ts). */
const FIXED_KINDS = new Set(['search-together', 'search-look-up']);

/**
 * Agent search: exact ids first (ticket number, a field's whole value — TXID, withdrawal id —, a
 * customer's UID or email), then the same identifier mentioned in a thread, then tickets of customers whose name, email, phone
 * or UID contains the text, then tickets whose title or field values match every word, then those
 * whose thread does; newest activity first within each. Each tier is one query ordered by an index
 * or a GIN match and cut at the page size, and the tiers exclude each other, so pages (cursor:
 * tier, activity, number) never repeat a ticket. The view's filters apply to every tier.
 */
export async function searchTickets(
  db: Db,
  filters: TicketFilters & { q: string },
  page: ListPage,
): Promise<{ items: SearchItem[]; nextCursor: string | null }> {
  const q = filters.q.slice(0, 200);
  const number = parseTicketNumber(q);
  const tq = textQuery(q);
  const t = tickets;
  const cursor = page.cursor ? decodeCursor(page.cursor, 'search', 3) : null;
  const fromTier = cursor ? Number(cursor[0]) : 0;
  // Every statement below is compiled once per shape (db/shaped.ts): `stmt` gives a binder for its
  // values, and the pieces take it, so that each statement's text depends only on its shape.
  const stmt = () => {
    const b = new ShapeBinder();
    return {
      b,
      where: filterConditions(filters, b),
      tq: tq ? sql`${b.value('tq', tq)}::tsquery` : null,
    };
  };
  type Built = ReturnType<typeof stmt>;
  // The look-ups and the tiers' page are named statements (parsed once per connection: most of an
  // exact id's time in the database was parsing them); the thread walk is not (db/shaped.ts).
  const run = <R>(kind: string, s: Built, query: SQL, fixedPlan = FIXED_KINDS.has(kind)) =>
    runShapedSql<R>(db, s.b, kind, query, { named: NAMED_KINDS.has(kind), fixedPlan });
  // A rare text (an id, a name) is read from its GIN matches and sorted; a common one by walking
  // the activity index until a page is found. Left alone the planner took the walk for rare text
  // too and read every ticket looking for one (1.5 s at 200,000 tickets).
  const gin = (s: Built, column: 'head' | 'doc') =>
    sql`${t} join (select ticket_id, head, doc from ticket_search where ${sql.raw(column)} @@ ${s.tq} offset 0) s on s.ticket_id = ${t.id}`;
  const after = (s: Built, tier: number) => {
    if (!cursor || tier !== fromTier) return [];
    s.b.shape(`after:${tier}`);
    return [
      sql`(${t.lastActivityAt}, ${t.number}) < (${s.b.value('at', cursor[1])}::timestamptz, ${s.b.value('n', cursor[2])}::bigint)`,
    ];
  };
  const tierConditions = (s: Built, sets: FoundSets) => {
    const idTier = sql`(${t.id} = any(${sets.byId}) or ${t.customerId} = any(${sets.exact})
      ${number !== null ? sql`or ${t.number} = ${s.b.value('number', number)}` : sql``})`;
    const mentionTier = sql`${t.id} = any(${sets.byMention})`;
    const customerTier = sql`${t.customerId} = any(${sets.partial})`;
    const before = sql`not ${idTier} and not (${mentionTier}) and not (${customerTier})`;
    return { idTier, mentionTier, customerTier, before };
  };
  /** The page of the tiers but the walked thread tier, in order, numbered (k) for a JSON copy. */
  const pageSql = (s: Built, sets: FoundSets, shape: Shape): SQL | null => {
    s.b.shape(
      `from:${fromTier} m${+shape.mention}c${+shape.customer}h${+shape.headRare}i${+shape.identifier}`,
    );
    const { idTier, mentionTier, customerTier, before } = tierConditions(s, sets);
    const tiers: Array<{ tier: number; from: SQL; cond: SQL; sorted: boolean } | null> = [
      { tier: 0, from: sql`${t}`, cond: idTier, sorted: true },
      shape.mention
        ? { tier: 1, from: sql`${t}`, cond: sql`${mentionTier} and not ${idTier}`, sorted: true }
        : null,
      shape.customer
        ? {
            tier: 2,
            from: sql`${t}`,
            cond: sql`${customerTier} and not ${idTier} and not (${mentionTier})`,
            sorted: true,
          }
        : null,
      s.tq
        ? {
            tier: 3,
            from: shape.headRare ? gin(s, 'head') : sql`${t} join ticket_search s on s.ticket_id = ${t.id}`,
            cond: sql`s.head @@ ${s.tq} and ${before}`,
            sorted: shape.headRare,
          }
        : null,
      // An identifier is in few threads: its thread tier is read from the GIN matches in the same
      // statement (one wait fewer); other text reads the newest threads first, below.
      s.tq && shape.identifier
        ? {
            tier: 4,
            from: gin(s, 'doc'),
            cond: sql`s.doc @@ ${s.tq} and not s.head @@ ${s.tq} and ${before}`,
            sorted: true,
          }
        : null,
    ];
    const limit = s.b.value('limit', page.limit + 1);
    const branches = tiers
      .filter((x): x is NonNullable<typeof x> => x !== null && x.tier >= fromTier)
      .map((x) => {
        const conds = [...s.where, ...after(s, x.tier), x.cond];
        // The id and customer tiers are small sets found by their own indexes: sorted as such. Left
        // to itself the planner walked the whole activity index looking for one customer's tickets.
        const order = x.sorted
          ? sql`(${t.lastActivityAt} + interval '0 s') desc, (${t.number} + 0) desc`
          : sql`${t.lastActivityAt} desc, ${t.number} desc`;
        return sql`(select ${t.id} as id, ${sql.raw(String(x.tier))}::int as tier, ${t.lastActivityAt} as at, ${t.number} as n
          from ${x.from} where ${and(...conds)}
          order by ${order} limit ${limit})`;
      });
    if (!branches.length) return null;
    return sql`select id, tier, at::text as at_text, n::text as n,
          row_number() over (order by tier, at desc, n desc) as k
        from (${sql.join(branches, sql` union all `)}) u
        order by tier, at desc, n desc limit ${limit}`;
  };
  const runPage = async (found: Found) => {
    const s = stmt();
    const shape = shapeOf(found, number);
    const query = pageSql(s, literalSets(found, s.b), shape);
    // Its generic plan serves while every tier is driven by found ids or a rare text's GIN
    // matches; a common title word's tier walks the activity index, a plan made for its values.
    return query ? run<Row>('search-page', s, query, !s.tq || shape.headRare) : [];
  };

  // The query's words, for the messages to highlight and the highlights themselves.
  const terms = matchTerms(q);
  const match = { patterns: terms.map((x) => `%${escapeLike(x)}%`), whole: `%${escapeLike(q.trim())}%` };
  let found: Found;
  let rows: Row[];
  // The page's summaries, when the statement that found the page brought them too.
  let brought: SummaryWithContact[] | null = null;
  const common = knownCommon(db, tq);
  if (looksLikeIdentifier(q, number)) {
    const s = stmt();
    const lookUp = lookUpSql(q, s.tq, s.b, common);
    const together = pageSql(s, LOOKED_UP, GUESSED);
    // The summaries of the page's tickets ride along, read only when the guess held: an exact id
    // is then answered by this one statement.
    const shown = sql`array(select id from page where k <= ${s.b.value('shown', page.limit)} and ${guessHeldSql(number)})`;
    const [row] = await run<LookUpRow & { page: Row[] | string | null; summaries: unknown }>(
      'search-together',
      s,
      together
        ? sql`with found as materialized (${lookUp}), page as materialized (${together})
            select found.*, (select json_agg(p order by p.k) from page p) as page,
              ${summariesWithContactJson(shown, s.b, match)} as summaries
            from found`
        : sql`with found as materialized (${lookUp}) select found.*, null as page, null as summaries from found`,
    );
    found = foundOf(row);
    const shape = shapeOf(found, number);
    const read = typeof row?.page === 'string' ? (JSON.parse(row.page) as Row[]) : row?.page;
    // The guess held: the same rows as the tiers sent alone would have read.
    const held = shape.identifier && shape.headRare;
    rows = held ? (read ?? []) : await runPage(found);
    if (held && together)
      brought = summariesFromJson(
        row?.summaries,
        rows.slice(0, page.limit).map((r) => r.id),
      );
  } else {
    const s = stmt();
    const lookUp = lookUpSql(q, s.tq, s.b, common);
    found = foundOf((await run<LookUpRow>('search-look-up', s, lookUp))[0]);
    rows = await runPage(found);
  }
  // A count taken now is remembered if it says common; a remembered verdict is not renewed by its
  // own stand-in count, so a word is counted again once its ten minutes are up.
  if (!common) noteHeadCount(db, tq, found);
  const identifier = shapeOf(found, number).identifier;
  // The thread tier, when the tiers above leave room on the page.
  if (tq && !identifier && rows.length <= page.limit) {
    const need = page.limit + 1 - rows.length;
    const threadOf = (s: Built) => {
      const { before } = tierConditions(s, literalSets(found, s.b));
      return sql`s.doc @@ ${s.tq} and not s.head @@ ${s.tq} and ${before}`;
    };
    // The view's newest `size` tickets, named "tickets" so that the conditions above read it, each
    // thread read by its key in activity order (a lateral the planner cannot flatten), so the walk
    // stops at a full page. As a plain join the planner, which guesses a tsquery's matches far too
    // few, read every matching thread from the GIN index instead and hashed them against the 400:
    // 148 ms for 提现处理中 at 100,000 tickets (22,814 matches) against 5 ms for this.
    const pick = (size: number) => {
      const s = stmt();
      const conds = [...s.where, ...after(s, 4)];
      const newest = sql`(select ${t.id}, ${t.customerId}, ${t.lastActivityAt}, ${t.number} from ${t} where ${conds.length ? and(...conds) : sql`true`}
            order by ${t.lastActivityAt} desc, ${t.number} desc limit ${s.b.value('size', size)}) as ${t}
          cross join lateral (select head, doc from ticket_search where ticket_id = ${t.id} offset 0) s`;
      const match = threadOf(s);
      return run<Row>(
        'search-walk',
        s,
        sql`select ${t.id} as id, 4 as tier, ${t.lastActivityAt}::text as at_text, ${t.number}::text as n
            from ${newest} where ${match}
            order by ${t.lastActivityAt} desc, ${t.number} desc limit ${s.b.value('need', need)}`,
      );
    };
    let thread: Row[] = [];
    let walked = 0;
    for (let size = WALK_FIRST; size <= WALK_MAX && size > walked; ) {
      thread = await pick(size);
      walked = size;
      // The newest `size` hold a full page: the same rows, in the same order, as the whole tier's.
      if (thread.length >= need || !thread.length) break;
      size = Math.min(WALK_MAX, Math.ceil(((need * walked) / thread.length) * 1.5));
    }
    if (thread.length < need) {
      const s = stmt();
      const conds = [...s.where, ...after(s, 4), threadOf(s)];
      thread = await run<Row>(
        'search-rest',
        s,
        sql`select ${t.id} as id, 4 as tier, ${t.lastActivityAt}::text as at_text, ${t.number}::text as n
            from ${gin(s, 'doc')} where ${and(...conds)}
            order by (${t.lastActivityAt} + interval '0 s') desc, (${t.number} + 0) desc limit ${s.b.value('need', need)}`,
      );
    }
    rows.push(...thread);
  }
  const shown = rows.slice(0, page.limit);
  const ids = shown.map((r) => r.id);
  // The summaries with the field values, phone and message to highlight: one statement, unless
  // the statement that found the page brought them.
  const withTexts = brought ?? (await getTicketSummariesWithContact(db, ids, match));
  const summaries = withTexts.map((x) => x.summary);
  const extra = withTexts.map((x) => ({ id: x.summary.id, fields: x.fields, phone: x.phone, body: x.text }));
  const tierOf = new Map(shown.map((r) => [r.id, TIERS[r.tier]!]));
  const matches = matchesOf(summaries, extra, tierOf, terms, number);
  const last = shown[shown.length - 1];
  return {
    items: summaries.map((s) => ({ ...s, match: matches.get(s.id) ?? null })),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor('search', [String(last.tier), last.at_text, last.n])
        : null,
  };
}

const matchTerms = (q: string) =>
  [...new Set([q.trim().toLowerCase(), ...surfaceTerms(q), ...tokenize(q).words])].filter(
    (x) => x.length > 0,
  );

/** What a result's highlight is looked for in besides its summary. */
type MatchTexts = Array<{ id: string; fields: unknown; phone: string | null; body: string | null }>;

/** Where each result matched, highlighted: title, a field value, the customer, or the first message. */
function matchesOf(
  items: TicketSummary[],
  extra: MatchTexts,
  tierOf: Map<string, Tier>,
  terms: string[],
  number: number | null,
): Map<string, SearchMatch> {
  const out = new Map<string, SearchMatch>();
  if (!items.length) return out;
  const extraOf = new Map(extra.map((e) => [e.id, e]));
  for (const item of items) {
    const tier = tierOf.get(item.id) ?? 'thread';
    const more = extraOf.get(item.id);
    const fields = fieldTexts(
      (typeof more?.fields === 'string' ? JSON.parse(more.fields) : more?.fields) as Record<string, unknown>,
    );
    const customer = [item.customer.name, item.customer.email, more?.phone, item.customer.uid]
      .filter(Boolean)
      .join(' · ');
    const candidates: Array<[SearchMatch['field'], string]> = [
      ['title', item.title],
      ...fields.map((f): [SearchMatch['field'], string] => ['field', f]),
      ['customer', customer],
    ];
    const body = more?.body;
    if (body) candidates.push(['message', body]);
    // The text whose longest marked run is longest (the whole phrase over one of its words);
    // the first such in the order above.
    let match: SearchMatch | null = null;
    let best = 0;
    for (const [field, text] of candidates) {
      const segments = highlight(text, terms);
      const longest = Math.max(0, ...(segments ?? []).filter((x) => x.mark).map((x) => x.text.length));
      if (segments && longest > best) {
        match = { tier, field, segments };
        best = longest;
      }
    }
    if (!match && number !== null && tier === 'id')
      match = { tier, field: 'number', segments: [{ text: item.number, mark: true }] };
    if (match) out.set(item.id, match);
  }
  return out;
}
