import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password told by what it is made of, then given in brackets (sets 38 and 39, two authors): "It's
 * the name of our first cow and the year we started the dairy (Primrose1987)", "the seaweed we
 * spread on the fields plus the year I took the farm over (Vraic1998)", "我女儿名字加她生日（Lily0512）".
 * The sentence joins a name, word or thing to a year, date or number ("and", "plus", "then", 加),
 * and the bracketed token has letters, a lower-case one among them, and a digit and no space.
 */
/** Letters and a digit, no space. */
const TOKEN =
  '([A-Za-z][A-Za-z0-9!@#$%^&*_.+\\-~]{2,30}\\d[A-Za-z0-9!@#$%^&*_.+\\-~]*|\\d[A-Za-z0-9!@#$%^&*_.+\\-~]{2,30}[A-Za-z][A-Za-z0-9!@#$%^&*_.+\\-~]*)';
const EN = new RegExp(
  `\\b(?:name|word|nickname|street|town|pet|dog|cat|cow|horse|boat|team|song|place|(?:it'?s|it is)\\s+(?:the|my|our))\\b[^.!?\\n()]{0,80}\\b(?:and|plus|then|followed\\s+by|with)\\b[^.!?\\n()]{0,20}\\b(?:year|birthday|date|number|digits|age|house\\s+number)\\b[^.!?\\n()]{0,60}\\(\\s*${TOKEN}\\s*\\)`,
  'giu',
);
const ZH = new RegExp(
  `(?:名字|名|拼音|单词|單詞|英文)[^。！？\\n()（）]{0,20}(?:加上?|和|跟|再加|后面加|後面加|接)[^。！？\\n()（）]{0,12}(?:年份?|生日|日期|号码|號碼|数字|數字)[^。！？\\n()（）]{0,30}[(（]\\s*${TOKEN}\\s*[)）]`,
  'gu',
);

export function detectComposedPasswords(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of [...matchesIn(text, EN), ...matchesIn(text, ZH)]) {
    const value = m[1]!;
    // An id in capitals ("the name of the event and the date are on the ticket (EVT2024)") is none.
    if (!/[a-z]/.test(value)) continue;
    const start = m.index + m[0].lastIndexOf(value);
    out.push({ kind: 'password', start, end: start + value.length });
  }
  return out;
}
