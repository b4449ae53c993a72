import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password that is one plain word, given outright (round 17): "the password is just sunshine (i
 * know, I'll change it)", "my pw was dragon, now it says wrong". The other rules take a value after
 * "password is" only when it looks made up (digits, signs, mixed case): a lowercase word there is
 * more often what the customer says about the password ("is wrong", "is compromised", "is too
 * long"). Here a word is taken only when the sentence gives it as the password's value:
 *
 * - the customer's own password ("my", "the", "our" …) "is" or "was", maybe "just" / "literally";
 * - the word ends there (a stop, a comma, a bracket, "and", "but", "according to", "I think") — "my password is dog plus the
 *   year" describes one;
 * - it is no word of state or quality: not in STATE_WORDS and without an adjective's or a
 *   participle's ending (-ed, -ing, -ly, -able, -ful, -ous, -ive, -less …).
 */
const PLAIN =
  /\b(?:my|the|our|his|her|their|your)\s+(?:[a-z]+\s+)?(?:password|passcode|pw|pwd)\s+(?:is|was)\s+(?:just\s+|literally\s+|simply\s+|only\s+|still\s+)?([a-z]{4,20})(?=\s*(?:[.,;!?()]|$)|\s+(?:and|but|so|lol|haha|lmao|according|apparently|though|btw|since|which|i\s+(?:think|believe|swear))\b)/gi;

export const STATE_WORDS = new Set(
  (
    'wrong right correct incorrect fine okay alright good bad great perfect terrible awful weak strong long ' +
    'short same similar identical different new old safe secure simple easy hard complex invalid valid gone ' +
    'lost stolen hacked known unknown there here mine yours empty blank fake real true false ready done fixed ' +
    'reset changed saved stored written attached required needed sensitive forgotten missing unique common ' +
    'random standard default temporary temp original personal private secret enough also very really still ' +
    'now then definitely exactly actually probably maybe surely certainly none nothing something above below ' +
    'case the this that what which'
  ).split(' '),
);
export const STATE_ENDING = /(?:ed|ing|ly|able|ible|ful|ous|ive|less|ent|ant|ish|ical|ary)$/;
const MAY_NAME = /pass(?:word|code)|\bpwd?\b/i;

export function detectPlainWordPasswords(text: string): Finding[] {
  if (!MAY_NAME.test(text)) return [];
  const out: Finding[] = [];
  for (const m of matchesIn(text, PLAIN)) {
    const word = m[1]!;
    const lower = word.toLowerCase();
    if (STATE_WORDS.has(lower) || STATE_ENDING.test(lower)) continue;
    const start = m.index + m[0].length - word.length;
    out.push({ kind: 'password', start, end: start + word.length });
  }
  return out;
}
