import { matchesIn } from '../platform/matches-in.ts';
import { may } from './gates.ts';
import { ENGLISH_WORDS } from './wordlists.ts';

/**
 * Candidates for a code or a password given in context, each with the evidence around it as named
 * features. The hand-written rules of detect-credentials.ts / detect-codes.ts match exact phrasings
 * and each round of them missed the next author's wording; here every token shaped like a code
 * (4–8 digits, maybe split by spaces, dots or dashes; digits in English words or Chinese numerals;
 * a short letters-and-digits string) or like a password (a token in a sentence that names one, a
 * quoted string) is a candidate, and what decides is general evidence: a cue word anywhere near it
 * (its distance and side), the word right before it (is / 是 / :), verbs of receiving or typing,
 * its shape, and exclusions (an amount, a date, an order or phone number named as such, another
 * kind of code). A logistic model (context-model.json, `npm run train:context`) weighs them.
 * The text passed in is already Simplified (simplifiedSameLength), so offsets are the original's.
 */

export type CandidateKind = 'verification_code' | 'password';
export interface Candidate {
  kind: CandidateKind;
  start: number;
  end: number;
  features: string[];
  /** Clearly not a secret of this kind, whatever the model says (see EXCLUDED). */
  excluded?: boolean;
}

/** A digit said as an English word (the code rules of detect-codes.ts read the same words). */
export const EN_DIGIT = '(?:zero|oh|nought|naught|one|two|three|four|five|six|seven|eight|nine)';
const CODE_SHAPES = new RegExp(
  [
    // Digits, whole or split: not part of a longer number, a word, a decimal or a handle. One letter
    // and a dash before them is a sender's prefix ("G-662419 is your verification code", round 18).
    `(?<d>(?<![A-Za-z0-9_@/#$¥€£+]|\\d[ .\\-·–\\u00a0\\u2007\\u2009\\u202f]{1,3}|\\d, |[A-Za-z0-9]{2}[.\\-]|[A-Za-z0-9]\\.)(?:\\d(?:[ .\\-·–\\u00a0\\u2007\\u2009\\u202f]{1,3}\\d|_\\d|\\d){3,7}(?![A-Za-z0-9_]|[ .\\-·–\\u00a0\\u2007\\u2009\\u202f]{1,3}\\d|[.,]\\d)|\\d(?:(?:, |，\\s?)\\d){3,7}(?![A-Za-z0-9_]|(?:, |，\\s?)\\d|[.,]\\d)))`,
    `(?<w>\\b${EN_DIGIT}(?:[\\s,.-]+${EN_DIGIT}){3,7}\\b)`,
    // Chinese numerals, whole or split by a space, dot or dash like digits ("七七五 三零八").
    '(?<z>[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖](?:[ .\\-·，,]?[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]){3,7}(?![零〇一二三四五六七八九十百千万亿拾佰仟]|[ .\\-·，,][零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]))',
    // Letters and digits both, 4–8 (an e-mail code "B6QW3R").
    '(?<a>(?<![A-Za-z0-9_@./#-])(?=[A-Za-z]*\\d)(?=\\d*[A-Za-z])[A-Za-z0-9]{4,8}(?![A-Za-z0-9_@#-]|\\.[A-Za-z0-9]))',
    // The same split in two by a dash ("H2N-7QX").
    '(?<h>(?<![A-Za-z0-9_@./#-])(?=[A-Za-z0-9-]*\\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{2,4}-[A-Za-z0-9]{2,4}(?![A-Za-z0-9_@#-]|\\.[A-Za-z0-9]))',
  ].join('|'),
  'giu',
);

/**
 * Names of a one-time code (strong) and words that often stand for one (weak). 码 counted as a
 * number's tail ("帳戶末四碼 3391", "發票末六碼"; round 30, two authors) names no code.
 */
const CODE_CUE =
  /验证码|校验码|动态码|安全码|短信码|邮箱码|验证器|动态口令|认证码|授权码|2fa|otp|one[- ]?time|verification|verify|authenticator|c[oó]digo|κωδικ[οό]ς|google auth|security code|passcode|\bre-?send|重发|重新发送|\bcodes?\b|\bpin\b|\d\s*位数|位数字|digits|\d[-\s]?digit\b|(?<![订单编号条形邀请推荐错])(?<!(?:末|尾|后|後)\s*[一二三四五六七八九十两\d]{1,2}\s*位?)码/giu;
/** The same names, tested once (no global state). */
const NAMES_A_CODE = new RegExp(CODE_CUE.source, 'iu');
const CODE_WEAK = /\bsms\b|\btext(?:ed)?\b|e-?mail|短信|简讯|邮件|邮箱|number|数字|号码/giu;
const PASSWORD_CUE =
  /密码|口令|\bpa?s{0,2}w(?:o?r)?ds?\b|\bpass(?:phrase)?s?\b|\bpw\b|\bm?pin\b|登录|登入|登陆|登(?:不|唔|冇)(?:上|进|入|到|落)|log(?:ging|ged)?\s*in|sign(?:ing|ed)?\s*in|credentials?|\blocked\b|\bunlock|大小[写寫]|\bcase[-\s]sensitive\b/giu;
