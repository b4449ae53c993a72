import { matchesIn } from '../platform/matches-in.ts';
import { NAMED_CODE } from './detect-credentials.ts';
import type { Finding } from './findings.ts';

/**
 * A one-time code that reaches the customer in pieces, or is read out in number words (round 19,
 * dev23), in a message that names a code:
 *
 * - **Pieces, one per line**: "1st text: 193\n2nd text: 846", "【消息2】是 672\n【消息3】819" — two or three
 *   lines in a row, each ending in a group of two to four digits, the groups together four to eight
 *   digits long. Each group is a part of the code.
 * - **Number words in groups**, as a voice call or a screen reader says them: "twenty-six, forty,
 *   eighteen", "four hundred seventy one, two hundred ninety". Two to four groups, at least one of
 *   them a tens or hundreds number (digit by digit is read elsewhere), four to eight digits in all.
 */
const LINE_END_GROUP = /(?<![\d.,:/-])(\d{2,4})\s*[?？。.!！]*\s*$/;
/** Before a piece on its line only a label of the message it came in ("1st text:", "【消息2】是"), or nothing. */
const PIECE_LABEL =
  /^[\s【】[\]()（）#:：\-–—]*(?:(?:\d(?:st|nd|rd|th)|first|second|third|part|text|sms|message|msg|code|短信|消息|信息|第[一二三\d]条|是|is|then|and|\d)[\s【】[\]()（）#:：\-–—]*)*$/i;
const UNIT = '(?:zero|one|two|three|four|five|six|seven|eight|nine)';
const TEEN = '(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
const TENS = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
/** A pair whose first digit is a zero, said as two words joined: "nought-six", "oh-five" (set 40). */
const ZERO_PAIR = `(?:nought|naught|oh|zero)-${UNIT}`;
const GROUP = `(?:${ZERO_PAIR}|${UNIT}\\s+hundred(?:\\s+and)?(?:\\s+(?:${TENS}(?:[\\s-]+${UNIT})?|${TEEN}|${UNIT}))?|${TENS}(?:[\\s-]+${UNIT})?|${TEEN})`;
const GROUPS = new RegExp(
  `\\b${GROUP}(?:\\s*,\\s*|\\s+)(?:${GROUP}|${UNIT})(?:(?:\\s*,\\s*|\\s+)(?:${GROUP}|${UNIT})){0,2}\\b`,
  'gi',
);
/** One group of a run, and a group that is not a single digit (tens, teens or hundreds). */
const ONE_GROUP = new RegExp(`${GROUP}|${UNIT}`, 'gi');
const NOT_DIGIT_BY_DIGIT = new RegExp(`^(?:${TENS}|${TEEN})|hundred`, 'i');
const WORD_VALUE: Record<string, number> = Object.fromEntries([
  ...'zero one two three four five six seven eight nine'.split(' ').map((w, i) => [w, i]),
  ...['nought', 'naught', 'oh'].map((w) => [w, 0]),
  ...'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, i) => [w, 10 + i]),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, 20 + 10 * i]),
]);

export function detectCodeInPieces(text: string): Finding[] {
  if (!NAMED_CODE.test(text)) return [];
  return [...piecesOnLines(text), ...numberWordGroups(text)];
}

function piecesOnLines(text: string): Finding[] {
  const out: Finding[] = [];
  let run: Finding[] = [];
  let at = 0;
  const close = () => {
    const digits = run.reduce((n, f) => n + f.end - f.start, 0);
    if (run.length >= 2 && run.length <= 3 && digits >= 4 && digits <= 8) out.push(...run);
    run = [];
  };
  for (const line of text.split('\n')) {
    const m = line.match(LINE_END_GROUP);
    if (m && PIECE_LABEL.test(line.slice(0, m.index))) {
      const start = at + m.index!;
      run.push({ kind: 'verification_code', start, end: start + m[1]!.length });
    } else close();
    at += line.length + 1;
  }
  close();
  return out;
}

/** The digits a group of number words stands for: "four hundred seventy one" → "471", "forty" → "40". */
function groupDigits(group: string): string {
  const words = group
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== 'and');
  const hundred = words.indexOf('hundred');
  if (hundred > 0) {
    const rest = words.slice(hundred + 1).reduce((n, w) => n + (WORD_VALUE[w] ?? 0), 0);
    return `${WORD_VALUE[words[0]!]}${String(rest).padStart(2, '0')}`;
  }
  const value = words.reduce((n, w) => n + (WORD_VALUE[w] ?? 0), 0);
  return words.length === 1 && value < 10 ? String(value) : String(value).padStart(2, '0');
}

function numberWordGroups(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchesIn(text, GROUPS)) {
    const groups = m[0].split(/\s*,\s*/).flatMap((g) => g.match(ONE_GROUP) ?? []);
    if (!groups.some((g) => NOT_DIGIT_BY_DIGIT.test(g))) continue;
    const digits = groups.map(groupDigits).join('').length;
    if (digits >= 4 && digits <= 8)
      out.push({ kind: 'verification_code', start: m.index, end: m.index + m[0].length });
  }
  return out;
}
