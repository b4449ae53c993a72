import { matchesIn } from '../platform/matches-in.ts';
/**
 * Insults in Chinese and English, including the usual disguises: spaced-out letters ("f u c k",
 * "傻 逼"), look-alike digits and symbols ("sh1t", "f*ck"), pinyin ("shabi", "cao ni ma") and
 * homophones ("煞笔", "草泥马"). Flagged for the agent; the customer's words are kept as written.
 */
export interface AbuseFinding {
  kind: 'abuse';
  start: number;
  end: number;
}

const ZH = [
  '傻逼',
  '傻b',
  '煞笔',
  '沙比',
  '傻比',
  '啥比',
  '煞逼',
  '傻屄',
  '操你妈',
  '操你',
  '草你妈',
  '草泥马',
  '肏',
  '日你妈',
  '你妈死了',
  '你妈的',
  '他妈的',
  '狗日的',
  '王八蛋',
  '脑残',
  '白痴',
  '废物',
  '贱人',
  '婊子',
  '去死',
  '滚蛋',
  '尼玛',
  '泥马',
  '智障',
  '畜生',
  '杂种',
  '狗东西',
];
const PINYIN = [
  'shabi',
  'caonima',
  'caonimabi',
  'nimabi',
  'nmsl',
  'wqnmlgb',
  'cnm',
  'tmd',
  'sb',
  'rnm',
  'nima',
  'gun',
];
const EN = [
  'fuck',
  'fucking',
  'fucker',
  'motherfucker',
  'shit',
  'bullshit',
  'bitch',
  'bastard',
  'asshole',
  'idiot',
  'moron',
  'retard',
  'cunt',
  'dickhead',
  'scumbag',
  'stfu',
  'kys',
  'dumbass',
];
const PHRASES = ['go to hell', 'kill yourself', 'shut up'];

/** Look-alike characters folded to the letter they imitate. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '@': 'a',
  $: 's',
  '!': 'i',
  '7': 't',
};

const LATIN = [...PINYIN, ...EN];
const LATIN_LONG = LATIN.filter((x) => x.length >= 4);
const squeeze = (word: string) => word.replace(/(.)\1+/g, '$1');
/** Each insult as written and with repeated letters squeezed (fuuuck → fuck), looked up per word. */
const LATIN_EXACT = new Set(LATIN);
const LATIN_SQUEEZED = new Set(LATIN.map(squeeze));

export function detectAbuse(text: string): AbuseFinding[] {
  const out: AbuseFinding[] = [];
  // Chinese: drop spaces and punctuation between characters, keep a map back to the original.
  // Every Chinese insult has a Chinese character, so a text of ASCII only cannot hold one.
  if (NON_ASCII.test(text)) {
    const { folded, at } = fold(text);
    for (const word of ZH) {
      for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) {
        out.push({ kind: 'abuse', start: at[i]!, end: at[i + word.length - 1]! + 1 });
      }
    }
  }
  // Latin: word by word, then runs of single letters (spaced-out spelling) joined.
  const words = matchesIn(text, /[A-Za-z0-9@$!*]+/g).map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: deLeet(m[0]),
  }));
  for (const w of words) {
    if (isInsult(w.word)) out.push({ kind: 'abuse', start: w.start, end: w.end });
  }
  for (let i = 0; i < words.length; i++) {
    let j = i;
    let joined = '';
    while (
      j < words.length &&
      words[j]!.word.length <= 3 &&
      (j === i || text.slice(words[j - 1]!.end, words[j]!.start).length <= 2)
    ) {
      joined += words[j]!.word;
      j++;
    }
    if (j - i >= 3 && LATIN_LONG.some((x) => joined.includes(x))) {
      out.push({ kind: 'abuse', start: words[i]!.start, end: words[j - 1]!.end });
      i = j - 1;
    }
  }
  const lower = text.toLowerCase();
  for (const p of PHRASES) {
    for (let i = lower.indexOf(p); i >= 0; i = lower.indexOf(p, i + 1))
      out.push({ kind: 'abuse', start: i, end: i + p.length });
  }
  return dedupe(out);
}

/** A word equals an insult, allowing "*" for a hidden letter (f*ck) and repeated letters (fuuuck). */
function isInsult(word: string): boolean {
  if (LATIN_EXACT.has(word) || LATIN_SQUEEZED.has(squeeze(word))) return true;
  if (!word.includes('*')) return false;
  return LATIN.some(
    (insult) => word.length === insult.length && [...word].every((c, i) => c === '*' || c === insult[i]),
  );
}

const HAS_LEET = /[013457@$!]/;

function deLeet(word: string): string {
  const lower = word.toLowerCase();
  // Most words have no look-alike character: nothing to replace.
  if (!HAS_LEET.test(lower)) return lower;
  return [...lower].map((c) => LEET[c] ?? c).join('');
}

const NON_ASCII = /[\u0080-\uffff]/;
const SKIPPED = /[\s.\-_*·、，,。!！?？~～]/u;

function fold(text: string): { folded: string; at: number[] } {
  let folded = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (SKIPPED.test(c)) continue;
    folded += c.toLowerCase();
    at.push(i);
  }
  return { folded, at };
}

function dedupe(findings: AbuseFinding[]): AbuseFinding[] {
  const sorted = findings.sort((a, b) => a.start - b.start || b.end - a.end);
  return sorted.filter((f, i) => !sorted.slice(0, i).some((g) => g.start <= f.start && g.end >= f.end));
}
