import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { STATE_ENDING, STATE_WORDS } from './plain-word-password.ts';

/**
 * A password said in words, the way voice typing or a shaken customer writes it (round 18, dev20):
 * "my password is blue whale seventy seven exclamation mark and it keeps saying wrong", "password is
 * tiger lily two thousand and five, I'm saying it into the phone". The other rules need a digit, a
 * sign or mixed case; here the numbers and signs are words.
 *
 * After "password is" (was, 's, a colon), the words up to a stop, a comma or a word of the sentence
 * ("and it", "but", "the" …) are read; the value runs to its last number or sign word. It counts only
 * when it has two words or more, one of them a number or a sign, and is not a measure ("twelve
 * characters long", "two years old") nor a state ("changed two days ago"). A digit said with how many
 * times it repeats is one too ("six eights", "六个八").
 */
const CUE = /\b(?:password|passcode|passwd|pw|pin)(?:\s+(?:which\s+|that\s+)?(?:is|was)|'s|\s*[:：])\s+/gi;

const NUMBER =
  /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|double|triple|zeros|ones|twos|threes|fours|fives|sixes|sevens|eights|nines|\d{1,8})$/i;
/** Sign names, each as the words that say it. */
const SIGN =
  /^(?:exclamation (?:mark|point)|question mark|at (?:sign|symbol)|hash(?:tag)?|pound sign|dollar sign|dollar|percent(?: sign)?|ampersand|asterisk|star|underscore|dash|hyphen|dot|full stop|plus(?: sign)?)$/i;
const CASE = /^(?:capital|uppercase|lowercase|upper|lower|big|small)$/i;
/** Words of the sentence around a value, never of it. */
const SENTENCE =
  /^(?:and|but|or|so|it|its|it's|i|i'm|im|me|my|the|a|an|is|was|are|were|be|been|to|of|in|on|at|for|with|from|by|as|that|this|which|when|since|because|please|pls|not|no|dont|don't|doesnt|doesn't|cant|can't|can|could|would|should|will|just|like|about|around|maybe|least|most|only|also|too|very|what|why|how|you|your|we|our|they|their|he|she|his|her|if|then|now|still|keeps?|says?|said|saying|tried|try|typed|type|put|same|any|some|all|every|each|more|less|than)$/i;
/** A measure after a number: the sentence tells the password's length or age, not its value. */
const UNIT =
  /^(?:characters?|chars?|letters?|digits?|numbers?|symbols?|words?|times?|tries|attempts?|days?|weeks?|months?|years?|hours?|minutes?|mins?|seconds?|long|old|ago|later|before|earlier)$/i;

/** Words that end a sentence's thought, never a spoken value's last word. */
const TRAILING =
  /^(?:today|now|again|yesterday|tonight|tho|though|lol|btw|ok|okay|right|too|also|anymore|already|please|pls|thanks|thx|yet|here|there|sir|madam|guys|mate)$/i;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsFrom(text: string, at: number): Word[] {
  const out: Word[] = [];
  const re = /([A-Za-z0-9']+)|(\s+)|([^\sA-Za-z0-9']+)/gy;
  re.lastIndex = at;
  for (let m = re.exec(text); m && out.length < 12; m = re.exec(text)) {
    if (m[3]) break; // A comma, a stop, a bracket: the value ends.
    if (m[1]) out.push({ text: m[1], start: m.index, end: m.index + m[1].length });
  }
  return out;
}

/** Index past a sign name made of one or two words at `i`, or -1. */
function signAt(words: Word[], i: number): number {
  if (words[i + 1] && SIGN.test(`${words[i]!.text} ${words[i + 1]!.text}`)) return i + 2;
  return SIGN.test(words[i]!.text) ? i + 1 : -1;
}

/**
 * "资金密码是六个八" (six eights): a digit said with how many times it repeats; not a guess the
 * customer rules out right after ("以为是六个八，结果不是").
 */
const REPEATED_ZH =
  /(?:密码|密碼|口令)[^，。,.!?！？\n]{0,8}?(?:是|为|為|係|系|：|:)\s*((?:[二三四五六七八九两兩]|\d)[个個](?:[零〇一二三四五六七八九]|\d))(?![位天日月年次遍\d零〇一二三四五六七八九十])(?![，,\s]*(?:结果|結果)?(?:不是|不对|不對|唔係))/gu;

export function detectSpokenPasswords(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchesIn(text, REPEATED_ZH)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ kind: 'password', start, end: start + m[1]!.length });
  }
  if (!/\b(?:password|passcode|passwd|pw|pin)\b/i.test(text)) return out;
  for (const cue of matchesIn(text, CUE)) {
    const words = wordsFrom(text, cue.index + cue[0].length);
    let last = -1; // index past the last number or sign word
    let numbersOrSigns = 0;
    let plain = 0;
    let i = 0;
    while (i < words.length && i < 10) {
      const w = words[i]!.text;
      const sign = signAt(words, i);
      if (sign > 0) {
        numbersOrSigns++;
        i = sign;
        last = i;
        continue;
      }
      if (NUMBER.test(w)) {
        numbersOrSigns++;
        last = ++i;
        continue;
      }
      // "two thousand and five": "and" between numbers is the number's own.
      if (/^and$/i.test(w) && last === i && words[i + 1] && NUMBER.test(words[i + 1]!.text)) {
        i++;
        continue;
      }
      if (SENTENCE.test(w) || STATE_WORDS.has(w.toLowerCase()) || (plain === 0 && STATE_ENDING.test(w)))
        break;
      if (!CASE.test(w)) plain++;
      i++;
    }
    // One plain word after the last number, where the run stops, is the value's own ("hot sauce 4
    // ever, with the number four").
    const trailing = words[last]?.text ?? '';
    if (last > 0 && i === last + 1 && !TRAILING.test(trailing) && !UNIT.test(trailing)) last = i;
    if (last < 2 || numbersOrSigns === 0) continue;
    const next = words[last]?.text ?? '';
    if (UNIT.test(next)) continue;
    out.push({ kind: 'password', start: words[0]!.start, end: words[last - 1]!.end });
  }
  return out;
}
