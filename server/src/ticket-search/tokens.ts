import { indexTokens, normalise } from '../help/text.ts';
import { matchesIn } from '../platform/matches-in.ts';

/**
 * The tokens agent search stores and asks for, made by the help center's tokenizer (help/text.ts):
 * jieba words and character bigrams for Chinese, stems for English, after traditional → simplified
 * and full-width → half-width. Both the index and the query side come through here.
 */

/** Lexemes longer than this are not words (a pasted blob): tsvector refuses over 2 KB anyway. */
const MAX_LEXEME = 100;

/** The distinct tokens of some texts, ready for `array_to_tsvector`. */
export function searchTokens(texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const t of indexTokens(text)) if (t.length <= MAX_LEXEME) out.add(t);
  }
  return [...out];
}

/**
 * An identifier as agents paste it: a hash, an address, a withdrawal or order id, a phone number.
 * At least 6 characters, letters/digits with inner `-_.:`, and at least one digit.
 */
const IDENTIFIER = /[A-Za-z0-9][A-Za-z0-9_.:-]{4,126}[A-Za-z0-9]/g;
const HAS_DIGIT = /\d/;

/** How an identifier is compared: NFKC, lower case, no surrounding space. */
export const normaliseIdentifier = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Identifiers in free text (messages), for the exact look-up. */
export function identifiersInText(text: string): string[] {
  const out: string[] = [];
  for (const m of matchesIn(text.normalize('NFKC'), IDENTIFIER)) {
    if (HAS_DIGIT.test(m[0])) out.push(m[0].toLowerCase());
    if (out.length >= 200) break;
  }
  return out;
}

/** The form's answers as texts: strings, numbers, and the strings inside lists. */
export function fieldTexts(fields: Record<string, unknown> | null | undefined): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (typeof v === 'string' && v.trim()) out.push(v);
    else if (typeof v === 'number' || typeof v === 'bigint') out.push(String(v));
    else if (Array.isArray(v) && depth < 2) for (const x of v) walk(x, depth + 1);
  };
  for (const v of Object.values(fields ?? {})) walk(v, 0);
  return out;
}

export interface SearchRow {
  head: string[];
  doc: string[];
  ids: string[];
}

/** A ticket's whole search row: the title and field values (head), and every text of its thread. */
export function ticketSearchRow(input: {
  title: string;
  fields?: Record<string, unknown> | null;
  /** The description and the messages' bodies, as stored (already masked). */
  texts: Iterable<string>;
  /** searchTokens, or an equivalent (the benchmark's memoised one: tokens never cross punctuation). */
  tokens?: (texts: Iterable<string>) => string[];
}): SearchRow {
  const tokens = input.tokens ?? searchTokens;
  const values = fieldTexts(input.fields);
  const head = tokens([input.title, ...values]);
  const texts = [...input.texts];
  const doc = [...new Set([...head, ...tokens(texts)])];
  const ids = new Set<string>();
  // A field's whole value is kept with a leading '=' (the form said "this is the withdrawal id"):
  // it ranks above the same id merely mentioned in a message.
  for (const v of values) {
    const id = normaliseIdentifier(v);
    if (id.length >= 3 && id.length <= 200) ids.add(`=${id}`);
  }
  for (const t of [input.title, ...texts]) for (const id of identifiersInText(t)) ids.add(id);
  return { head, doc, ids: [...ids] };
}

/** For a highlight: the normalised query's runs (Chinese runs, Latin words), longest first. */
export function surfaceTerms(q: string): string[] {
  const runs = normalise(q).match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(runs)].sort((a, b) => b.length - a.length);
}