const RECEIVE =
  /receiv|\bgot\b|\bget\b|\bsent\b|\btexted|\bemailed|arrived|\bcame\b|shows?\b|showing|says|display|收到|发来|发了|发的|显示|给我|来了/iu;
const TYPING = /typ(?:e|ed|ing)|enter(?:ed|ing)?\b|\bus(?:e|ed|ing)\b|tried|trying|输入|输的|填|用的|试了/iu;
/**
 * The number before is something else: an order, a UID, a phone, an amount, a date, another code;
 * in Chinese any noun ending in 号 names a number of its own (员工号, 流水号, 会员号; a code is a 码),
 * also a part of it ("商业登记号码后六位 718290", round 16).
 */
const OTHER_NUMBER =
  /(?:order|uid|\bid|ticket|case|height|token|session|nonce|ending(?:\s+in)?|phone|mobile|cell|tel|telephone|account|acct|card|amount|balance|price|fee|limit|invoice|txid|tx|hash|address|block|zip|post(?:al)?|error|err|promo|referral|invite|invitation|reference|ref|tracking|coupon|voucher|bonus|version|build|release|firmware|patch|model|serial|room|flight|member(?:ship)?|employee|staff|customer|client|user|badge|passport|licen[cs]e|policy|contract|batch|sku|item|product|part|memo|tag|merchant|store|postcode|vin|plate|registration|(?:network|wi-?fi|hotspot)\s*name|wi-?fi\s*(?:名字|名称|名)(?:叫|是|为)?|ssid|nick(?:name)?|昵称|网络名|邮递区号|邮政编码|区号|信用卡|银行卡|储蓄卡|借记卡|扣款卡|订单|单号|编号|工单|尾号|限额|额度|高度|手机|电话|账号|账户|卡号|金额|余额|数量|价格|手续费|地址|区块|错误|报错|邀请|推荐|版本|身份证|护照|邮编|房间|\p{Script=Han}{2}(?=号))(?:[a-z.]{0,6}|号码?|码)(?:的?(?:后|前|末|尾|最后)[0-9一二三四五六七八九十两]{1,2}(?:位(?:数字?)?|码))?(?:\s*(?:is|was|are|were|no\.?|number|#|:|：|=|就是|是|为|就係|係|(?<=号码?|位)(?:就)?系(?![统列])|我?(?:填|输入?|写)(?:的|了)?|shows?|showing|says|reads|ends?(?:\s+(?:in|with))?))*\s*$/iu;
/**
 * Any noun's own number ("my student number is 202614", "the truck's DOT number is 3140582", round
 * 24): a number named by a noun is that noun's, unless the noun names a code. A conjunction or a
 * count is no noun ("but number is 431 956" names the code read off an SMS), and the place may have
 * a number of its own ("student number at Lyon 2 is …", round 24). "Our light is number 100384" (set
 * 38) is the light's.
 */
const NOUN_NUMBER =
  /\b(?!(?:sms|text|verification|security|auth|authenticator|otp|pin|code|confirmation|secret|login|backup|recovery|access|the|my|your|a|an|this|that|which|what|its|his|her|our|their|lucky|magic|same|new|old|right|wrong|but|and|or|so|then|because|if|of|is|was|just|only|whole|full|digit|six|four|eight)\b)[a-z]{2,}(?:\s+(?:is|was))?\s+(?:number|no\.?)(?:\s+(?:at|for|with|on|in|from)\s+(?:the\s+|my\s+|our\s+)?[a-z]+(?:\s+\d{1,3})?)?\s*(?:is|was|[:：#=])?\s*$/iu;
/**
 * A number given as a register's or a document's ("the receipt is numbered 271904", "registered as a
 * charity, number 302716", round 27): a registration's number, however far the noun stands.
 */
const NUMBERED =
  /\bnumbered\s*[:：#]?\s*$|\b(?:registered|registration|licensed|incorporated)\b[^.!?\n]{0,40}\bnumber\s*(?:is|was|[:：#=])?\s*$/iu;
/** A number named as a noun's or a register's, read over the wider stretch before it. */
function numberOfANoun(wider: string): boolean {
  return NOUN_NUMBER.test(wider) || NUMBERED.test(wider);
}
const PHONE_NAMED =
  /(?:phone|mobile|cell|tel|telephone|手机|电话)(?:[a-z.]{0,6}|号码?)(?:\s*(?:is|was|no\.?|number|#|:|：|=|是|为|係|系(?![统列])|shows?|showing|says|reads))*\s*$/iu;
/** A number of another kind named anywhere before, in the same sentence. */
const OTHER_NAMED =
  /\b(?:order|uid|ticket|case|account|card|amount|balance|invoice|txid|tx|hash|address|tracking|reference|serial)(?:\s+(?:number|no\.?|id))?\b|订单|单号|编号|工单|卡号|金额|余额|地址/iu;
export const UNIT_AFTER =
  /^\s*(?:年|月|日|号|点|分|秒|元|块|次|个|天|小时|位|条|笔|张|颗|枚|股|份|%|港币|港元|台币|美元|美金|人民币|日元|欧元|英镑|韩元|澳元|加元|蚊|usdt|usdc|btc|eth|usd|cny|rmb|hkd|twd|eur|(?:cedis?|pesewas?|naira|kobo|shillings?|ksh|ugx|tzs|rupees?|rs|inr|pkr|lkr|taka|bdt|pesos?|php|mxn|ringgit|rm|myr|baht|thb|dong|vnd|rupiah|idr|rp|won(?!['’]t)|krw|yen|jpy|euros?|pounds?|gbp|rand|zar|kwacha|birr|lira|dirhams?|aed|riyals?|egp|lei|ron|zloty|pln)\b|doge|shib|sol|trx|bnb|xrp|ada|coins?|tokens?|dollars?|years?\b|days?\b|hours?\b|h\b|mins?\b|minutes?\b|seconds?\b|s\b|times?\b|people|users|characters?|chars?|letters?|digits?|k\b|m\b|am\b|pm\b|ms\b|个字符|字符)/iu;
const NEGATION = /不|没|未|别|\bnot\b|n't|\bnever\b|\bno\b/iu;
const PROBLEM =
  /expired?|invalid|incorrect|wrong|doesn'?t work|not work|rejected|failed|过期|失效|无效|错误|不对|不行|失败/iu;
const USER_CUE = /user(?:name)?|\bid\b|\buid\b|e-?mail|账号|用户名|邮箱|手机号/iu;
const QUESTION = /[?？]/;

/** What a sentence says about receiving, a problem, a question: read once per sentence. */
let factsOfText = '';
const facts = new Map<number, { receive: boolean; problem: boolean; question: boolean }>();
function sentenceFacts(text: string, from: number, to: number) {
  if (text !== factsOfText) {
    factsOfText = text;
    facts.clear();
  }
  let f = facts.get(from);
  if (!f) {
    const sentence = text.slice(from, to);
    f = {
      receive: RECEIVE.test(sentence),
      problem: PROBLEM.test(sentence),
      question: QUESTION.test(sentence),
    };
    facts.set(from, f);
  }
  return f;
}

/** Sentence bounds around an offset (a dot between digits or letters does not end one). */
function sentenceOf(text: string, start: number, end: number) {
  let from = start;
  while (from > 0 && !isStop(text, from - 1)) from--;
  let to = end;
  while (to < text.length && !isStop(text, to)) to++;
  return { from, to };
}
function isStop(text: string, i: number) {
  const c = text[i]!;
  if (c === '\n' || c === '。' || c === '！' || c === '？' || c === '!' || c === '?') return true;
  return c === '.' && !/\w/.test(text[i + 1] ?? '');
}

/** The tokens right before and after a span, as the model's lexical features. */
function tokensBefore(text: string, at: number, n: number): string[] {
  const left = text.slice(Math.max(0, at - 30), at).toLowerCase();
  const toks = left.match(/[a-z']+|\p{Script=Han}|\d+|[^\s\w\p{Script=Han}]/gu) ?? [];
  return toks.slice(-n).map((t) => (/^\d+$/.test(t) ? '0' : t));
}
function tokenAfter(text: string, at: number): string {
  const t = text
    .slice(at, at + 20)
    .toLowerCase()
    .match(/[a-z']+|\p{Script=Han}|\d+|[^\s\w\p{Script=Han}]/u)?.[0];
  return t ? (/^\d+$/.test(t) ? '0' : t) : '$';
}

/** "zip code", "error code 4882", "promo code", 错误代码: a code's name that names another kind of code. */
const OTHER_CODE =
  /(?:error|err|merchant|till|paybill|报错|错误|promo|promotion|referral|invite|invitation|zip|post|postal|country|area|reference|ref|product|coupon|voucher|discount|tracking|bank|swift|branch|qr|source|status|gift|bonus|stock|share|security|isin|sort|routing|affiliate|partner|campaign|redeem|redemption|reward|rebate|currency|language|tax|ticker|memo|tag|邀请|推荐|优惠|兑换|错误|邮政|区号|二维|股票|证券|商品|产品|合约|币种|银行|地区|国家)\s*代?$/i;

/**
 * A name that says one-time code whoever sends it: "the bank OTP for that transfer was 318822" is a
 * code (a bank's OTP is one, set 24's call), though "bank code" alone names another kind.
 */
const ONE_TIME_NAME =
  /验证码|校验码|动态码|短信码|动态口令|认证码|otp|one[- ]?time|verification|passcode|2fa/iu;

/** Where a cue occurs in the text (found once per text and cue, not once per candidate). */
interface CueAt {
  s: number;
  e: number;
  /** The cue names another kind of code ("zip code"). */
  other: boolean;
}
let cuesOfText = '';
const cuesFound = new Map<RegExp, CueAt[]>();
function cuesOf(text: string, cue: RegExp): CueAt[] {
  if (text !== cuesOfText) {
    cuesOfText = text;
    cuesFound.clear();
  }
  let found = cuesFound.get(cue);
  if (!found) {
    found = matchesIn(text, cue).map((m) => ({
      s: m.index,
      e: m.index + m[0].length,
      other: !ONE_TIME_NAME.test(m[0]) && OTHER_CODE.test(text.slice(Math.max(0, m.index - 16), m.index)),
    }));
    cuesFound.set(cue, found);
  }
  return found;
}

/** Nearest match of a cue before and after a span, in characters, within the same sentence. */
function cueDistance(text: string, cue: RegExp, start: number, end: number, from: number, to: number) {
  let left = Infinity;
  let right = Infinity;
  let other = false;
  for (const c of cuesOf(text, cue)) {
    if (c.s < from || c.e > to) continue;
    if (c.other) {
      other = true;
      continue;
    }
    if (c.e <= start) left = Math.min(left, start - c.e);
    else if (c.s >= end) right = Math.min(right, c.s - end);
  }
  return { left, right, other };
}
function bucket(d: number) {
  return d <= 3 ? 'adj' : d <= 12 ? 'near' : d <= 30 ? 'mid' : d < Infinity ? 'far' : 'none';
}

function lexical(text: string, start: number, end: number, out: string[]) {
  const [p2, p1] = tokensBefore(text, start, 2);
  out.push(`p1:${p1 ?? '^'}`, `p2:${p2 ?? '^'} ${p1 ?? '^'}`, `n1:${tokenAfter(text, end)}`);
}

function codeShape(value: string, group: string): string[] {
  if (group === 'w') return ['shape:spelled'];
  if (group === 'z') return ['shape:zhnum'];
  if (group === 'h') return ['shape:alnum-dashed'];
  if (group === 'a') return [/[a-z]/.test(value) ? 'shape:alnum-lower' : 'shape:alnum-upper'];
  const digits = value.replace(/\D/g, '');
  const groups = value.split(/[^\d]+/).map((g) => g.length);
  const out = [`digits:${digits.length}`];
  if (groups.length === 1) out.push('sep:none');
  else if (groups.every((g) => g === 1)) out.push('sep:each');
  else out.push(`groups:${groups.join('-')}`, `sepchar:${value.match(/[^\d]+/)![0].trim() || 'space'}`);
  if (groups.length === 1 && digits.length === 4 && /^(?:19|20)\d\d$/.test(digits)) out.push('year');
  if (isDate(value)) out.push('date');
  if (new Set(digits).size === 1) out.push('same-digit');
  // One digit set off from a long run ("0-10000", "3 45678"): a counter, a range or a numbered
  // item, not a code split for reading (codes split evenly: 123-456, 12 34 56).
  if (groups.length === 2 && Math.min(...groups) === 1 && Math.max(...groups) >= 4) out.push('uneven');
  return out;
}

/** A written date with a real month and day: "2019-06-12", "12/06/2019" (not "55-90-12"). */
function isDate(value: string) {
  const m =
    value.match(/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/) ??
    value.match(/^(\d{1,2})[-./](\d{1,2})[-./](\d{2,4})$/);
  if (!m) return false;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ok = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return m[1]!.length === 4 ? ok(b, c) : ok(a, b) || ok(b, a);
}

const BIRTHDAY = /birth|生日|出生/i;
const COUNTED = /^\d+[-\s]?(?:characters?|chars?|digits?|letters?|words?|symbols?|位|个字符)$/i;
const RULE_WORDS =
  /包含|长度|至少|必须|须|字符|大小写|位数|\d\s*至\s*\d|\bmust\b|\bat\s+least\b|\bcharacters\b|\bupper\s*case\b|\blower\s*case\b/i;

const EXCLUDED = new Set([
  'other:before',
  'other:after',
  'unit:after',
  'currency:before',
  'date',
  'other:uneven',
]);

/**
 * What every code shape starts with or holds: a digit, a Chinese numeral, or a digit's English
 * word followed by a separator. Text without any has no candidate and skips CODE_SHAPES.
 */
const MAY_HOLD_CODE = new RegExp(
  `\\d|[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]|\\b${EN_DIGIT}[\\s,.-]`,
  'iu',
);

/**
 * The evidence, read from the few characters around a token, that it is plainly something else: a
 * code named as another kind right after it, a number named as another kind right before it, a
 * unit after it, a currency sign before it. Each of these excludes the candidate (EXCLUDED).
 */
function plainlyOther(text: string, value: string, start: number, end: number, from: number): string[] {
  const out: string[] = [];
  const after = text.slice(end, end + 12);
  if (/^\s*(?:error|promo|referral|invite|zip|coupon|voucher|优惠|邀请|推荐|错误)/i.test(after))
    out.push('other:after');
  // A sender's one-letter prefix ("G-662419") is the number's own: what names it stands before that.
  // With fewer than six digits it is an error or item code ("E-4031").
  const raw = text.slice(Math.max(from, start - 24), start);
  const before = raw.replace(/(?<![A-Za-z0-9])[A-Za-z]-$/, '');
  if (before !== raw && value.replace(/\D/g, '').length < 6) out.push('other:before');
  // A phone number has 7+ digits: "reading it off the phone: 3 9 4 8" names where a code shows.
  const phoneOnly = PHONE_NAMED.test(before) && value.replace(/\D/g, '').length < 7;
  // A noun's number may have a place between it and its value ("staff number at the clinic is"): read wider.
  const wider = text.slice(Math.max(from, start - 48), start);
  const nounNumber = numberOfANoun(wider);
  // A series' letters between the name and the digits ("passport number IE 372-004-19") are the number's own.
  const unlettered = before.replace(/(?<=\s)[A-Z]{1,3}\s*$/, '');
  if ((OTHER_NUMBER.test(before) || OTHER_NUMBER.test(unlettered) || nounNumber) && !phoneOnly)
    out.push('other:before');
  // A time after the digits ("… 2026 10:15" in a forwarded e-mail's header) makes them a date's.
  if (UNIT_AFTER.test(after) || /^:\d\d/.test(after)) out.push('unit:after');
  if (/[$¥€£]\s*$/.test(before)) out.push('currency:before');
  return out;
}

/**
 * Every code-shaped token of the text, with its evidence. Scoring (`forScoring`)
 * skips the rest of the evidence of a token that plainly is something else: it is excluded
 * whatever that evidence says. The trainer keeps it all, to learn what such numbers look like.
 */
export function codeCandidates(text: string, messageHasCue: boolean, forScoring = false): Candidate[] {
  const out: Candidate[] = [];
  if (!may(MAY_HOLD_CODE, text)) return out;
  CODE_SHAPES.lastIndex = 0;
  const all = matchesIn(text, CODE_SHAPES);
  for (const m of all) {
    const group = Object.entries(m.groups!).find(([, v]) => v !== undefined)![0];
    const value = m[0];
    const start = m.index;
    const end = start + value.length;
    const { from, to } = sentenceOf(text, start, end);
    const other = plainlyOther(text, value, start, end, from);
    if (forScoring && (other.length > 0 || (group === 'd' && isDate(value)))) {
      out.push({ kind: 'verification_code', start, end, features: other, excluded: true });
      continue;
    }
    const f = codeShape(value, group);
    const strong = cueDistance(text, CODE_CUE, start, end, from, to);
    const weak = cueDistance(text, CODE_WEAK, start, end, from, to);
    const pw = cueDistance(text, PASSWORD_CUE, start, end, from, to);
    f.push(`cueL:${bucket(strong.left)}`, `cueR:${bucket(strong.right)}`);
    f.push(`weakL:${bucket(weak.left)}`, `weakR:${bucket(weak.right)}`);
    if (pw.left <= 12 || pw.right <= 12) f.push('pw:near');
    if (strong.other && strong.left === Infinity && strong.right === Infinity) f.push('other:before');
    // Unevenly split with no code named near it: not a code someone is reading out.
    if (f.includes('uneven') && strong.left === Infinity && strong.right === Infinity) f.push('other:uneven');
    f.push(...other);
    if (messageHasCue) f.push('cue:message');
    const before = text.slice(Math.max(from, start - 24), start);
    const sentence = sentenceFacts(text, from, to);
    if (sentence.receive) f.push('receive:sentence');
    if (RECEIVE.test(before)) f.push('receive:before');
    if (TYPING.test(before)) f.push('typing:before');
    if (sentence.problem) f.push('problem:sentence');
    if (NEGATION.test(text.slice(Math.max(from, start - 12), start))) f.push('negation:before');
    if (sentence.question) f.push('question');
    if (all.length >= 3) f.push('many-numbers');
    // Another number of the sentence is an amount, or a number of another kind is named earlier
    // in it ("withdrew 250000 SHIB and got only 240000", "the case number … is 903118"): with no
    // code named in the sentence, this one is of the same kind.
    if (strong.left === Infinity && strong.right === Infinity) {
      const earlier = text.slice(Math.max(from, start - 48), start);
      if (OTHER_NAMED.test(earlier)) f.push('other:before');
      for (const o of all)
        if (
          o !== m &&
          o.index >= from &&
          o.index < to &&
          UNIT_AFTER.test(text.slice(o.index + o[0].length, o.index + o[0].length + 12))
        )
          f.push('other:before');
    }
    lexical(text, start, end, f);
    // Clearly something else (an amount, a date, a number or a code named as another kind): never
    // taken, but kept for training, so the model still learns what such numbers look like.
    out.push({
      kind: 'verification_code',
      start,
      end,
      features: f,
      excluded: f.some((x) => EXCLUDED.has(x)),
    });
  }
  return out;
}

const QUOTED =
  /"([^"\n]{1,64})"|(?<![A-Za-z])'([^'\n]{1,64})'(?![A-Za-z])|“([^”\n]{1,64})”|‘([^’\n]{1,64})’(?![A-Za-z])|「([^」\n]{1,64})」|『([^』\n]{1,64})』/g;
/** A token: no space, no Chinese, no sentence punctuation of Chinese; ":" and "=" split it too. */
const TOKEN = /[^\s\p{Script=Han}，。、；：！？（）【】「」『』“”‘’"'<>:=]+/gu;
const COMMON_WORDS =
  /^(?:wrong|incorrect|correct|right|invalid|expired|locked|not|never|too|reset|changed|forgotten|forgot|lost|stolen|required|needed|empty|weak|strong|same|different|the|my|a|an|and|or|for|to|of|in|on|at|it|this|that|field|box|manager|ok|okay|fine|working|hidden|set|updated|sent|again|still|also|please|error|case|long|short|is|was|be|been|have|has|had|with|from|but|so|then|now|just|your|you|i|me|we|our|can|could|would|should|will|do|does|did|what|when|how|why|which|who|there|here|account|login|password|code|app|email|phone|help|thanks|thank|hello|hi|hey|yes|no|because|since|after|before|about|into|still|already|new|old|one|two|some|any|all)$/i;

/** The name of a network or a platform, however it is written ("WiFi", "iOS", round 24). */
const PLATFORM_NAME = /^(?:wi-?fi|wlan|ssid|ios|android|iphone|ipad|app|vpn|4g|5g)$/i;

function passwordShape(value: string, quoted: boolean): string[] {
  const f: string[] = [];
  const d = /\d/.test(value);
  const u = /[A-Z]/.test(value);
  const l = /[a-z]/.test(value);
  const s = /[^A-Za-z0-9]/.test(value);
  f.push(`classes:${[d, u, l, s].filter(Boolean).length}`);
  if (d) f.push('has:digit');
  if (s) f.push('has:symbol');
  if (u && l) f.push('has:mixedcase');
  if (!d && !s && !u)
    f.push(ENGLISH_WORDS.has(value) || COMMON_WORDS.test(value) ? 'word:common' : 'word:lower');
  if (!d && !s && u && l && /^[A-Z][a-z]+$/.test(value)) f.push('word:capitalised');
  if (/^\d+$/.test(value)) f.push('all-digits');
  if (COMMON_WORDS.test(value)) f.push('stopword');
  const n = value.length;
  f.push(`len:${n < 6 ? 'short' : n < 8 ? '6' : n < 12 ? '8' : n < 20 ? '12' : 'long'}`);
  if (/@.+\./.test(value)) f.push('email');
  // The top-level domains scam links use too (round 28: "log in at lumen-secure.help" was read as a password).
  if (
    /^(?:https?|www\.)|\.(?:com|net|org|io|example|help|app|site|xyz|top|info|vip|co|cc|online|support|live|link|me|pro|biz|club|cn|hk|tw)\b/i.test(
      value,
    )
  )
    f.push('url');
  if (/^0x[0-9a-f]{16,}$/i.test(value) || n > 30) f.push('long-token');
  if (/\s/.test(value)) f.push('has:space');
  if (quoted) f.push('quoted');
  return f;
}

/**
 * A value given as a network's, a wallet's or a device's name ("the Wi-Fi at the teahouse is
 * Manang_Guesthouse_5G", "wifi network is called SLOPE-CREW-5G", "钱包名称是 Taitung_Sunrise8", round 27):
 * that name, unless a password is named between ("the wifi password is …").
 */
const NAME_BEFORE =
  /(?:wi-?fi|wlan|ssid|network|hotspot|router|wallet|device|钱包|网络|网路|设备)(?:\s*(?:name|名称|名字|名))?[^.!?\n。，,]{0,30}?(?:\b(?:is|was|called|named)\b|叫|是|为|係|系|[:：])\s*["'“‘「『]?$/iu;
export function namedAsName(before: string): boolean {
  const m = NAME_BEFORE.exec(before);
  return (
    m !== null && !/pass|\bpw|\bpin\b|\bcode|log-?in|sign|credential|密码|口令|码|登录|登入|登陆/iu.test(m[0])
  );
}

/** Words that name a user's own name on an account (also read by strong-token-password.ts). */
export const USER_NAME_WORDS = String.raw`user\s*-?name|login\s+name|nick\s*-?name|screen\s*name|display\s*name|account\s+name`;
/** A user's name named as such, then "is" ("My login name is whakairo_rewi88", round 30). */
const USER_NAME_THEN_IS = new RegExp(
  String.raw`\b(?:${USER_NAME_WORDS}|log-?in\s+id)\s*(?:is|was|[:：=])\s*$`,
  'iu',
);

/** A hint (or a hint's question, 提示问题) named right before a value: what follows describes the password, it is not it. */
const HINT_BEFORE =
  /(?:\bhint|\breminder|\bsecurity\s+question|提示|提示语|提示詞|提示词)(?:\s*(?:question|问题|問題))?(?:写的|寫的|说的|說的|写着|寫著)?\s*(?:is|was|says|reads|[:：=]|是|為|为|係|系)?\s*["'“‘「『]?$/i;

/**
 * What the customer typed, tried or set, without the word "password": "I type cheddar.cheese", "changed it from …", "reset to …", 改成 …, 试咗 …;
 * or handed over, or kept (round 25): "here it is →", "as you asked", "what I always use", "wrote it on …", "sticky note", 发过来了;
 * "what I always type", "wrote it inside the lid", 我平时就这么打的 (round 28).
 */
const ENTRY_CUE =
  /\b(?:typ(?:e|ed|ing)|enter(?:ed|ing)?|put(?:ting)? in|sign(?:ed|ing)? up|register(?:ed)?|(?:tr(?:ied|ying)|us(?:e|ed|ing))\s+(?:both\s+|either\s+)?(?=\S*[\d@#$%^&*])|(?:chang|set|reset|updat)\w*\s+(?:it|mine)|(?:chang(?:e|ed|ing)|reset(?:ting)?|updat(?:e|ed|ing))\s+(?:it\s+|mine\s+|my\s+\w+\s+)?to)\b|\bhere\s+(?:it\s+is|you\s+go)\b|\bas\s+(?:you|u)\s+asked\b|\bwhat\s+i\s+(?:always\s+|usually\s+)?(?:use|type|enter|put\s+in)\b|\bwr(?:ote|itten)\s+(?:it\s+)?(?:down|on|in|inside)\b|\bsticky\s+note\b|\btypin['’]?(?=\s)|\b(?:card|note|paper)\s+(?:reads|says)\b|写着|寫住|寫著|写住|(?:写|寫|抄)在[^，。！？\s]{1,8}(?:上|裡|里)的|抄的[:：]|复制过来|複製過來|完整的是|输入|输的|填的|填了|注册|(?:改|换|设|设置|重设|重置)(?:成|为)|试(?:了|过|咗|左|吓)|发过来了|发给(?:你们|你)了|(?:这么|这样|平时|一直)(?:打|输|填)的/giu;

/** Every token near a password's name (same sentence, or the sentence after), with its evidence. */
const NETWORK_TOKEN =
  /^(?:[A-Z]{2,6}[-_ ]?)?(?:TRC|ERC|BEP|BRC|SPL|ARC|HRC|KRC)[-_]?\d{2,4}$|^(?:USDT|USDC|BTC|ETH|TRX|BNB|SOL|DAI|BUSD)[-_](?:[A-Z]{2,10}\d{0,4})$/i;

export function passwordCandidates(text: string): Candidate[] {
  PASSWORD_CUE.lastIndex = 0;
  ENTRY_CUE.lastIndex = 0;
  const cues = [...matchesIn(text, PASSWORD_CUE), ...matchesIn(text, ENTRY_CUE)];
  if (cues.length === 0) return [];
  const out: Candidate[] = [];
  const spans: Array<{ start: number; end: number; quoted: boolean }> = [];
  QUOTED.lastIndex = 0;
  for (const m of matchesIn(text, QUOTED)) {
    const inner = m.slice(1).find((g) => g !== undefined)!;
    if (inner.trim().length >= 3)
      spans.push({ start: m.index + 1, end: m.index + 1 + inner.length, quoted: true });
  }
  TOKEN.lastIndex = 0;
  for (const m of matchesIn(text, TOKEN)) {
    let value = m[0];
    let start = m.index;
    const lead = value.match(/^[([{<]+/)?.[0].length ?? 0;
    value = value.slice(lead).replace(/[.,;!?)\]}>]+$/, '');
    start += lead;
    if (value.length < 4 || value.length > 64 || !/[A-Za-z0-9]/.test(value)) continue;
    // A coordinate or an angle ("N31°47′ E117°18′", set 41) is no password.
    if (/[°′″]/.test(value)) continue;
    // A coin on a network ("USDT_TRC20", "USDC-BEP20") is no password.
    if (NETWORK_TOKEN.test(value)) continue;
    const end = start + value.length;
    if (spans.some((s) => s.start <= start && end <= s.end)) continue;
    // Without letters, only a PIN of 6+ digits: not "8–32" characters, a count or an amount.
    if (!/[A-Za-z]/.test(value) && (value.length < 6 || UNIT_AFTER.test(text.slice(end, end + 12)))) continue;
    spans.push({ start, end, quoted: false });
  }
  for (const { start, end, quoted } of spans) {
    // Evidence must be near: the same sentence or the one before. (A value a later sentence says
    // "it" was is read by detect-credentials.ts, IT_WAS.)
    const near = cues.some((c) => Math.abs(c.index - start) <= 80);
    if (!near) continue;
    const value = text.slice(start, end);
    // A password's hint or reminder is not the password ("my password hint is 'first boat'", round 19).
    if (HINT_BEFORE.test(text.slice(Math.max(0, start - 24), start))) continue;
    // A plain dictionary word, or a network's or platform's name, is never taken: kept for training
    // with no more evidence (cheap).
    if (
      !quoted &&
      (PLATFORM_NAME.test(value) ||
        (/^[a-z]+$/.test(value) && (ENGLISH_WORDS.has(value) || COMMON_WORDS.test(value))))
    ) {
      out.push({ kind: 'password', start, end, features: ['word:common'], excluded: true });
      continue;
    }
    const { from, to } = sentenceOf(text, start, end);
    const f = passwordShape(value, quoted);
    const pw = cueDistance(text, PASSWORD_CUE, start, end, from, to);
    const wide = cueDistance(text, PASSWORD_CUE, start, end, Math.max(0, start - 80), to);
    f.push(`pwL:${bucket(pw.left)}`, `pwR:${bucket(pw.right)}`);
    if (pw.left === Infinity && wide.left < Infinity) f.push('pwL:previous-sentence');
    const entry = cueDistance(text, ENTRY_CUE, start, end, from, to);
    f.push(`entryL:${bucket(entry.left)}`);
    const code = cueDistance(text, CODE_CUE, start, end, from, to);
    if (code.left <= 12) f.push('code:near');
    // Named as another kind of code ("invite code from my friend: FRIEND-8K2M") with no password or
    // sign-in word in its sentence: it is that code, not a password.
    const otherCode = code.other && code.left === Infinity && pw.left === Infinity && pw.right === Infinity;
    const before = text.slice(Math.max(from, start - 24), start);
    if (USER_CUE.test(before)) f.push('user:before');
    if (TYPING.test(text.slice(Math.max(from, start - 30), start))) f.push('typing:before');
    if (NEGATION.test(text.slice(Math.max(from, start - 12), start))) f.push('negation:before');
    if (sentenceFacts(text, from, to).problem) f.push('problem:sentence');
    if (/\p{Script=Han}/u.test(text.slice(Math.max(0, start - 1), start))) f.push('han:before');
    lexical(text, quoted ? start - 1 : start, quoted ? end + 1 : end, f);
    // An identifier named as such ("UID 66120934", "TXID 0x…"), an address, an e-mail or a link is not
    // a password, however near the word "password" or "entered" it stands.
    const label = quoted ? text.slice(Math.max(from, start - 25), start - 1) : before;
    const wider = text.slice(Math.max(from, start - 48), start);
    const named =
      OTHER_NUMBER.test(label) ||
      namedAsName(wider) ||
      (/^\d+$/.test(value) && numberOfANoun(wider)) ||
      /\b(?:user(?:name)?|uid|id|e-?mail)\s*[:：=]?\s*$/iu.test(label) ||
      USER_NAME_THEN_IS.test(label) ||
      (!quoted && /账号|用户名|邮箱/u.test(label));
    // A written date is when something happened ("I changed my password, it was 2024-11-03"), unless
    // the password's name stands right before it ("password: 1990-03-12") or the sentence says the
    // password is a birthday ("it's my birthday, 1990-03-12").
    const dated = isDate(value) && pw.left > 6 && !BIRTHDAY.test(text.slice(from, start));
    // What a password must be, not what it is: "a 24-character password", quoted rules ("须包含英文
    // 大小写及数字，长度8至32位") (round 17).
    // A quoted sentence that names a code is the message quoted ("G-551203 is your verification
    // code"), not a password: its code is read by the code rules (round 18).
    const quotesMessage = quoted && /\s/.test(value.trim()) && NAMES_A_CODE.test(value);
    // A quoted instruction ("改为「请于App内自行输入」", round 28) is a template's wording, not a value.
    const quotesInstruction = quoted && /^(?:请|請|please\b|kindly\b)|自行/iu.test(value.trim());
    const described =
      COUNTED.test(value) || (quoted && RULE_WORDS.test(value)) || quotesMessage || quotesInstruction;
    // A quoted value is taken in spite of its shape, not in spite of a label naming it as something else.
    const excluded =
      named ||
      described ||
      (!quoted &&
        (otherCode || dated || f.includes('email') || f.includes('url') || f.includes('long-token')));
    out.push({ kind: 'password', start, end, features: f, excluded });
  }
  return out;
}

/** Whether the message names a code anywhere (evidence for a number far from the name). */
export function namesCode(text: string): boolean {
  CODE_CUE.lastIndex = 0;
  const named = CODE_CUE.test(text);
  // A global pattern's test() leaves lastIndex after its match, and matchAll (cuesOf) starts from
  // there: the message's first code name would be skipped as evidence for every candidate.
  CODE_CUE.lastIndex = 0;
  return named;
}
