import * as OpenCC from 'opencc-js';

/**
 * The detectors read Chinese in one script: Traditional text (zh-Hant, Hong Kong or Taiwan
 * wording) is converted to Simplified character by character first, so one vocabulary
 * ("密码", "验证码", "助记词") covers both. Offsets must still point into the original text, so where a
 * conversion changed the length (OpenCC's rare phrase rewrites) characters are converted one by one.
 */
const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/** The last text converted: the three detectors convert the same message one after another. */
let last: { text: string; out: string } | null = null;

export function simplifiedSameLength(text: string): string {
  if (!HAN.test(text)) return text;
  if (last?.text === text) return last.out;
  const out = convert(text);
  last = { text, out };
  return out;
}

function convert(text: string): string {
  for (const convert of [hk, tw]) {
    const out = convert(text);
    if (out.length === text.length) return out;
  }
  // A phrase rewrite changed the length somewhere: convert character by character instead.
  return Array.from(text, (c) => {
    if (!HAN.test(c)) return c;
    const one = hk(c);
    return one.length === c.length ? one : c;
  }).join('');
}
