import { SECRET } from './ask-vocabulary.ts';

/**
 * A secret named and taken back in the same breath (round 16): "你注册时候填的那个码……我是说邀请码，
 * 发我一下", "What's the passcode… sorry, I mean the promo code you used". The correction says what is
 * asked for; the secret named just before it (within a few words) is not. When the correction names
 * a secret itself ("the promo code… I mean the SMS code"), nothing is taken back.
 */
const CORRECTION =
  /(?:……|…|\.{3}|——|—|[,，])\s*(?:(?:sorry|oops|er+m?|uh|um)[,，]?\s*)?(?:i\s+mean(?:t)?\b|我是说|我是指|我指的是|我说的是|不对[，,]?\s*是)/giu;
const MAY_CORRECT = /i\s+mean|我是说|我是指|我指的是|我说的是|不对/i;
/** How far before the correction the secret taken back may be named. */
const BEFORE = 40;

export function withoutSelfCorrection(sentence: string): string {
  if (!MAY_CORRECT.test(sentence)) return sentence;
  let out = sentence;
  for (const m of sentence.matchAll(CORRECTION)) {
    const end = m.index + m[0].length;
    if ([...sentence.slice(end, end + 30).matchAll(SECRET)].length > 0) continue;
    const from = Math.max(0, m.index - BEFORE);
    for (const s of sentence.slice(from, m.index).matchAll(SECRET)) {
      const at = from + s.index;
      out = out.slice(0, at) + ' '.repeat(s[0].length) + out.slice(at + s[0].length);
    }
  }
  return out;
}
