import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { gatesOn } from './gates.ts';
import { segmenter } from './segmenter.ts';
import { simplifiedSameLength } from './simplified.ts';
import {
  CHINESE_CHARS,
  commonChineseCount,
  englishWordFor,
  hasValidChecksum,
  medianChineseRank,
  PROSE_MEDIAN_RANK,
} from './wordlists.ts';

/**
 * Mnemonic phrases (BIP39, English and Chinese). A phrase is a run of wordlist words separated by
 * nothing but spaces, line breaks, list numbers and punctuation — the same separator between every
 * two words — of a phrase's length (9 words give the money away), or a checksum-valid window, or a
 * shorter run announced by the words right before it ("seed phrase:"). Typos and a few missing
 * words are tolerated. English prose that happens to use list words is not a phrase: its
 * separators vary, words off the list sit between, and its edges are trimmed off.
 */

/** Words in a run before it counts as a phrase: 9 of 12 already gives the money away. */
const MIN_WORDS = 9;
/** With "助记词 / seed phrase" nearby, a shorter fragment is enough. */
const MIN_WORDS_IN_CONTEXT = 6;
/** How far before (and after) a run the words announcing a phrase may stand. */
const ANNOUNCE_BEFORE = 80;
const ANNOUNCE_AFTER = 40;
const CONTEXT =
  /助记词|助記詞|记忆词|記憶詞|恢复词|恢復詞|钱包|錢包|备份|備份|导入|導入|私钥|私鑰|seed|mnemonic|recovery|phrase|secret words|wallet|backup/i;
/** CONTEXT for every match in a run (the last one counts), made once. */
const CONTEXT_ALL = new RegExp(CONTEXT.source, 'gi');

interface Token {
  start: number;
  end: number;
  /** A wordlist word (exact or with one typo). */
  hit: boolean;
  exact: boolean;
  word: string;
  /** The text between the previous token and this one. */
  gap: string;
  /** The token as written, for its letter case. */
  raw: string;
}

