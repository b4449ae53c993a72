import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * How far a password goes, when the customer says what is in it (round 17, dev19):
 *
 * - **Chinese characters in it** ("my password has Chinese characters in it, 熊猫Panda88", "是不是中文字符
 *   不行"): Chinese glued to a password found in Latin letters is part of it (熊猫Panda88,
 *   sushe404_wifi没网), up to a word that introduces it (是, 为, 成 …).
 * - **Spaces in it** ("has spaces in it: blue whale 55 river", "tian tian xiang shang 8 中间有空格"): the
 *   words typed with single spaces after a colon, or after the first word found, are one password,
 *   as long as one of them has a digit.
 */
export const SAYS_CHINESE = /中文|汉字|漢字|chinese\s+(?:characters?|letters?|words?)|\bhan\s+characters?\b/i;
const SAYS_SPACES = /空格|\bspaces?\b/i;
const HAN = /\p{Script=Han}/u;
/** Words that introduce a value: the Chinese before a password stops at them. */
const INTRODUCES = /[是为為係系成改设設到用码碼：:，,。！？\s]/u;
const GLUE_LIMIT = 6;

const WORD = '[A-Za-z0-9!@#$%^&*_.+-]+';
/** Digits said in Chinese numerals count as the digits of a spaced password ("lion rock 一九七三"). */
const HAN_DIGITS = '[零一二三四五六七八九〇幺两兩]{2,8}';
const SPACED_WORD = `(?:${WORD}|${HAN_DIGITS}(?!\\p{Script=Han}))`;
/**
 * After a password's name and a colon (or 是 / 係 / 為 in Chinese): words with single spaces, up to a
 * dash, a bracket, a stop or the Chinese sentence going on.
 */
const SPACED_AFTER_COLON = new RegExp(
  String.raw`(?:password|passcode|passphrase|密码|密碼)(?:[^:：\n。.!?]{0,60}[:：]|[^:：\n。.!?\sA-Za-z]{0,6}?(?:是|係|为|為))\s*(${WORD}(?: ${SPACED_WORD}){1,5})(?=\s*(?:[—–(（,，。.!?！？]|$)|\s+-\s|\s+\p{Script=Han})`,
  'giu',
);
/**
 * Without the password's name (round 25): "it's three words with spaces: Semper Fortis 1999", "he says
 * it's La Obra 2025 with the spaces" — the spaced words right after "spaces:", or between "it's" and
 * "with (the) spaces".
 */
const SPACED_NAMELESS = [
  new RegExp(
    String.raw`\bspaces?\b[^:：\n.!?]{0,24}[:：]\s*(${WORD}(?: ${SPACED_WORD}){1,5})(?=\s*(?:[—–(（,，。.!?！？]|$))`,
    'dgiu',
  ),
  new RegExp(
    String.raw`\b(?:it'?s|it\s+is|is|was)\s+(${WORD}(?: ${SPACED_WORD}){1,5})\s+with\s+(?:the\s+)?spaces\b`,
    'dgiu',
  ),
];
/** Another thing's name before the words: "my username is Kofi Mensah 77 with spaces". */
const OTHER_NAME =
  /\b(?:user\s*name|username|name|nick(?:name)?|e-?mail|address|id)\b[^.!?\n]{0,12}$|用户名|昵称|名字/i;
const SPACED_AFTER = new RegExp(`^(?: ${SPACED_WORD}){1,5}`, 'u');
const A_DIGIT = /[\d零一二三四五六七八九〇幺两兩]/;
const SENTENCE_WORD =
  /^(?:and|but|or|so|then|the|a|an|it|its|i|my|me|is|was|are|were|to|of|in|on|at|for|with|after|times?|tries|please|pls|thanks?)$/i;

/**
 * An "=" inside a password ("changed it from Debit=Credit9 to Debit=Credit10", round 25): the token
 * rules split at "=" (so that "password=…" gives the value), so a password found right after one is
 * widened over the letters before it — unless they are a label ("pw=", "pass=", "code=").
 */
