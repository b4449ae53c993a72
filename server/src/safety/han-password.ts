import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password written in Chinese characters, ending in a number (round 27; four of sets 31–34's
 * authors, one of them through voice input): "密码是酿皮酸辣八八 就是这个", "密码是 扬州炒饭888 ，中间有中文的",
 * "密碼是 潮州檳榔二八，這款敢會使？". The token rules read Latin letters and digits only, so a value
 * made of Han characters was never a candidate.
 *
 * Taken right after the password's name and 是 / 係 / 为 / a colon: one to eight Han characters
 * that are no word about the password (不, 什么, 多少, 对, 错, 我的 …), then at least two digits or
 * Chinese numerals, and then the value ends (a space, a stop, a comma, the end, or the sentence going
 * on with 就 / 这 / 對 …). A count ("六位数", "八个字符") is no value: the numerals must end it.
 */
/** The password's name and 是 / 係 / 为 / a colon, then the value; where a value ends. */
const NAMED_IS = String.raw`(?:密码|密碼|口令)[^\S
]*(?:是|係|系|为|為|[:：])[^\S
]*`;
const VALUE_ENDS = String.raw`[^\S
]|[，,。.！!？?；;、）)]|$`;
const HAN_PASSWORD = new RegExp(
  String.raw`${NAMED_IS}(?<value>(?![不冇没沒无無唔什甚啥咩多几幾对對错錯正我你他她个個就都又也还還应應要])[\p{Script=Han}]{1,8}?(?:[0-9]{2,12}|[零〇一二三四五六七八九两兩幺]{2,8}))(?=${VALUE_ENDS}|[就这這对對吧吗嗎呢啊喔哦，])`,
  'gu',
);
/**
 * Latin letters and Han characters in one value, ending in digits, right after the name (round 29;
 * sets 25, 28 and 29): "密碼係 Coloane海灘3", "密码是 huoguo麻辣2021".
 */
const MIXED_PASSWORD = new RegExp(
  String.raw`${NAMED_IS}(?<value>(?=[^\s，。！？,]*[A-Za-z])(?=[^\s，。！？,]*\p{Script=Han})[A-Za-z0-9_\-.@#!$%&*\p{Script=Han}]{3,29}?[0-9]+)(?=${VALUE_ENDS})`,
  'gu',
);

/** The Han part may not be a count or a unit: "六位", "八个", "几次" end no password. */
const COUNT = /[位个個次天年月日号號元块塊分秒岁歲]$/u;

export function detectHanPasswords(text: string): Finding[] {
  if (!/密码|密碼|口令/u.test(text)) return [];
  const keep = (m: RegExpExecArray): Finding => {
    const value = m.groups!.value!;
    const start = m.index + m[0].length - value.length;
    return { kind: 'password', start, end: start + value.length };
  };
  const han = matchesIn(text, HAN_PASSWORD).filter((m) => {
    const letters = m.groups!.value!.replace(/[0-9零〇一二三四五六七八九两兩幺]+$/u, '');
    return letters && !COUNT.test(letters);
  });
  // Up to four Han characters, as round 19 keeps them: more is the sentence going on ("abc我试了好几次12").
  const mixed = matchesIn(text, MIXED_PASSWORD).filter(
    (m) => (m.groups!.value!.match(/\p{Script=Han}/gu) ?? []).length <= 4,
  );
  return [...han, ...mixed].map(keep);
}