const TOKEN = /[A-Za-z]+|\p{Script=Han}+/gu;
/** What may stand between two words of one phrase: spaces, list numbers, punctuation. */
const SEPARATOR = /^[\s\d.,;:、，。；：!?！？)(（）[\]【】\-_|/"'“”‘’#*]*$/u;

/** A separator between the words of a list that is not a space: 、 - , ，. */
const LIST_SEPARATOR = /^\s*[、，,-]\s*$/u;

export function detectMnemonics(original: string): Finding[] {
  // Chinese is segmented in Simplified: Traditional text would split into single characters.
  const text = simplifiedSameLength(original);
  const findings: Finding[] = [];
  const tokens: Token[] = [];
  const flush = () => {
    findings.push(...evaluateRun(tokens, text));
    tokens.length = 0;
  };
  let lastEnd = 0;
  for (const m of matchesIn(text, TOKEN)) {
    const start = m.index;
    const value = m[0];
    const gap = text.slice(lastEnd, start);
    if (tokens.length > 0 && !SEPARATOR.test(gap)) flush();
    lastEnd = start + value.length;
    if (/^\p{Script=Han}/u.test(value) && value.length > 1) {
      // "湖-种-…-哀-仅这样写对吗": the last word of a list written with a separator may touch the
      // prose after it; it belongs to the list when the same separator leads to it.
      const last = tokens.at(-1);
      if (
        last?.hit &&
        tokens.length >= 2 &&
        gap === last.gap &&
        LIST_SEPARATOR.test(gap) &&
        CHINESE_CHARS.has(last.word) &&
        CHINESE_CHARS.has(value[0]!)
      )
        tokens.push({ start, end: start + 1, hit: true, exact: true, word: value[0]!, gap, raw: value[0]! });
      // Chinese written without spaces: a run of its own, judged by how it segments.
      flush();
      // "助记词是雄 陪 莫 …": the first word of a spaced phrase may touch the "是" that announces it.
      const glued = GLUED_FIRST.test(value) && CHINESE_CHARS.has(value.slice(-1));
      findings.push(...announcedChinese(text, glued ? value.slice(0, -1) : value, start));
      if (!glued) continue;
      const at = start + value.length - 1;
      tokens.push({
        start: at,
        end: lastEnd,
        hit: true,
        exact: true,
        word: value.slice(-1),
        gap: '',
        raw: value.slice(-1),
      });
      continue;
    }
    const listed = /^[A-Za-z]/.test(value) ? englishWordFor(value) : null;
    const en = listed && !listed.exact && PROSE_WORDS.has(value.toLowerCase()) ? null : listed;
    const zh = !en && CHINESE_CHARS.has(value);
    // A glued first character stands alone only when a spaced (or 、/-/comma-separated) run of single
    // characters follows it. (An English word touching Chinese prose, "密语是sweet strike …", is
    // already apart from it: the change of script is its boundary.)
    if (
      tokens.length === 1 &&
      tokens[0]!.gap === '' &&
      !/^[A-Za-z]/.test(tokens[0]!.raw) &&
      tokens[0]!.start > 0 &&
      !(zh && (/^\s+$/.test(gap) || LIST_SEPARATOR.test(gap)))
    ) {
      tokens.length = 0;
    }
    tokens.push({
      start,
      end: lastEnd,
      hit: Boolean(en || zh),
      exact: Boolean(zh || en?.exact),
      word: en?.word ?? value,
      gap,
      raw: value,
    });
    // Two non-words in a row end a phrase, unless they are numbered items of a list (typos).
    const n = tokens.length;
    const a = tokens[n - 1];
    const b = tokens[n - 2];
    if (a && b && !a.hit && !b.hit && !(NUMBERED.test(a.gap) && NUMBERED.test(b.gap))) flush();
  }
  flush();
  return findings;
}

/**
 * English function words are prose, never a typo of a list word ("can" is not "cat", "with" is not
 * "wish"): counted as typos, they turned sentences full of list words into phrases. (Those on the
 * list — "into", "must", "they" — still count as themselves.)
 */
const PROSE_WORDS = new Set(
  'a an the i me my we us our you your he she it its they them this that these those is am are was were be been do does did have has had can could will would shall should may might must not no so and or but if then than with without from into onto of to in on at by for as too very just also only please thanks thank hi hello ok okay yes'.split(
    ' ',
  ),
);

/** Chinese that ends in the name of a phrase, maybe "是 / 为", and one more character: "我的助记词是雄", "助记词套". */
const GLUED_FIRST = /(?:助记词|记忆词|恢复词|短语|单词|词)(?:是|为|係|系|：|:)?\p{Script=Han}$/u;

/** A list number between words: "\n7. ", "  7) ". */
const NUMBERED = /\d{1,2}\s*[.)、:：]/;

/** The shape of a separator: digits and runs of spaces or line breaks count as one. */
function shape(gap: string) {
  return gap.replace(/\d+/g, '9').replace(/\s+/g, ' ');
}

/**
 * Splits a run where the separator changes: a phrase has one separator between all its words. Each
 * stretch of equal separators gives a segment with the words on both sides of them, so the word
 * after "phrase:" starts the phrase's segment.
 */
function segments(run: Token[]): Token[][] {
  if (run.length < 2) return [run];
  const out: Token[][] = [];
  let from = 1;
  for (let i = 2; i <= run.length; i++) {
    if (i === run.length || shape(run[i]!.gap) !== shape(run[from]!.gap)) {
      out.push(run.slice(from - 1, i));
      from = i;
    }
  }
  return out;
}

type Case = 'lower' | 'title' | 'upper' | 'other';
function caseOf(raw: string): Case {
  if (!/[A-Za-z]/.test(raw)) return 'other';
  if (raw === raw.toLowerCase()) return 'lower';
  if (raw === raw.toUpperCase() && raw.length > 1) return 'upper';
  if (raw[0] === raw[0]!.toUpperCase() && raw.slice(1) === raw.slice(1).toLowerCase()) return 'title';
  return 'other';
}

/**
 * Trims what cannot be the phrase off a segment's edges: words off the list within its first or
 * last three words (with whatever stood beyond them), and words whose letter case differs from
 * the phrase's ("I typed Away Hotel Craft …").
 */
