import { matchesIn } from '../platform/matches-in.ts';
import { CODE_WORDS, DIGITS, MAY_NAME_CODE, NAMED_CODE, OTHER_CODE } from './detect-credentials.ts';
import { DIGIT_OF_WORD, lettersAsDigits } from './digit-forms.ts';
import type { Finding } from './findings.ts';
import { may } from './gates.ts';
import { EN_DIGIT } from './secret-candidates.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * One-time codes given in context in the looser ways detect-credentials.ts does not read: the code
 * named, then a few words, then a colon ("the code from the text message: 38 47 19", "the six digits
 * that just arrived: 9 1 5 3 0 6"); a sentence that names a code and says what it "is"
 * ("谷歌验证器上显示的是22 83 46", "一条是443 219，一条是780 664"); Chinese that runs on from the
 * code's name to its digits ("验证码发你了 819 305", "报验证码，305 196", "收到的码392-481"); e-mail
 * codes of capitals and digits ("信箱驗證碼是B6QW3R"); and codes written in words ("three eight one,
 * nine nine two", "验证码是三八一九九二"). Only the value is hidden.
 */

const Q_OPEN = `["'“‘「『]?`;
/** Four to eight digits written as English words, maybe split by commas, dashes or dots. */
const SPELLED = `\\b${EN_DIGIT}(?:[\\s,.-]+${EN_DIGIT}){3,7}\\b`;
/**
 * Four to eight Chinese numerals read one by one ("三八一九九二"; 幺 as said on the phone; 两 洞 拐 勾
 * as pilots say 2 0 7 9, set 42), maybe in two groups split by a space ("四洞两 幺拐八"), digits
 * among them ("2六9幺4八", set 37; all digits are read as DIGITS first).
 */
const ZH_DIGIT = '[零〇一二三四五六七八九幺两洞拐勾壹贰叁肆伍陆柒捌玖\\d]';
const NO_MORE_NUMERAL = '(?![零〇一二三四五六七八九十百千万亿拾佰仟两洞拐勾\\d])';
const ZH_NUMERALS = `(?=(?:${ZH_DIGIT}| ){4,9}${NO_MORE_NUMERAL})(?:${ZH_DIGIT}{4,8}|${ZH_DIGIT}{2,4} ${ZH_DIGIT}{2,4})${NO_MORE_NUMERAL}`;
/** Not a code but an amount, a date or a count: "2024年", "5000 USDT", "1000 次". */
const NOT_A_CODE_AFTER =
  '(?!\\s*(?:年|月|日|号|点|分|秒|元|块|次|个|天|小时|位|条|笔|港币|台币|美元|美金|人民币|日元|欧元|蚊|usdt|usdc|btc|eth|usd|cny|rmb|%|years?\\b|days?\\b|hours?\\b|mins?\\b|minutes?\\b|seconds?\\b|times?\\b))';
const VALUE = `(?<v>${DIGITS}|${ZH_NUMERALS}|${SPELLED})${NOT_A_CODE_AFTER}`;

/** The code named, a few words, a colon, the value. */
const CODE_THEN_COLON = new RegExp(
  `(?<![A-Za-z])(?<cue>${CODE_WORDS}|(?:(?:\\d|four|six|eight)\\s*)?digits|数字)(?![A-Za-z])[^:：\\n。!?！？]{0,40}?[:：]\\s*${Q_OPEN}${VALUE}`,
  'giu',
);
/** "…是 443 219", "… is 240 935": taken only in a sentence that names a code. */
const IS_VALUE = new RegExp(`(?:是|为|係|系(?![统列])|\\b(?:is|was)\\b)\\s*${Q_OPEN}${VALUE}`, 'giu');
/** The word before "is" names another number: "订单号是…", "my UID is …", "my account is …". */
const OTHER_NUMBER =
  /(?:号|编号|单号|uid|\bid|order|ticket|number|account|acct|mobile|账户|金额|余额|数量|amount|balance|地址|address|时间|time|日期|date|电话|手机|phone|价格|price)[^\s]{0,4}\s*$/i;
/** Chinese running on from the code's name to its value, with no negation on the way ("验证码发你了 819 305"). */
const ZH_CODE_RUN_ON = new RegExp(
  `(?:验证码|校验码|动态码|安全码|短信码|邮箱码|验证器|(?:收到|发来)的?码|(?:\\d|[六四八])\\s*位数字)(?:(?![不没未号])\\p{Script=Han}){0,8}?\\s*[，,:：]?\\s*${Q_OPEN}${VALUE}`,
  'gu',
);
/** What a message that just came says, in the next sentence ("短信来了。上面写的是 462810", round 17). */
const MESSAGE_SAYS = new RegExp(
  `(?:短信|简讯|邮件)[^。！？\\n]{0,8}(?:来了|到了|收到了)[。！，,]?\\s*(?:上面|里面|里头|里边)(?:写的|显示的?|说的)?是\\s*${Q_OPEN}${VALUE}`,
  'gu',
);
/**
 * A sender's prefix, then the code, then its name (round 24, two authors): "LUM-402771 is your code",
 * "LM-602947 is your Lumen code", "短信说 LM-640159 是我的验证码". Only the digits are the code.
 */
const PREFIXED_THEN_NAMED =
  /(?<![A-Za-z0-9])[A-Za-z]{1,4}-(?<v>\d{4,8})(?!\d)["'”’」]?\s*(?:is\s+(?:your|the|my)\s+(?:[\w-]+\s+){0,2}(?:code|otp|pin|passcode)\b|(?:是|为|係|系(?![统列]))(?:我的|你的|您的|我嘅|你嘅)?[^，。！？\s]{0,4}?(?:验证码|校验码|动态码))/giu;
/** What a message says, in English: "your SMS came in Urdu and English, English part says 863140". */
const MESSAGE_SAYS_EN = new RegExp(
  `\\b(?:sms|text(?:\\s+message)?|e-?mail)\\b[^.?!\\n]{0,60}?\\b(?:says|said|shows|reads)\\s*[:：]?\\s*${Q_OPEN}(?<v>\\d{5,8}|\\d{3}[ -]\\d{3})(?![\\d.,]\\d|\\d|\\s*(?:usd|usdt|rupees|rs|pkr|inr|php|\\$))`,
  'giu',
);
/** A code's halves named as such: "验证码前三位 492 … 后三位 618", "前面三个数是 863" (round 28), "first three 581, last three 047". */
const CODE_HALF =
  /(?:(?:前|后|後|头|尾)(?:面|边|半)?\s*(?:三|3)\s*(?:位|个数字?|个数)(?:数字?)?\s*(?:是|为|係|系(?![统列])|:|：)?|\b(?:first|last|second)\s+(?:three|3)(?:\s+digits)?\s*(?:is|are|:)?)\s*(?<v>\d{3})(?!\d)/giu;

/** Halves by word, in a message that names a code (round 29): "code first bit 9 1 8 … rest is 4 7 4". */
const CODE_HALF_WORDS =
  /(?:\b(?:first|second|last|other)\s+(?:bit|half|part)(?:\s+of\s+(?:the|my|your)\s+code)?|\b(?:the\s+)?rest)\s*(?:is|are|was|[:：])?\s*(?<v>\d(?:[ -]?\d){2,3})(?![\d.,]?\d)/giu;
/**
 * A message that came with fewer digits than the app wants, the count said and the digits given
 * (round 29; three authors): "De SMS only have 4 number, 7204, but de box want 6", "The message gave
 * 4 numbers only, 8157", "短信里只有五位 73519". The count must be the value's own length.
 */
const COUNTED_CODE =
  /\b(?:sms|text|message|e-?mail|mail)\b[^.?!\n]{0,24}?\b(?:(?:only|just)\s+(?:\w+\s+)?(?<n>\d|four|five|six|seven|eight)\s+(?:numbers?|digits?)|(?<m>\d|four|five|six|seven|eight)\s+(?:numbers?|digits?)\s+only)\b[\s,:：-]{1,4}(?<v>\d{3,8})(?!\d)|(?:短信|简讯|邮件|信息)[^。！？\n]{0,8}?(?:只有|只给了?|只发了?|才)\s*(?<z>[3-8三四五六七八])\s*(?:位|个)(?:数字?)?[\s，,:：]{0,3}(?<w>\d{3,8})(?!\d)/giu;
/** Not followed by a unit (an amount, a year, a count). */
const NO_UNIT_AFTER = new RegExp(`^${NOT_A_CODE_AFTER}`, 'iu');
/**
 * A bot's code (round 29, two authors; round 30 in Chinese): "Your telegram bot gave me 40917263 when
 * I asked it to confirm", "电报机器人发了个 8 位的 39027154".
 */
const BOT_GAVE = new RegExp(
  `(?:\\bbot\\b[^.?!\\n]{0,16}?\\b(?:gave|sent|sends|gives)\\s+(?:me\\s+)?|(?:机器人|bot)[^。！？\\n]{0,6}?(?:发了?|给了?)(?:我)?(?:个|一个)?\\s*(?:\\d\\s*位(?:数|的)?\\s*)?[^0-9。！？\\n]{0,8}?)${Q_OPEN}(?<v>\\d{6,8})(?!\\d)${NOT_A_CODE_AFTER}`,
  'giu',
);

/** An e-mail code of letters and digits after an explicit "is" / "是" / ":". */
const LETTER_CODE = new RegExp(
  `(?<![A-Za-z])(?<cue>${CODE_WORDS})(?![A-Za-z])\\s*(?:(?:is|was)\\s+|(?:[:：=是为係]|系(?![统列]))\\s*)${Q_OPEN}(?<v>[A-Za-z0-9]{4,8})(?![A-Za-z0-9])`,
  'giu',
);
/**
 * Six or more digits spelled out in a row stand for a code even with nothing naming it: in English
 * words, or Chinese numerals read one by one, maybe in groups ("九三零 二四七", "幺三五，七九零", round 17).
 * Not an amount or a date (a unit or a numeral of place after it), nor the days of a week (星期一二三…).
 */
const LONG_SPELLED = new RegExp(
  `\\b${EN_DIGIT}(?:[\\s,.-]+${EN_DIGIT}){5,7}\\b|(?<![零〇一二三四五六七八九十百千万亿两幺拾佰仟][ ,，、…-]?|星期|周|礼拜)[零〇一二三四五六七八九幺](?:[ ,，、…-]{0,4}[零〇一二三四五六七八九幺]){5,7}(?![ ,，、…-]{0,4}[零〇一二三四五六七八九十百千万亿两幺拾佰仟])${NOT_A_CODE_AFTER}`,
  'giu',
);

/**
 * A speaker's fillers between numerals read out ("验证码是呃七零，呃，九三，五一", "五七…嗯…四一", round 24)
 * read as spaces (same length), so the numerals are one run and the value spans them.
 */
const FILLER_AMONG_NUMERALS =
  /(?<=[零〇一二三四五六七八九幺，,、…\s是])(?:呃|嗯|额)(?=[零〇一二三四五六七八九幺，,、…\s])/gu;

export function detectCodesInContext(original: string): Finding[] {
  const text = lettersAsDigits(
    simplifiedSameLength(original).replace(FILLER_AMONG_NUMERALS, (f) => ' '.repeat(f.length)),
  );
  const out: Finding[] = [];
  // Every pattern but LONG_SPELLED, MESSAGE_SAYS_EN and CODE_HALF needs a code's name (CODE_WORDS, "digits", 数字, the Chinese
  // run-on names all hold a part of MAY_NAME_CODE): a message without one is spared them.
  const named = may(MAY_NAME_CODE, text);
  // The value is the last place its digits stand in the match: at its end, or before the code's
  // name ("LUM-402771 is your code").
  const add = (m: RegExpMatchArray, offset = 0) => {
    const value = m.groups!.v!;
    const start = offset + m.index! + m[0].lastIndexOf(value);
    out.push({ kind: 'verification_code', start, end: start + value.length });
  };
  const otherCode = (m: RegExpMatchArray, offset = 0) =>
    /^codes?$/i.test(m.groups?.cue ?? '') &&
    OTHER_CODE.test(text.slice(Math.max(0, offset + m.index! - 16), offset + m.index!));
  for (const m of named ? matchesIn(text, CODE_THEN_COLON) : []) if (!otherCode(m)) add(m);
  for (const m of named ? matchesIn(text, ZH_CODE_RUN_ON) : []) add(m);
  for (const m of named ? matchesIn(text, MESSAGE_SAYS) : []) add(m);
  for (const m of named ? matchesIn(text, PREFIXED_THEN_NAMED) : []) add(m);
  for (const m of matchesIn(text, MESSAGE_SAYS_EN)) add(m);
  // Halves named by their place need no code's name ("前三位 584 … 后三位 627", set 32).
  for (const m of matchesIn(text, CODE_HALF)) add(m);
  // Halves by word only in a message that names a code (a condition, not a gate: "My UID, first half:
  // 3862. Rest: 5107." is no code).
  for (const m of MAY_NAME_CODE.test(text) ? matchesIn(text, CODE_HALF_WORDS) : []) add(m);
  for (const m of matchesIn(text, COUNTED_CODE)) {
    const said = m.groups!.n ?? m.groups!.m ?? m.groups!.z!;
    const value = m.groups!.v ?? m.groups!.w!;
    if (Number(DIGIT_OF_WORD[said.toLowerCase()] ?? said) !== value.length) continue;
    const start = m.index + m[0].lastIndexOf(value);
    if (!NO_UNIT_AFTER.test(text.slice(start + value.length))) continue;
    out.push({ kind: 'verification_code', start, end: start + value.length });
  }
  for (const m of matchesIn(text, BOT_GAVE)) add(m);
  for (const m of named ? matchesIn(text, LETTER_CODE) : []) {
    const value = m.groups!.v!;
    // Letters and digits, both: "B6QW3R", "k7p2qx"; not a word ("code is wrong") nor plain digits (read elsewhere).
    if (/[A-Za-z]/.test(value) && /\d/.test(value) && !otherCode(m)) add(m);
  }
  for (const m of matchesIn(text, LONG_SPELLED)) {
    // A number named as another kind ("my UID is seven three one zero four four two eight", set 32) is that number.
    const before = text
      .slice(Math.max(0, m.index - 20), m.index)
      .replace(/\s*(?:\b(?:is|was)\b|[:：=是为])?\s*$/iu, '');
    if (OTHER_NUMBER.test(before) && !NAMED_CODE.test(before)) continue;
    out.push({ kind: 'verification_code', start: m.index, end: m.index + m[0].length });
  }
  for (const s of named ? sentences(text) : []) {
    const name = s.text.match(NAMED_CODE);
    if (!name || OTHER_CODE.test(s.text.slice(0, name.index))) continue;
    for (const m of matchesIn(s.text, IS_VALUE)) {
      if (OTHER_NUMBER.test(s.text.slice(Math.max(0, m.index - 12), m.index))) continue;
      add(m, s.start);
    }
  }
  return out;
}

function sentences(text: string) {
  const out: Array<{ start: number; text: string }> = [];
  for (const m of matchesIn(text, /(?:[^。！？!?\n.]|\.(?=\d|\w))+/g))
    out.push({ start: m.index, text: m[0] });
  return out;
}
