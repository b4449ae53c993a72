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

/**
 * Every character that begins an entry of a dictionary the two converters use (normalisation,
 * segmentation, conversion). A text with none of them comes out of both unchanged, so most
 * Simplified messages skip the conversion: a cheap gate, not a different reading.
 */
type Dict = string | Array<[string, string]>;
const ENTRY_STARTS = new Set<number>();
for (const name of ['hk2s', 'tw2s'] as const) {
  const config = OpenCC.Locale.configs[name] as unknown as Record<string, Array<Dict | Dict[]>>;
  const dicts = Object.values(config).flat(2) as Dict[];
  for (const dict of dicts) {
    const keys =
      typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')[0]!) : dict.map((e) => e[0]);
    for (const key of keys) if (key) ENTRY_STARTS.add(key.codePointAt(0)!);
  }
}
function mayConvert(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (ENTRY_STARTS.has(c)) return true;
    if (c > 0xffff) i++;
  }
  return false;
}

/** The last text converted: the three detectors convert the same message one after another. */
let last: { text: string; out: string } | null = null;

export function simplifiedSameLength(text: string): string {
  if (!HAN.test(text)) return text;
  if (last?.text === text) return last.out;
  const out = mayConvert(text) ? convert(text) : text;
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
