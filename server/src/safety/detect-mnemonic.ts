import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Finding } from './findings.ts';
import {
  CHINESE_CHARS,
  englishWordFor,
  hasValidChecksum,
  medianChineseRank,
  PROSE_MEDIAN_RANK,
} from './wordlists.ts';

/**
 * Mnemonic phrases (BIP39, English and Chinese). A phrase is a run of wordlist words separated by
 * nothing but spaces, line breaks, list numbers and punctuation. Typos and a few missing words are
 * tolerated, so the checksum confirms a complete phrase but is never required.
 */

/** Words in a run before it counts as a phrase: 9 of 12 already gives the money away. */
const MIN_WORDS = 9;
/** With "助记词 / seed phrase" nearby, a shorter fragment is enough. */
const MIN_WORDS_IN_CONTEXT = 6;
const CONTEXT =
  /助记词|助記詞|记忆词|記憶詞|恢复词|恢復詞|钱包|錢包|备份|備份|导入|導入|私钥|私鑰|seed|mnemonic|recovery|phrase|secret words|wallet|backup/i;

interface Token {
  start: number;
  end: number;
  /** A wordlist word (exact or with one typo). */
  hit: boolean;
  exact: boolean;
  word: string;
}

const TOKEN = /[A-Za-z]+|\p{Script=Han}+/gu;
/** What may stand between two words of one phrase: spaces, list numbers, punctuation. */
const SEPARATOR = /^[\s\d.,;:、，。；：!?！？)(（）[\]【】\-_|/"'“”‘’#*]*$/u;

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export function detectMnemonics(text: string): Finding[] {
  const context = CONTEXT.test(text);
  const findings: Finding[] = [];
  const tokens: Token[] = [];
  const flush = () => {
    findings.push(...evaluateRun(tokens, context));
    tokens.length = 0;
  };
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const value = m[0];
    if (tokens.length > 0 && !SEPARATOR.test(text.slice(lastEnd, start))) flush();
    lastEnd = start + value.length;
    if (/^\p{Script=Han}/u.test(value) && value.length > 1) {
      // Chinese written without spaces: a run of its own, judged by how it segments.
      flush();
      findings.push(...unspacedChinese(value, start, context));
      continue;
    }
    const en = /^[A-Za-z]/.test(value) ? englishWordFor(value) : null;
    const zh = !en && CHINESE_CHARS.has(value);
    tokens.push({
      start,
      end: lastEnd,
      hit: Boolean(en || zh),
      exact: Boolean(zh || en?.exact),
      word: en?.word ?? value,
    });
    // Two non-words in a row end a phrase.
    const n = tokens.length;
    if (n >= 2 && !tokens[n - 1]!.hit && !tokens[n - 2]!.hit) flush();
  }
  flush();
  return findings;
}

function evaluateRun(run: Token[], context: boolean): Finding[] {
  let first = run.findIndex((t) => t.hit);
  let last = run.findLastIndex((t) => t.hit);
  if (first < 0) return [];
  const words = run.slice(first, last + 1);
  const hits = words.filter((t) => t.hit);
  const exact = hits.filter((t) => t.exact).length;
  const ratio = hits.length / words.length;
  const complete = hits.length === words.length && hasValidChecksum(hits.map((t) => t.word));
  // Spaced-out Chinese can be an ordinary sentence typed with spaces: it still segments into words.
  const chinese = hits.every((t) => CHINESE_CHARS.has(t.word));
  const zhWords = hits.map((t) => t.word);
  if (
    chinese &&
    !complete &&
    (singleRatio(zhWords.join('')) < 0.6 || medianChineseRank(zhWords) < PROSE_MEDIAN_RANK)
  )
    return [];
  const enough =
    complete ||
    (hits.length >= MIN_WORDS && exact >= MIN_WORDS - 1 && ratio >= 0.8) ||
    (context && hits.length >= MIN_WORDS_IN_CONTEXT && ratio >= 0.85);
  if (!enough) return [];
  first = words[0]!.start;
  last = words[words.length - 1]!.end;
  return [{ kind: 'mnemonic', start: first, end: last }];
}

/** The share of characters that stand alone when the text is segmented into words. */
function singleRatio(text: string): number {
  const pieces = segmenter().cut(text, false);
  return pieces.filter((p) => p.length === 1).length / Math.max(1, text.length);
}

/**
 * The Chinese list is the 2048 commonest characters, so ordinary sentences are made of them too.
 * What gives a phrase away is that it does not segment into words: a random draw is almost all
 * single characters, prose is mostly two- and three-character words.
 */
interface Span {
  start: number;
  end: number;
  chars: number;
  singles: number;
  typos: number;
  lastTypo: boolean;
  /** The span's list characters, for the rank test. */
  pieces: string[];
}

/** A phrase without context needs this many characters (a checksummed phrase has 12 or more). */
const MIN_CHARS_UNSPACED = 12;

function unspacedChinese(run: string, offset: number, context: boolean): Finding[] {
  // Cheap before segmenting: every way to flag a span below needs at least MIN_WORDS characters
  // in it with context, 12 without, and a span never has more characters than its run.
  if (run.length < (context ? MIN_WORDS : MIN_CHARS_UNSPACED)) return [];
  const findings: Finding[] = [];
  // The open span: where it starts and ends, its characters and how many stood alone, up to its
  // last single character (a phrase ends on one); a stray character off the list is a typo.
  let span: Span | null = null;
  let pending = 0; // characters of words after the span's last single character
  const close = () => {
    if (span) {
      // A phrase may end on two characters that happen to form a word.
      if (pending > 0 && !span.lastTypo) {
        span.chars += pending;
        span.end += pending;
      }
      const ratio = span.singles / Math.max(1, span.chars);
      const complete = span.typos === 0 && hasValidChecksum([...run.slice(span.start, span.end)]);
      const uniform = medianChineseRank(span.pieces) >= PROSE_MEDIAN_RANK;
      const enough =
        (complete && ratio >= 0.6) ||
        (uniform &&
          ((span.chars >= 12 && ratio >= 0.75) || (context && span.chars >= MIN_WORDS && ratio >= 0.6)));
      if (enough) findings.push({ kind: 'mnemonic', start: offset + span.start, end: offset + span.end });
    }
    span = null;
  };
  let at = 0;
  for (const piece of segmenter().cut(run, false)) {
    const inList = [...piece].every((c) => CHINESE_CHARS.has(c));
    if (inList && piece.length === 1) {
      span ??= { start: at, end: at, chars: 0, singles: 0, typos: 0, lastTypo: false, pieces: [] };
      span.pieces.push(piece);
      span.chars += pending + 1;
      span.singles++;
      span.end = at + 1;
      span.lastTypo = false;
      pending = 0;
    } else if (inList) {
      // Random characters sometimes happen to make a word; the ratio and rank tests weigh it.
      span ??= { start: at, end: at, chars: 0, singles: 0, typos: 0, lastTypo: false, pieces: [] };
      pending += piece.length;
      span.pieces.push(...piece);
    } else if (
      piece.length === 1 &&
      span &&
      !span.lastTypo &&
      span.typos < 2 &&
      /\p{Script=Han}/u.test(piece)
    ) {
      span.chars += pending + 1;
      span.singles++;
      span.typos++;
      span.end = at + 1;
      span.lastTypo = true;
      pending = 0;
    } else {
      close();
      pending = 0;
    }
    at += piece.length;
  }
  close();
  return findings;
}
