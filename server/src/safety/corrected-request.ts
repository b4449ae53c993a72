import { normalise, SECRET_IN, sentences } from './ask-text.ts';
import type { Finding } from './findings.ts';

/**
 * The next sentence says the secret is not what was meant ("Tell me the last time you logged in
 * with your authenticator. The date, not the code.", "Send a photo of your ID. Not your recovery
 * sheet, just the ID."): the request before it asked for the other thing (round 13).
 */
/** The next sentence names the other kind meant: "The error code, I mean." (round 18). */
const OTHER_KIND_MEANT =
  /^\s*(?:the\s+|your\s+)?(?:error|promo|referral|invite|invitation|tracking|order|reference|ref|voucher|coupon|ticket)\s+(?:code|number|id)\b[^.?!]{0,6}\bi\s+mean\b/i;
const NOT_THE_SECRET =
  /^\s*(?:sorry|oops)?[,\s]*i\s+mean(?:t)?\s+(?!(?:your|the)\s+(?:\w+\s+)?(?:code|password|pin|words?|phrase)\b)|^\s*(?:(?:just|only)\s+)?(?:the\s+|your\s+)?[\w\s-]{1,30},\s*not\s+(?:the|your|any)\b|^\s*not\s+(?:the|your|any)\b[^.?!]{0,40},\s*(?:just|only)\b/i;
export function withoutCorrected<F extends Finding>(text: string, found: F[]): F[] {
  if (found.length === 0) return found;
  const all = sentences(text);
  return found.filter((f) => {
    const i = all.findIndex((s) => s.start === f.start);
    const next = i >= 0 ? all[i + 1] : undefined;
    if (next && OTHER_KIND_MEANT.test(next.text)) return false;
    if (!next || !NOT_THE_SECRET.test(next.text)) return true;
    const after = next.text.slice(Math.max(0, next.text.search(/\bnot\b|\bmean/i)));
    // Read as written too: "not the code" is the correction itself, which normalise drops.
    return !SECRET_IN(normalise(after)) && !SECRET_IN(after);
  });
}
