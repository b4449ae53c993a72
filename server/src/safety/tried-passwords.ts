import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * Passwords a customer lists as what they tried (round 29; sets 26, 29 and 36, three authors):
 * "already try:\n1. Ojol2024jkt\n2. ojol2024JKT\n3. reset link (expired)", "Things I tried on the wee
 * laptop:\n- Mallaig99\n- mallaig99". A line that says what was tried, then bulleted or numbered
 * lines: each item that is one made-up token (letters with a digit or a sign, no space) is a
 * password; an item in words ("reset link (expired)", "same with caps lock on") is not.
 */
const TRIED_HEADER =
  /(?:^|\n)[^\n]*(?:\btr(?:ied|y|ies)\b|\battempts?\b|试过|試過|试了|試了|试咗|試咗|输过|輸過|打过|打過)[^\n]*\n/giu;
/** The same list on one line: "Tried these in order: 1) Crayfish2023 2) crayfish2023 3) Crayfish2024" (set 42). */
const TRIED_INLINE =
  /(?:\btr(?:ied|y|ies)\b|试过|試過|试了|試了)[^\n]{0,40}?[:：][^\S\n]*((?:\d{1,2}[.)、][^\S\n]*\S+[^\S\n]*){2,})/giu;
const ITEM = /^[^\S\n]*(?:[-*•·]|\d{1,2}[.)、])[^\S\n]*(\S+)[^\S\n]*$/u;
const MADE_UP = /^(?=.*[A-Za-z])(?=.*[\d!@#$%^&*_+~])[A-Za-z0-9!@#$%^&*_.+\-~]{6,40}$/;

/**
 * Two spellings of one password offered as alternatives (round 29; sets 22, 25, 26 and 35, four
 * authors): "either Naija4Life or NaijaForLife2", "It is either Llanelli1999 or Llanelli99",
 * "Dragon88 还是 dragon88", "要么是 Leye_tiankeng 要么是 Leye_Tiankeng2" (set 41). The two share their first four letters, have letters and a digit or sign
 * each, and the message is about what the customer typed or remembers (or names a password).
 */
const EITHER_OR =
  /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9!@#$%^&*_.+\-~]{4,39})[^\S\n]*(?:,[^\S\n]*)?(?:\bor\b|或者|或是|还是|還是|定係|定系|抑或|要么是?|要麼是?|要不是?)[^\S\n]*(?:maybe[^\S\n]+|perhaps[^\S\n]+|可能[^\S\n]*)?([A-Za-z][A-Za-z0-9!@#$%^&*_.+\-~]{4,39})(?![A-Za-z0-9])/gu;
const ABOUT_TYPING =
  /password|passcode|\bpw\b|密码|密碼|\btyp(?:e|ed|ing)\b|\btried\b|\btry\b|remember|memory|forg[eo]t|which\s+one|not\s+sure|不记得|記唔|记不|記不|唔記得|忘了|忘记|忘記|哪个|邊個|打过|打過|\bneither\b|go(?:es)?\s+through|不行|唔得/iu;
const HAS_DIGIT_OR_SIGN = /[\d!@#$%^&*_+~]/;
/**
 * One token typed twice in two cases because of caps lock (sets 38 and 40): "打成 PULI_WATER7，應該是
 * puli_water7", "caps lock was on so it went in as GRANITE_44 not granite_44". Both are the password.
 */
const CASE_NAMED =
  /caps[\s-]*lock|大[写寫]锁定|大[写寫]鎖定|大[写寫]鎖|大[写寫]锁|\ball\s+caps\b|大小[写寫]|\bcapitals?\b|upper[\s-]*case|大[写寫]/iu;
const TOKEN = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9!@#$%^&*_.+\-~]{5,39}(?![A-Za-z0-9])/gu;
/** Named right before as another thing: "my order ORD2024A or ORD2024B", "username …". */
const NAMED_OTHER =
  /(?:\b(?:order|ticket|case|uid|id|tx|txid|hash|account|acct|wallet|user(?:name)?|login|e-?mail|address|network|wi-?fi|ssid|invoice|ref(?:erence)?|model|serial|plate|flight|tracking)\b|订单|訂單|单号|單號|编号|編號|用户名|用戶名|账号|帳號|钱包|錢包|网络|網絡)[^\S\n]*(?:number|no\.?|id|name|#)?[^\S\n]*(?:is|was|[:：是係])?[^\S\n]*$/iu;

/**
 * A password changed from one to another, both given (set 42): "上个月从 Lizhi_Putian 改成
 * Lizhi_Putian_2025 了，现在两个都登不进去", "changed it from Harbour_77 to Harbour_78". Both are
 * made up (letters with a digit or sign) and the message is about signing in or a password.
 */
const CHANGED =
  /(?:从|從|\bfrom\b)[^\S\n]*([A-Za-z][A-Za-z0-9!@#$%^&*_.+\-~]{4,39})[^\S\n]*(?:改成|改为|改為|换成|換成|改咗做|\bto\b)[^\S\n]*([A-Za-z][A-Za-z0-9!@#$%^&*_.+\-~]{4,39})(?![A-Za-z0-9])/gu;
const ABOUT_SIGNING_IN =
  /password|passcode|\bpw\b|密码|密碼|登不|登唔|登录|登錄|登入|\blog\s*in\b|\bsign\s*in\b|\blocked\s+out\b/iu;

export function detectTriedPasswords(text: string): Finding[] {
  const out: Finding[] = [];
  for (const header of matchesIn(text, TRIED_HEADER)) {
    let at = header.index + header[0].length;
    for (const line of text.slice(at).split('\n')) {
      const item = ITEM.exec(line);
      if (!item) break;
      const value = item[1]!.replace(/[.,;:]+$/, '');
      if (MADE_UP.test(value)) {
        const start = at + line.indexOf(value);
        out.push({ kind: 'password', start, end: start + value.length });
      }
      at += line.length + 1;
    }
  }
  for (const m of matchesIn(text, TRIED_INLINE)) {
    const listAt = m.index + m[0].length - m[1]!.length;
    for (const item of matchesIn(m[1]!, /\d{1,2}[.)、][^\S\n]*(\S+)/gu)) {
      const value = item[1]!.replace(/[.,;:]+$/, '');
      if (!MADE_UP.test(value)) continue;
      const start = listAt + item.index + item[0].length - item[1]!.length;
      out.push({ kind: 'password', start, end: start + value.length });
    }
  }
  if (ABOUT_TYPING.test(text))
    for (const m of matchesIn(text, EITHER_OR))
      out.push(...bothOfPair(text, m, (a, b) => a.slice(0, 4).toLowerCase() === b.slice(0, 4).toLowerCase()));
  if (CASE_NAMED.test(text)) out.push(...caseTwins(text));
  if (ABOUT_SIGNING_IN.test(text)) for (const m of matchesIn(text, CHANGED)) out.push(...bothOfPair(text, m));
  return out;
}

/**
 * The two tokens a pair pattern caught (groups 1 and 2, a trailing stop taken off), both passwords when
 * each has a digit or a sign, they differ, they pass `alike`, and the first is not named as another thing.
 */
function bothOfPair(text: string, m: RegExpExecArray, alike = (_a: string, _b: string) => true): Finding[] {
  const [a, b] = [m[1]!.replace(/[.,]+$/, ''), m[2]!.replace(/[.,]+$/, '')];
  if (!HAS_DIGIT_OR_SIGN.test(a) || !HAS_DIGIT_OR_SIGN.test(b) || a === b || !alike(a, b)) return [];
  const startA = m.index + m[0].indexOf(a);
  if (NAMED_OTHER.test(text.slice(Math.max(0, startA - 25), startA))) return [];
  const startB = m.index + m[0].lastIndexOf(b);
  return [
    { kind: 'password', start: startA, end: startA + a.length },
    { kind: 'password', start: startB, end: startB + b.length },
  ];
}

function caseTwins(text: string): Finding[] {
  const tokens = matchesIn(text, TOKEN)
    .map((m) => ({ value: m[0].replace(/[.,]+$/, ''), start: m.index }))
    .filter((t) => HAS_DIGIT_OR_SIGN.test(t.value) && /[A-Za-z]/.test(t.value));
  const out: Finding[] = [];
  for (const a of tokens) {
    const twin = tokens.some((b) => b.value !== a.value && b.value.toLowerCase() === a.value.toLowerCase());
    if (twin && !NAMED_OTHER.test(text.slice(Math.max(0, a.start - 25), a.start)))
      out.push({ kind: 'password', start: a.start, end: a.start + a.value.length });
  }
  return out;
}
