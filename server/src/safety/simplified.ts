import * as OpenCC from 'opencc-js';
import { foldDialect } from './dialect.ts';
import { foldHomophones } from './homophones.ts';

/**
 * The detectors read Chinese in one script: Traditional text (zh-Hant, Hong Kong or Taiwan
 * wording) is converted to Simplified character by character first, so one vocabulary
 * ("密码", "验证码", "助记词") covers both. Offsets must still point into the original text, so where a
 * conversion changed the length (OpenCC's rare phrase rewrites) characters are converted one by one.
 */
const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/**
 * Every character that an entry of the two converters' dictionaries (normalisation, conversion)
 * would change: the characters of a key that differ from its replacement. An entry applies only
 * where its whole key stands in the text, so a text with none of them comes out of both converters
 * unchanged, and most Simplified messages skip the conversion: a cheap gate, not a different reading.
 */
type Dict = string | Array<[string, string]>;
const CHANGED = new Set<number>();
for (const name of ['hk2s', 'tw2s'] as const) {
  const config = OpenCC.Locale.configs[name] as unknown as Record<string, Array<Dict | Dict[]>>;
  for (const dict of Object.values(config).flat(2) as Dict[]) {
    const entries =
      typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ') as [string, string]) : dict;
    for (const [key, value = ''] of entries) {
      if (!key || key === value) continue;
      const from = Array.from(key);
      const to = Array.from(value);
      for (const [i, c] of from.entries())
        if (from.length !== to.length || c !== to[i]) CHANGED.add(c.codePointAt(0)!);
    }
  }
}
function mayConvert(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (CHANGED.has(c)) return true;
    if (c > 0xffff) i++;
  }
  return false;
}

/** The last text converted: the three detectors convert the same message one after another. */
let last: { text: string; out: string } | null = null;

export function simplifiedSameLength(text: string): string {
  if (!HAN.test(text)) return text;
  if (last?.text === text) return last.out;
  // Regional words folded to Mandarin too (dialect.ts), and a secret's name typed with homophones
  // (homophones.ts), keeping the length as the conversion does.
  const out = foldHomophones(foldDialect(mayConvert(text) ? convert(text) : text));
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
