import { normalise, SECRET_IN, sentences } from './ask-text.ts';
import type { Finding } from './findings.ts';

/**
 * The next sentence says the secret is not what was meant ("Tell me the last time you logged in
 * with your authenticator. The date, not the code.", "Send a photo of your ID. Not your recovery
 * sheet, just the ID."): the request before it asked for the other thing (round 13).
 */
/** The next sentence names the other kind meant: "The error code, I mean." (round 18). */
/** Or what the words asked for belong to: "Read me the first word. Of the error message, I mean." (round 23). */
const OTHER_KIND_MEANT =
  /^\s*(?:the\s+|your\s+)?(?:error|promo|referral|invite|invitation|tracking|order|reference|ref|voucher|coupon|ticket|case)\s+(?:code|number|id)\b[^.?!]{0,6}\bi\s+mean\b|^\s*(?:not|no['’]?)\s+(?:the|your|a|an)\s+[^.?!]{1,30}?(?:—|–|,|;)\s*(?:it'?s\s+|i\s+mean\s+)?(?:the|your|that)\s+(?:[\w-]+\s+)?(?:error|promo|referral|tracking|order|reference|ticket|case)\s+(?:code|number|id|message)\b|^\s*(?:of|from|on|in)\s+the\s+(?:[\w-]+\s+){0,2}(?:error|warning|receipt|invoice|banner|notice|order|ticket)(?:\s+(?:message|screen|page|pop-?up|text))?\b[^.?!]{0,6}\bi\s+mean\b/i;
const NOT_THE_SECRET =
  /^\s*(?:sorry|oops)?[,\s]*i\s+mean(?:t)?\s+(?!(?:your|the)\s+(?:\w+\s+)?(?:code|password|pin|words?|phrase)\b)|^\s*(?:(?:just|only)\s+)?(?:the\s+|your\s+)?[\w\s-]{1,30},\s*not\s+(?:the\b|your\b|any\b|(?=(?:otp|2fa|pin|code|password)\b))|^\s*not\s+(?:the|your|any)\b[^.?!]{0,40},\s*(?:just|only)\b/i;
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