function trim(words: Token[]): Token[] {
  let w = words;
  // A prefix or suffix of at most one list word, cut off by a word off the list, is the sentence
  // around the phrase ("… phrase is apple …"), not the phrase.
  const lead = w.slice(0, 3).findLastIndex((t) => !t.hit);
  if (lead >= 0 && w.slice(0, lead).filter((t) => t.hit).length <= 1 && w.length - lead - 1 >= 6)
    w = w.slice(lead + 1);
  const tailFrom = Math.max(0, w.length - 3);
  const tail = w.slice(tailFrom).findIndex((t) => !t.hit);
  if (tail >= 0 && w.slice(tailFrom + tail + 1).filter((t) => t.hit).length <= 1 && tailFrom + tail >= 6)
    w = w.slice(0, tailFrom + tail);
  const cases = new Map<Case, number>();
  for (const t of w) if (t.exact) cases.set(caseOf(t.raw), (cases.get(caseOf(t.raw)) ?? 0) + 1);
  const major = [...cases.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (major && major !== 'other') {
    let from = 0;
    let to = w.length;
    while (from < to && caseOf(w[from]!.raw) !== major && caseOf(w[from]!.raw) !== 'other') from++;
    while (to > from && caseOf(w[to - 1]!.raw) !== major && caseOf(w[to - 1]!.raw) !== 'other') to--;
    if (to - from >= 6) w = w.slice(from, to);
  }
  const first = w.findIndex((t) => t.hit);
  const last = w.findLastIndex((t) => t.hit);
  return first < 0 ? [] : w.slice(first, last + 1);
}

function evaluateRun(run: Token[], text: string): Finding[] {
  // Cheap before segmenting and trimming: every way evaluateWords flags words needs at least
  // MIN_WORDS_IN_CONTEXT list words among them (a checksum needs 12), and its words are a part of
  // this run. Most runs of ordinary text hold one or two list words.
  let hits = 0;
  for (const t of run) if (t.hit) hits++;
  if (gatesOn() && hits < MIN_WORDS_IN_CONTEXT) return [];
  const found: Finding[] = [];
  for (const segment of segments(run)) found.push(...evaluateWords(trim(segment), text));
  // A phrase typed with mixed separators: judge the whole run when no part of it passed alone, but
  // then only a checksum or words announcing a phrase make it one (prose mixes ", " and " ").
  if (found.length === 0 && segments(run).length > 1) found.push(...evaluateWords(trim(run), text, true));
  return found;
}

function evaluateWords(words: Token[], text: string, mixedSeparators = false): Finding[] {
  if (words.length === 0) return [];
  const hits = words.filter((t) => t.hit);
  const exact = hits.filter((t) => t.exact).length;
  const ratio = hits.length / words.length;
  // Prose mixes ", " and " ": there a checksum alone (one window in sixteen passes by chance) does
  // not make twelve list words a phrase; words announcing one must stand near.
  const complete =
    hits.length === words.length &&
    hasValidChecksum(hits.map((t) => t.word)) &&
    !(mixedSeparators && !announcedNear(words, text));
  // Spaced-out Chinese can be an ordinary sentence typed with spaces: it still segments into words.
  const chinese = hits.every((t) => CHINESE_CHARS.has(t.word));
  const zhWords = hits.map((t) => t.word);
  if (
    chinese &&
    !complete &&
    (singleRatio(zhWords.join('')) < 0.6 || medianChineseRank(zhWords) < PROSE_MEDIAN_RANK)
  )
    return [];
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  const announced = CONTEXT.test(
    text.slice(Math.max(0, start - ANNOUNCE_BEFORE), start) + text.slice(end, end + ANNOUNCE_AFTER),
  );
  const enough =
    complete ||
    (!mixedSeparators && hits.length >= MIN_WORDS && exact >= MIN_WORDS - 1 && ratio >= 0.8) ||
    (announced &&
      hits.length >= (mixedSeparators ? MIN_WORDS : MIN_WORDS_IN_CONTEXT) &&
      exact >= (mixedSeparators ? MIN_WORDS : MIN_WORDS_IN_CONTEXT) - 1 &&
      ratio >= 0.85);
  if (enough) return [{ kind: 'mnemonic', start, end }];
  const window = mixedSeparators && !announced ? null : checksumWindow(words);
  return window ? [{ kind: 'mnemonic', start: window.start, end: window.end }] : [];
}

function announcedNear(words: Token[], text: string) {
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  return CONTEXT.test(
    text.slice(Math.max(0, start - ANNOUNCE_BEFORE), start) + text.slice(end, end + ANNOUNCE_AFTER),
  );
}

/** The longest window of a phrase's length whose words carry a valid checksum (exact words only). */
function checksumWindow(words: Token[]): { start: number; end: number } | null {
  if (words.length < 12 || words.length > 64) return null;
  for (const size of [24, 21, 18, 15, 12]) {
    for (let i = 0; i + size <= words.length; i++) {
      const w = words.slice(i, i + size);
      if (w.every((t) => t.exact) && hasValidChecksum(w.map((t) => t.word)))
        return { start: w[0]!.start, end: w[size - 1]!.end };
    }
  }
  return null;
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

/**
 * Unspaced Chinese: "助记词是…" in the same run announces what follows it, so the run is judged
 * after its last announcing word; without one, only words near the run announce it ("助记词丢了还能
 * 找回吗" is about a phrase, not one).
 */
function announcedChinese(text: string, run: string, start: number): Finding[] {
  const inside = matchesIn(run, CONTEXT_ALL).at(-1);
  if (inside) {
    const from = inside.index + inside[0].length;
    return unspacedChinese(run.slice(from), start + from, true);
  }
  const end = start + run.length;
  const near =
    text.slice(Math.max(0, start - ANNOUNCE_BEFORE), start) + text.slice(end, end + ANNOUNCE_AFTER);
  return unspacedChinese(run, start, CONTEXT.test(near));
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
      // Three of the commonest characters read as a sentence, checksum or not, unless announced.
      const prose = !context && commonChineseCount(span.pieces) >= 3;
      const enough =
        !prose &&
        ((complete && ratio >= 0.6) ||
          (uniform &&
            ((span.chars >= 12 && ratio >= 0.75) || (context && span.chars >= MIN_WORDS && ratio >= 0.6))));
      if (enough) findings.push({ kind: 'mnemonic', start: offset + span.start, end: offset + span.end });
    }
    span = null;
  };
  // A phrase glued between words of prose ("我记得是这些字呆呢航…泉请帮忙看看") dilutes the span's
  // ratio of single characters; the stretch of single list characters alone is judged as well.
  let streak = { start: 0, length: 0 };
  const closeStreak = () => {
    if (streak.length >= MIN_CHARS_UNSPACED) {
      const found = singlesStreak(run, streak.start, streak.length);
      if (found) findings.push({ kind: 'mnemonic', start: offset + found.start, end: offset + found.end });
    }
    streak = { start: 0, length: 0 };
  };
  let at = 0;
  for (const piece of segmenter().cut(run, false)) {
    const inList = [...piece].every((c) => CHINESE_CHARS.has(c));
    if (inList && piece.length === 1) {
      if (streak.length === 0) streak.start = at;
      streak.length++;
    } else closeStreak();
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
  closeStreak();
  return findings;
}

/**
 * A stretch of single list characters that jieba could not join into words, of a phrase's length:
 * the checksum-valid window inside it if there is one (so prose characters touching it stay
 * visible), else the whole stretch if its characters are rare enough not to read as prose.
 */
function singlesStreak(run: string, start: number, length: number) {
  const chars = [...run.slice(start, start + length)];
  for (let n = Math.min(24, length - (length % 3)); n >= 12; n -= 3)
    for (let i = 0; i + n <= length; i++)
      if (commonChineseCount(chars.slice(i, i + n)) < 3 && hasValidChecksum(chars.slice(i, i + n)))
        return { start: start + i, end: start + i + n };
  return medianChineseRank(chars) >= PROSE_MEDIAN_RANK ? { start, end: start + length } : null;
}
