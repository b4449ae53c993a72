import { asc } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { helpSynonyms } from './schema.ts';
import { normalise, type Tokens, tokenize } from './text.ts';

/**
 * The synonym groups a new desk starts with (the help migration inserts them; keep both in step);
 * admins edit them through GET/PUT /api/v1/help/admin/synonyms.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['提币', '提现', '出金', 'withdraw', 'withdrawal', 'cash out'],
  ['充币', '充值', '入金', 'deposit', 'top up'],
  ['转人工', '人工客服', '人工', '真人客服', 'human agent', 'live agent', 'real person', 'human'],
  ['客服', '联系客服', 'support', 'customer service', 'contact'],
  ['验证码', '2fa code', 'otp', 'verification code'],
  ['谷歌验证', '谷歌验证器', '二次验证', '双重验证', '身份验证器', '2fa', 'two factor', 'authenticator'],
  ['实名认证', '身份认证', 'kyc', 'identity verification', 'verify identity'],
  ['到账', 'credited', 'arrived', 'received'],
  ['冻结', '封号', '锁定', 'frozen', 'locked', 'suspended', 'freeze'],
  ['手续费', '费用', 'fee', 'fees', 'charge'],
  ['交易哈希', '哈希', 'txid', 'transaction hash', 'tx hash'],
  ['地址标签', '备注', 'memo', 'tag', 'destination tag'],
  ['诈骗', '骗子', '防骗', 'scam', 'fraud', 'scammer'],
  ['订单', '委托', 'order'],
  ['撤单', '取消订单', 'cancel order'],
  ['密码', 'password'],
];

export type SynonymGroup = string[];

export async function listSynonyms(db: Executor): Promise<{ id: string; terms: string[] }[]> {
  return db
    .select({ id: helpSynonyms.id, terms: helpSynonyms.terms })
    .from(helpSynonyms)
    .orderBy(asc(helpSynonyms.createdAt));
}

/** How long a node reuses the synonym groups it read (an edit reaches the other nodes after this). */
const CACHE_MS = 5_000;

/** A synonym with what matching needs, computed once per cache fill rather than on every search. */
export interface PreparedSynonym {
  text: string;
  /** Normalised text (simplified, lower case). */
  norm: string;
  han: boolean;
  /** Its whole words and bigrams: what it adds to a query that mentions its group. */
  tokens: Tokens;
}
export type PreparedGroups = PreparedSynonym[][];

/** Normalises and tokenises every synonym once (a search would otherwise segment ~100 terms). */
export function prepareSynonyms(groups: SynonymGroup[]): PreparedGroups {
  return groups.map((g) =>
    g.map((text) => {
      const norm = normalise(text);
      return { text, norm, han: /\p{Script=Han}/u.test(norm), tokens: tokenize(norm) };
    }),
  );
}

/** Per database handle (tests run many desks in one process); replaced whole on every edit. */
let cache = new WeakMap<object, { at: number; groups: PreparedGroups }>();

/** The synonym groups for a search: read at most once per CACHE_MS per node, not once per search. */
export async function cachedSynonymGroups(db: Executor): Promise<PreparedGroups> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.groups;
  const rows = await db.select({ terms: helpSynonyms.terms }).from(helpSynonyms);
  // Prepared only when the text changed: most refills (every 5 s) read the same groups.
  const groups = sameGroups(hit?.groups, rows) ? hit!.groups : prepareSynonyms(rows.map((g) => g.terms));
  cache.set(db, { at: Date.now(), groups });
  return groups;
}

function sameGroups(prepared: PreparedGroups | undefined, rows: { terms: string[] }[]) {
  return (
    prepared !== undefined &&
    prepared.length === rows.length &&
    prepared.every(
      (g, i) => g.length === rows[i]!.terms.length && g.every((t, j) => t.text === rows[i]!.terms[j]),
    )
  );
}

/** Replaces every group (the admin screen edits them as one list). */
export async function replaceSynonyms(db: Executor, groups: SynonymGroup[]) {
  cache = new WeakMap();
  await db.delete(helpSynonyms);
  const clean = groups
    .map((g) => [...new Set(g.map((t) => t.trim()).filter(Boolean))])
    .filter((g) => g.length > 1);
  if (clean.length) await db.insert(helpSynonyms).values(clean.map((terms) => ({ terms })));
  cache = new WeakMap(); // again: a search during the write may have cached the old groups
}

/** A term is in the query when all its words are (Chinese: when the query contains it). */
function termInQuery(term: PreparedSynonym, normalisedQuery: string, queryWords: Set<string>): boolean {
  if (term.han) return normalisedQuery.includes(term.norm);
  const words = term.tokens.words;
  return words.length > 0 && words.every((w) => queryWords.has(w));
}

/** The other terms of every group the query mentions. */
export function expandWithSynonyms(groups: PreparedGroups, normalisedQuery: string, queryWords: string[]) {
  const set = new Set(queryWords);
  const extra: PreparedSynonym[] = [];
  for (const group of groups) {
    if (!group.some((t) => termInQuery(t, normalisedQuery, set))) continue;
    for (const t of group) if (!termInQuery(t, normalisedQuery, set)) extra.push(t);
  }
  return extra;
}