const EQUALS_PART = /(?<![A-Za-z0-9_!@#$%^&*.+-])([A-Za-z0-9_!@#$%^&*.+-]{2,24})=$/;
/** A label before "=": a secret's name, at the end of a config key too ("APP_PASS="), or any key in capitals. */
const LABEL =
  /(?:^|[_.-])(?:pass(?:word|wd|code)?|pwd?|pin|code|otp|key|user(?:name)?|login|id|uid|email|token|secret)$/i;
const CONFIG_KEY = /^[A-Z][A-Z0-9_]*$/;
function overEquals(text: string, f: Finding): Finding {
  if (f.kind !== 'password') return f;
  const m = text.slice(Math.max(0, f.start - 25), f.start).match(EQUALS_PART);
  if (!m || LABEL.test(m[1]!) || CONFIG_KEY.test(m[1]!)) return f;
  return { ...f, start: f.start - m[0].length };
}

export function passwordExtent(text: string, original: Finding[]): Finding[] {
  const findings = text.includes('=') ? original.map((f) => overEquals(text, f)) : original;
  const chinese = SAYS_CHINESE.test(text);
  const spaces = SAYS_SPACES.test(text);
  if (!chinese && !spaces) return findings;
  // In a Chinese message the Latin words are the password's own (pinyin: "ping an xi le 6"); in an
  // English one, a common word is the sentence going on.
  const english = !HAN.test(text);
  const out = findings.map((f) => (f.kind === 'password' ? widen(text, f, chinese, spaces, english) : f));
  if (spaces) {
    // Spaced words are a password when one has a digit and, in English, none is the sentence going on.
    const take = (value: string, start: number, sentence: boolean) => {
      if (!A_DIGIT.test(value) || (sentence && value.split(' ').some((w) => SENTENCE_WORD.test(w)))) return;
      out.push({ kind: 'password', start, end: start + value.length });
    };
    for (const m of SPACED_NAMELESS.flatMap((r) => matchesIn(text, r))) {
      const start = m.indices![1]![0];
      if (OTHER_NAME.test(text.slice(Math.max(0, start - 30), start))) continue;
      // Up to a sentence's end inside the words ("Semper Fortis 1999. The app …").
      take(m[1]!.replace(/[.!?](?:\s.*)?$/, ''), start, true);
    }
    for (const m of matchesIn(text, SPACED_AFTER_COLON))
      take(m[1]!, m.index + m[0].length - m[1]!.length, english);
  }
  return out;
}

function widen(text: string, f: Finding, chinese: boolean, spaces: boolean, english: boolean): Finding {
  let { start, end } = f;
  if (chinese && /[A-Za-z0-9]/.test(text.slice(start, end))) {
    let back = start;
    while (
      back > 0 &&
      start - back < GLUE_LIMIT &&
      HAN.test(text[back - 1]!) &&
      !INTRODUCES.test(text[back - 1]!)
    )
      back--;
    // Before it, a word or two that starts after a space, a stop or an introducing word (a longer run
    // is the sentence); after it, at most two characters and then no more Chinese ("没网 ，", not
    // "登录不了").
    if (back > 0 && HAN.test(text[back - 1]!) && !INTRODUCES.test(text[back - 1]!)) back = start;
    let ahead = end;
    while (ahead < text.length && ahead - end < 3 && HAN.test(text[ahead]!) && !INTRODUCES.test(text[ahead]!))
      ahead++;
    if (ahead - end > 2 || (ahead < text.length && HAN.test(text[ahead]!))) ahead = end;
    [start, end] = [back, ahead];
  }
  if (spaces && !/\s/.test(text.slice(start, end))) {
    const more = text.slice(end).match(SPACED_AFTER)?.[0] ?? '';
    // Up to the last of those words with a digit ("tian tian xiang shang 8").
    const words = more.split(' ').slice(1);
    let taken = 0;
    let length = 0;
    for (const [i, w] of words.entries()) {
      // The sentence going on ends it ("Tiger22 and 3 tries later").
      if (english && SENTENCE_WORD.test(w)) break;
      length += 1 + w.length;
      if (A_DIGIT.test(w)) taken = length;
      if (i >= 4) break;
    }
    if (taken > 0) end += taken;
  }
  return { ...f, start, end };
}
