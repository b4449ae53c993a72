import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password given in two parts (round 18, dev20): "密碼前面是 Peng ，後面是 hu_Island4", "the first part is
 * Sun and the rest is flower#22", "my password is Tangerine and then 88# at the end". Each part is
 * a value of its own. Only in a message that names a password, and only a part that looks like one:
 * Latin letters, digits or signs, with a digit, a sign or a capital (so "then it", "后面是什么" are not).
 */
/** A password named anywhere in the message (also read by password-corrections.ts). */
export const NAMES_PASSWORD = /password|passcode|passwd|\bpw\b|\bpin\b|密码|密碼|口令/i;
const PART =
  /(?:(?:^|\n)\s*(?:\[[^\]\n]{1,12}\]\s*)?then\b|(?:头|頭|前|尾|后|後)一半|\brest(?=\s*(?:is\b|was\b|[:：]))|第[一二三1-3](?:条|條|段|行|部分|截)|(?:头|頭|前|后|後)一段|前面|前半(?:部分|段|截)?|上半(?:部分|段|截)|开头|開頭|第一部分|后面|後面|后半(?:部分|段|截)?|後半(?:部分|段|截)?|下半(?:部分|段|截)|结尾|結尾|最后|最後|\bfirst\s+(?:part|half|bit|bits)|\b(?:second|last)\s+(?:part|half|bit)|\bthe\s+rest|\bstarts?\s+with|\bbegins?\s+with|\bends?\s+with|\band\s+then)(?:\s*(?:(?:好像|应该|應該|大概|可能)?(?:是|係|系|为|為)|\bis\b|\bwas\b|[:：]))?\s*["'“‘「]?([A-Za-z0-9!@#$%^&*_.+\-?~]{2,40})(?![A-Za-z0-9!@#$%^&*_+\-~])(?![ \t]*(?:次|分|秒|天|个|個|位|号|號|小时|小時|元|块|塊|times?\b|minutes?\b|mins?\b|hours?\b|days?\b|seconds?\b|digits?\b|characters?\b|chars?\b|letters?\b))/giu;
const LOOKS_MADE_UP = /[\d!@#$%^&*_+\-?~.]|^[A-Z]/;
/** The customer says the password is typed over several lines ("密碼太長我分兩行打", "on two lines"). */
const SAYS_LINES =
  /分(?:成|咗|了|开|開)?(?:两|兩|2|二|几|幾)行|(?:两|兩|几|幾)行(?:打|写|寫|输|輸)|换行|換行|下一行|\b(?:two|2|separate|several)\s+lines\b|\bnext\s+line\b|\bline\s+by\s+line\b/i;
const LINE_PART = /^[A-Za-z0-9!@#$%^&*_.+\-?~]{2,40}$/;
/**
 * Both halves labelled as halves, with no password named (round 29, three authors: "[17:02] first
 * half: Veil_and_ / [17:03] second half: Garter2026"): a thing cut in two to be sent in pieces. Only
 * made-up parts count then.
 */
const HALVES_LABELLED =
  /\bfirst\s+(?:half|part)\b[\s\S]{1,80}\b(?:second|other|last)\s+(?:half|part)\b|(?:头|頭|前)一半[\s\S]{1,40}(?:尾|后|後)一半/i;

export function detectPasswordParts(text: string): Finding[] {
  if (!NAMES_PASSWORD.test(text) && !HALVES_LABELLED.test(text)) return [];
  const out: Finding[] = [];
  // A part of plain letters ("前面是 huangguoshu") counts when another part of the same message looks
  // made up ("后面是 _pubu77", round 24): one made-up part shows the others are pieces too.
  const plain: Finding[] = [];
  for (const m of matchesIn(text, PART)) {
    let value = m[1]!.replace(/[.?]+$/, '');
    if (value.length < 2) continue;
    if (!LOOKS_MADE_UP.test(value)) {
      const start = m.index + m[0].length - m[1]!.length;
      if (/^[a-z]{4,40}$/i.test(value)) plain.push({ kind: 'password', start, end: start + value.length });
      continue;
    }
    // "and then" takes only a value with a digit or a sign ("and then 88#", not "and then Tuesday").
    if (/then$/i.test(m[0].slice(0, m[0].length - m[1]!.length).trim()) && !/[\d!@#$%^&*_+\-?~]/.test(value))
      continue;
    value = value.slice(0, 40);
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ kind: 'password', start, end: start + value.length });
  }
  if (out.length > 0) out.push(...plain);
  // Over several lines: each line that is one made-up word is a part.
  if (SAYS_LINES.test(text)) {
    let at = 0;
    for (const line of text.split('\n')) {
      const value = line.trim();
      if (LINE_PART.test(value) && LOOKS_MADE_UP.test(value)) {
        const start = at + line.indexOf(value);
        out.push({ kind: 'password', start, end: start + value.length });
      }
      at += line.length + 1;
    }
  }
  return out;
}
