import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * The app's own lock (round 25, dev30): "the app asks for an app lock passcode, I set 1470 I think, or
 * maybe 0741", "应用锁我设的是 0772", "應用鎖，我設的是 1937", "應用鎖我設嘅係 …" (係 is 系 once
 * simplified). The app-lock or screen-lock PIN is a password the customer chose, four to six digits — shorter than the other rules take a PIN of
 * digits alone, and often a year or an area code, which is why it is read only here: the lock named,
 * then within the same sentence or the next "I set / set it to / it is / 设的是 / 是" and the number,
 * and each "or (maybe) N" / "或者 N" after it.
 */
const LOCK =
  /\b(?:app|application|screen)[\s-]?lock\b|\block[\s-]?screen\b|\bapp\s+(?:passcode|pin)\b|应用锁|应用密码锁|锁屏|屏幕锁|手势密码|app\s*锁/giu;
const SET_THEN_PIN =
  /(?:\bi\s+(?:set|made|chose|picked|put)(?:\s+it)?(?:\s+(?:to|as))?|\bset\s+it\s+(?:to|as)|\b(?:it|mine|the\s+pin|the\s+passcode)\s+(?:is|was|'s)|\bit's|设(?:的|了|置的|成|咗|嘅)?(?:是|为|成|系)?|定(?:的|了)(?:是)?|(?:就|应该)?(?:是|系))\s*[:：]?\s*(\d{4,6})(?![\d.,:/-]?\d)(?!\s*(?:[年元块次天个位号分秒%]|(?:usdt|usd|rmb|yuan|times|days|years|digits?)\b))/giu;
const OR_MORE =
  /^\s*(?:[!！?？.。,，]+\s*)?(?:(?:i\s+think|i\s+guess|lol)\s*[!！?？.。,，]*\s*)?(?:or\s+(?:maybe\s+|perhaps\s+|possibly\s+)?|或者|或|还是|也可能是)\s*(\d{4,6})(?!\d)/iu;
/** How far the lock's name may stand before the number. */
const REACH = 60;

export function detectAppLockPins(original: string): Finding[] {
  const text = simplifiedSameLength(original);
  LOCK.lastIndex = 0;
  const locks = matchesIn(text, LOCK).map((m) => m.index + m[0].length);
  if (locks.length === 0) return [];
  const out: Finding[] = [];
  SET_THEN_PIN.lastIndex = 0;
  for (const m of matchesIn(text, SET_THEN_PIN)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (!locks.some((at) => at <= m.index && start - at <= REACH)) continue;
    let end = start + m[1]!.length;
    out.push({ kind: 'password', start, end });
    // "… or maybe 0741", "或者 0772": the other numbers the customer may have set.
    for (let more = OR_MORE.exec(text.slice(end)); more; more = OR_MORE.exec(text.slice(end))) {
      const at = end + more[0].length - more[1]!.length;
      end = at + more[1]!.length;
      out.push({ kind: 'password', start: at, end });
    }
  }
  return out;
}
