import pinyin from 'tiny-pinyin';
import { segmenter } from './segmenter.ts';

/**
 * A secret's name typed with a homophone, read as the name (round 16): voice input and pinyin
 * keyboards put the right sounds on the wrong characters ("秘码", "验正码", "严证码", "注记词", "私要"),
 * and the screens' vocabulary is written in the right ones. A window of text that sounds like a
 * secret's name (the same syllables, tones ignored) and shares all its characters but one with it
 * (a two-character name: one of two) is replaced by the name. Same length, character for character,
 * so offsets found in the folded text still point into the original (applied with the dialect fold,
 * simplified.ts, so customers' messages and agents' replies are read alike).
 *
 * What is left alone: a sentence particle in the changed place ("已经验证吗" is a question, not 验证码),
 * reduplication ("密密麻麻"), a window that cuts through a word of its own ("太自私要不得" is 自私 then
 * 要不得, not 私钥: the window must start and end where jieba's dictionary cut does), and anything not
 * Han. The names are the vocabulary's Chinese heads; the
 * syllables come from tiny-pinyin (also used by the help center's glossary), not from a list of typos.
 */
const NAMES = [
  '密码',
  '验证码',
  '助记词',
  '私钥',
  '密钥',
  '口令',
  '动态码',
  '校验码',
  '安全码',
  '种子词',
  '恢复词',
  '谷歌',
] as const;

/** Readings tiny-pinyin does not give for a name's character (it gives one reading per character). */
const MORE_READINGS: Record<string, string[]> = { 校: ['jiao'], 钥: ['yue'] };

/** Particles and fillers that sound like a name's last syllable but end a question or a clause. */
const PARTICLES = new Set(Array.from('吗嘛么呢吧啊呀哇哦喔嘞咯啦'));

const readingCache = new Map<string, string>();
function reading(char: string): string {
  let r = readingCache.get(char);
  if (r === undefined) {
    const parsed = pinyin.parse(char);
    r = parsed.length === 1 && parsed[0]!.type === 2 ? parsed[0]!.target.toLowerCase() : '';
    if (readingCache.size > 20_000) readingCache.clear();
    readingCache.set(char, r);
  }
  return r;
}

interface Name {
  text: string;
  chars: string[];
  readings: Array<Set<string>>;
}
/** For each character of a name, the names it stands in and where: windows are tried only there. */
let byChar: Map<string, Array<{ name: Name; at: number }>> | null = null;
function prepare(): Map<string, Array<{ name: Name; at: number }>> {
  const index = new Map<string, Array<{ name: Name; at: number }>>();
  for (const text of NAMES) {
    const chars = Array.from(text);
    const name = {
      text,
      chars,
      readings: chars.map((c) => new Set([reading(c), ...(MORE_READINGS[c] ?? [])])),
    };
    for (const [at, c] of chars.entries()) index.set(c, [...(index.get(c) ?? []), { name, at }]);
  }
  byChar = index;
  return index;
}

const HAN = /\p{Script=Han}/u;

/** The text with every homophone of a secret's name replaced by the name (same length). */
export function foldHomophones(text: string): string {
  const index = byChar ?? prepare();
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const hits = index.get(text[i]!);
    if (!hits) continue;
    for (const { name, at } of hits) {
      const start = i - at;
      const n = name.chars.length;
      if (start < 0 || start + n > text.length) continue;
      if (text.startsWith(name.text, start)) continue;
      if (!fits(text, start, name)) continue;
      // One entry per UTF-16 unit, so indices stay the text's (the names are in the BMP).
      out ??= text.split('');
      for (let k = 0; k < n; k++) out[start + k] = name.chars[k]!;
    }
  }
  return out ? out.join('') : text;
}

function fits(text: string, start: number, name: Name): boolean {
  const n = name.chars.length;
  let same = 0;
  for (let k = 0; k < n; k++) {
    const c = text[start + k]!;
    if (c === name.chars[k]) {
      same++;
      continue;
    }
    if (!HAN.test(c) || PARTICLES.has(c)) return false;
    if (!name.readings[k]!.has(reading(c))) return false;
  }
  if (same < Math.max(1, n - 1)) return false;
  // Reduplication ("密密麻麻"): the character before repeats the window's first.
  if (start > 0 && text[start - 1] === text[start]) return false;
  return onWordBoundaries(text, start, start + n);
}

const HAN_RUN_LIMIT = 24;

/**
 * Whether [start, end) begins and ends between two of jieba's words, cutting the run of Han
 * characters around it (at most HAN_RUN_LIMIT on each side: a sentence's worth of context).
 */
function onWordBoundaries(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < HAN_RUN_LIMIT && HAN.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < HAN_RUN_LIMIT && HAN.test(text[to]!)) to++;
  const cuts = new Set([from]);
  let at = from;
  for (const word of segmenter().cut(text.slice(from, to), false)) {
    at += word.length;
    cuts.add(at);
  }
  return cuts.has(start) && cuts.has(end);
}
