import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password spelled out, letter by letter, the way a customer dictates it to a phone or reads it off
 * a note (round 17): "p a s s 1 2 3 exclamation mark", "capital S u n n y at sign 9 9",
 * "大写的A 小写的b 然后 井号 再 1997", "大楷 H 細楷 k 然後 井字 再 1997", the radio alphabet ("Victor Echo
 * Romeo Sierra one one"), digits said as such ("小写的i数字五数字五感叹号"). The value is the whole spelled
 * stretch, the spoken words for case and signs inside it included; dictation helpers around it
 * ("all lowercase", "no spaces") are not.
 *
 * A stretch counts only within REACH characters after a password's name (or 30 before it: "… that's
 * my password") and only when it is plainly spelling: at least four units, two of them single
 * letters, and either four single letters or a spoken case or sign. Digits alone are left to the code
 * detectors.
 */
const PASSWORD_NAME = /password|passcode|\bpass\s?word|\bpw\b|密码|密碼|口令/giu;

/** A spoken case word: it joins the letter after it into one unit. */
const CASE_WORD =
  /(?:capital|upper\s?-?case|uppercase|big|small|lower\s?-?case|lowercase|little)\s+(?:letter\s+)?|(?:大写|大寫|小写|小寫)(?:的|字母)?\s*|(?:大楷|細楷|细楷)\s*/iy;
const LETTER = /[A-Za-z](?![A-Za-z])/y;
const ARTICLE_BEFORE_CASE =
  /^\s+(?:capital|upper\s?-?case|uppercase|small|lower\s?-?case|lowercase|little|big)\b/i;
/** After a spoken case, a few letters go together ("小写的ai"). */
const CASED_LETTERS = /[A-Za-z]{1,3}(?![A-Za-z])/y;
/** The radio alphabet: each word stands for its letter ("Victor Echo Romeo"). */
const RADIO_LETTER =
  /(?:alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x-ray|xray|yankee|zulu)\b/iy;
/** Digits, maybe said as such ("数字五", "number 7"); a numeral before a measure word counts ("一個一個字"). */
const DIGITS =
  /(?:(?:数字|數字)\s*|numbers?\s+)?(?:\d{1,8}(?!\d)|[零一二三四五六七八九幺两兩〇]{1,8}(?![个個位次遍]))/iy;
const NUMBER_WORD = /(?:numbers?\s+)?(?:zero|one|two|three|four|five|six|seven|eight|nine)\b/iy;
/** A letter said with a word for it ("H for Havana", "S for sugar", round 30): a spoken letter. */
const LETTER_FOR_WORD = /[A-Za-z]\s+(?:for|as\s+in)\s+[A-Za-z][a-z]+\b/y;
/** A screen reader or a dictating customer announcing a digit: "number. eight." (round 19). */
const NUMBER_SAID = /number(?=\.\s)/iy;
const SIGN_NAME =
  /(?:exclamation(?:\s+(?:mark|point))?|at\s+(?:sign|symbol)|hash(?:tag)?(?:\s+sign)?|pound\s+sign|number\s+sign|dollar(?:\s+sign)?|percent(?:\s+sign)?|ampersand|and\s+sign|asterisk|star|underscore|under\s+score|dash|hyphen|plus(?:\s+sign)?|equals?(?:\s+sign)?|dot|full\s+stop|question\s+mark|slash|tilde)\b|(?:at\s*(?:号|號)|井号|井號|井字號?|感叹号|感嘆號|叹号|嘆號|星号|星號|下划线|下劃線|底线|底線|横杠|橫槓|横线|橫線|减号|減號|加号|加號|美元符号|美元符號|百分号|百分號|问号|問號|斜杠|斜槓|艾特|小数点|小數點)/iuy;
/**
 * Between two units: spaces or a comma, a count said aside ("三个字母"), and a "then"-word; or one
 * dash between single characters ("c-h-e-r-r-y-9-9", round 18); or a screen reader's full stop
 * ("k. o. a. l. a. number. eight.", round 19).
 */
const BETWEEN =
  /-(?=[A-Za-z0-9](?![A-Za-z0-9])|(?:alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu|zero|one|two|three|four|five|six|seven|eight|nine)\b)|\.\s+(?=[A-Za-z0-9](?![A-Za-z0-9])|number\b|(?:zero|one|two|three|four|five|six|seven|eight|nine)\b)|\s*[,，、]?\s*(?:[一二三四五六七八九两兩\d][个個](?:字母|数字|數字|字)\s*[,，、]?\s*)?(?:(?:and\s+)?then\s+(?:the\s+|an?\s+)?|followed\s+by\s+(?:the\s+|an?\s+)?|and\s+|(?:然后是?|然後是?|再加(?:上)?|再|接着|接著|跟住|之后|之後|加上|加|最后(?:是|一个|一個)?|最後(?:是|一個)?)\s*(?:一个|一個|个|個)?\s*)?/iuy;

interface Unit {
  start: number;
  end: number;
  letter: boolean;
  spoken: boolean;
}

function unitAt(text: string, at: number): Unit | null {
  CASE_WORD.lastIndex = at;
  const cased = CASE_WORD.exec(text);
  const from = cased ? at + cased[0].length : at;
  const letters = cased ? CASED_LETTERS : LETTER;
  letters.lastIndex = from;
  const letter = letters.exec(text);
  // The article before a spoken case ("a capital G and a capital T") is a word, not a letter.
  const article =
    !cased && /^a$/i.test(letter?.[0] ?? '') && ARTICLE_BEFORE_CASE.test(text.slice(from + 1, from + 24));
  LETTER_FOR_WORD.lastIndex = from;
  const said = cased ? null : LETTER_FOR_WORD.exec(text);
  if (said && (from === 0 || !/[A-Za-z]/.test(text[from - 1]!)))
    return { start: at, end: from + said[0].length, letter: true, spoken: true };
  if (letter && !article && (from === 0 || !/[A-Za-z]/.test(text[from - 1]!)))
    return { start: at, end: from + letter[0].length, letter: true, spoken: cased !== null };
  RADIO_LETTER.lastIndex = from;
  const radio = RADIO_LETTER.exec(text);
  if (radio && (from === 0 || !/[A-Za-z]/.test(text[from - 1]!)))
    return { start: at, end: from + radio[0].length, letter: true, spoken: true };
  if (cased) return null;
  for (const [re, spoken] of [
    [SIGN_NAME, true],
    [NUMBER_SAID, true],
    [DIGITS, false],
    [NUMBER_WORD, false],
  ] as const) {
    re.lastIndex = at;
    const m = re.exec(text);
    // A Latin digit or word must not continue a word ("abc123" is not spelling).
    const glued = /[A-Za-z0-9]/.test(text[at]!) && at > 0 && /[A-Za-z0-9]/.test(text[at - 1]!);
    if (m && !glued) return { start: at, end: at + m[0].length, letter: false, spoken };
  }
  return null;
}

/** A unit said twice or three times over ("then the number 5 twice", round 29). */
const REPEATED = /\s+(?:twice|two\s+times|thrice|three\s+times)\b/iy;

/** The longest run of units from `at`, or null. */
function runAt(text: string, at: number): Unit[] {
  const units: Unit[] = [];
  let pos = at;
  let dotted = false;
  for (;;) {
    const unit = unitAt(text, pos);
    if (!unit) break;
    REPEATED.lastIndex = unit.end;
    const again = REPEATED.exec(text);
    if (again) unit.end += again[0].length;
    units.push(unit);
    BETWEEN.lastIndex = unit.end;
    const gap = BETWEEN.exec(text);
    // A full stop goes on only in a screen reader's run, which starts after a letter ("k. o. a. l. a.
    // number. eight. eight."): after "… five five." the sentence has ended ("five five. I put that in").
    const dot = gap !== null && /^\./.test(gap[0]);
    if (dot && !dotted && !unit.letter) break;
    dotted ||= dot;
    pos = unit.end + (gap ? gap[0].length : 0);
    if (pos === unit.end && /[A-Za-z0-9]/.test(text[pos] ?? '')) break;
  }
  return units;
}

function plainlySpelling(units: Unit[]): boolean {
  const letters = units.filter((u) => u.letter).length;
  const spoken = units.filter((u) => u.spoken).length;
  return units.length >= 4 && letters >= 2 && (letters >= 4 || spoken >= 1);
}

const MAY_SPELL =
  /\b[A-Za-z]\s+(?:for|as\s+in)\s+[A-Za-z]|\b[A-Za-z]\s+[A-Za-z0-9]\b|\b[A-Za-z]\s*[,，]\s*[A-Za-z0-9]\b|\b(?:capital|upper\s?-?case|small|lower\s?-?case)\s+[A-Za-z]\b|\b[A-Za-z]\.\s+[A-Za-z0-9]\.|\b[A-Za-z0-9]-[A-Za-z0-9]-[A-Za-z0-9]\b|[大小][写寫]|[大細细]楷|\b(?:alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|kilo|lima|mike|oscar|papa|quebec|romeo|sierra|tango|victor|whiskey|yankee|zulu)[\s,，-]+\w/iu;
const REACH = 160;

export function detectSpelledPasswords(text: string): Finding[] {
  if (!MAY_SPELL.test(text)) return [];
  PASSWORD_NAME.lastIndex = 0;
  const names = matchesIn(text, PASSWORD_NAME).map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (names.length === 0) return spelledWithoutName(text);
  // The password's name is before the stretch (within REACH), or right after it ("… that's my
  // password"). Each position of the text is tried once, however many names it is near.
  const near = (at: number, end: number) =>
    names.some((n) => (n.end <= at && at - n.end <= REACH) || (n.start >= end && n.start - end <= 30));
  const first = Math.max(0, names[0]!.start - REACH);
  const last = Math.min(text.length, names[names.length - 1]!.end + REACH);
  return spelledRuns(text, first, last, plainlySpelling)
    .filter((r) => near(r.start, r.end))
    .map(({ start, end }) => ({ kind: 'password', start, end }));
}

/**
 * Every run of spelled units starting in [from, to) that `accept` takes, in order; a run taken is
 * skipped whole (its inner positions start no other run). A run starts at no letter's or digit's middle.
 */
function spelledRuns(text: string, from: number, to: number, accept: (units: Unit[]) => boolean) {
  const runs: { start: number; end: number }[] = [];
  for (let at = from; at < to; at++) {
    if (at > 0 && /[A-Za-z0-9]/.test(text[at - 1]!)) continue;
    const units = runAt(text, at);
    if (!accept(units)) continue;
    const end = units[units.length - 1]!.end;
    runs.push({ start: at, end });
    at = end;
  }
  return runs;
}

/**
 * Spelled so plainly that no password's name is needed (round 27, sets 31–34: "I wrote it like he
 * said: capital V, e, r, s, a, i, l, l, e, s, and then five five", "我一個一個字母講：大寫的T，小寫的e，
 * a，c，h，然後是數字5，8", "typing it: Papa-Oscar-Romeo-Tango-seven-two"): a stretch that starts with a
 * spoken case or a radio-alphabet word and holds six units or more, four of them letters. A word or two
 * spelled to make a point ("that's M, I, N, E") is shorter.
 */
function spelledWithoutName(text: string): Finding[] {
  const plain = (units: Unit[]) =>
    units.length >= 6 && units[0]!.spoken && units.filter((u) => u.letter).length >= 4;
  return spelledRuns(text, 0, text.length, plain).map(({ start, end }) => ({ kind: 'password', start, end }));
}
