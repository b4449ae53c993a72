import { matchesIn } from '../platform/matches-in.ts';
import { SECRET } from './ask-vocabulary.ts';

/**
 * A secret named and taken back in the same breath (round 16): "你注册时候填的那个码……我是说邀请码，
 * 发我一下", "What's the passcode… sorry, I mean the promo code you used". The correction says what is
 * asked for; the secret named just before it (within a few words) is not. When the correction names
 * a secret itself ("the promo code… I mean the SMS code"), nothing is taken back — unless it names
 * the secret only to rule it out ("——我说的是流水号，不是验证码", round 17).
 *
 * Round 17 also reads a clarification after a dash ("把那组号码念给我——就是挂号单上的追踪号码") and a
 * correction said after the thing it names ("Send me the code, the promo code from the banner I
 * mean").
 */
const CORRECTION =
  /(?:……|…|\.{3}|——|—|[,，])\s*(?:(?:sorry|oops|er+m?|uh|um)[,，]?\s*)?(?:i\s+mean(?:t)?\b|我是[说說]|我是指|我指的是|我[说說]的是|不[对對][，,]?\s*是)|(?:——|—)\s*就是|(?:……|…|\.{3})\s*(?=(?:the\s+|that\s+)?(?:error|promo|referral|invite|order|tracking|reference|ticket|case|transaction|withdrawal|deposit)\s+(?:code|number|id|hash)\b)|(?:——|—|–)\s*(?:that'?s|that\s+is)\s+(?:the\s+|a\s+|your\s+)?(?=(?:[\w-]+\s+){0,2}(?:transaction|tx|txid|hash|order|reference|tracking|promo|referral|error|address|memo|uid)\b)/giu;
/** ", the promo code from the banner I mean": what is meant, then "I mean". */
const CORRECTION_AFTER = /[,，]\s*((?:the\s+|a\s+)?[^,.;!?，。]{3,50}?)\s+i\s+mean(?:t)?\b/giu;
/** What a correction after the fact may mean instead of a secret (it must say which). */
const OTHER_THING =
  /\b(?:promo|referral|invite|invitation|coupon|voucher|discount|order|tracking|reference|ticket|case|transaction|tx|txid|withdrawal|deposit|uid|address|memo|tag|error|network|username|user\s+name|account\s+number)\b/i;
// (A bare 是 only after a comma or a tilde: the pre-test must stay rarer than Chinese itself.)
const MAY_CORRECT =
  /i\s+mean|我是[说說]|我是指|我指的是|我[说說]的是|不[对對]|就是|即[系係是]|[,，~～]\s*是|\(/iu;
/** Kinds of code that are not secrets, in Chinese (as the meant thing of a correction). */
const OTHER_KIND_ZH =
  '订单|报错|错误|邀请|推荐|优惠|取件|流水|交易|提现|充值|地址|备注|标签|工单|单号|快递|追踪|活动|红包|缴费|参考|兑换|案件|档案|受理';
/**
 * Round 22: the code asked for said to be another kind in the same sentence, without a dash: "把那个码
 * 发我一下就是提现订单那个号", "send個code畀我啦，即係FPS嘅參考編號", "传给我～是超商缴费代码喔", "drop the
 * code below (the invite code for the beta channel)". The other kind must be named as a code or a
 * number ("，是提现订单需要" is a reason, not a correction).
 */
const CORRECTION_TO_OTHER = new RegExp(
  `(?:[,，~～]\\s*(?:即系|即是|也就是|就是|是)|(?<=[\\u4e00-\\u9fff])(?:即系|即是|也就是|就是))(?=[^，。！？,.!?]{0,10}(?:${OTHER_KIND_ZH})[^，。！？,.!?]{0,4}(?:码|号|代码|编号|口令))|\\(\\s*(?:i\\.e\\.\\s*|that'?s\\s+)?(?:the\\s+)?(?=(?:[\\w-]+\\s+){0,2}(?:promo|referral|invite|invitation|coupon|voucher|order|tracking|reference|ticket|error|event)\\s+(?:code|number|id)\\b)`,
  'giu',
);
/** A secret's word qualified as another kind ("红包口令", "the invite code"): not a secret when meant. */
const OTHER_KIND_BEFORE = new RegExp(
  `(?:${OTHER_KIND_ZH}|\\b(?:promo|referral|invite|invitation|coupon|voucher|event|beta))\\s*$`,
  'iu',
);
/** How far before the correction the secret taken back may be named. */
const BEFORE = 40;
/** A secret named to rule it out: "不是验证码", "not the SMS code". */
const RULED_OUT =
  /(?:(?:不是|並非|并非|唔係|唔系)(?:啥|什么|甚么|任何|咩)?|\bnot\s+(?:the\s+|your\s+|a\s+|any\s+)?|rather\s+than\s+(?:the\s+|your\s+)?)$/iu;

export function withoutSelfCorrection(sentence: string): string {
  if (!MAY_CORRECT.test(sentence)) return sentence;
  let out = sentence;
  const blank = (from: number, to: number) => {
    for (const s of matchesIn(sentence.slice(from, to), SECRET)) {
      const at = from + s.index;
      out = out.slice(0, at) + ' '.repeat(s[0].length) + out.slice(at + s[0].length);
    }
  };
  const takeBack = (at: number, meantFrom: number, meantTo: number) => {
    const meant = matchesIn(sentence.slice(meantFrom, meantTo), SECRET);
    const ruledOut = meant.filter((s) => {
      const before = sentence.slice(Math.max(0, meantFrom + s.index - 12), meantFrom + s.index);
      return RULED_OUT.test(before) || OTHER_KIND_BEFORE.test(before);
    });
    if (meant.length > ruledOut.length) return;
    blank(Math.max(0, at - BEFORE), at);
    for (const s of ruledOut) blank(meantFrom + s.index, meantFrom + s.index + s[0].length);
  };
  for (const m of matchesIn(sentence, CORRECTION)) {
    const end = m.index + m[0].length;
    takeBack(m.index, end, end + 30);
  }
  for (const m of matchesIn(sentence, CORRECTION_TO_OTHER)) {
    const end = m.index + m[0].length;
    takeBack(m.index, end, end + 30);
  }
  for (const m of matchesIn(sentence, CORRECTION_AFTER)) {
    if (!OTHER_THING.test(m[1]!)) continue;
    const meantFrom = m.index + m[0].indexOf(m[1]!);
    takeBack(m.index, meantFrom, meantFrom + m[1]!.length);
  }
  return out;
}

/** A reply that may hold a later correction at all: "I mean", 我是说, or a code named. */
const MAY_CORRECT_LATER = /i\s+mean|我是[说說]|我是指|我指的是|[说說讲講]的是|\bcode\b|码|碼/iu;
/** A Chinese or English name of something that is not a secret, said as the next sentence's correction. */
const OTHER_THING_ZH = new RegExp(OTHER_KIND_ZH, 'u');
/** "这个是…": what the clause after a request says the thing was (round 25). */
const THIS_IS = '(?:这个|这|那个|它)(?:就|只)?是';
const NEXT_CORRECTION = new RegExp(
  String.raw`^\s*(?:(?:……|…|\.{3}|——|—)\s*)?(?:(?:sorry|oops|er+m?|uh|um)[,，]?\s*)?(?:i\s+mean(?:t)?\b|我是[说說]|我是指|我指的是|(?:我|阿嬷|阿嬤|阮|伲)?[说說讲講]的是|(?:that|this|it)(?:'s|\s+is)\s+(?:just\s+|only\s+|simply\s+)?(?:the|your|our)\s+(?:case|claim|reference|ticket|order|file|tracking)\s+(?:number|no\.?|id|ref)\b|${THIS_IS}(?:您的|你的)?(?:${OTHER_KIND_ZH}|申请)(?:编号|号|单号))`,
  'iu',
);
/** Sentence ends, and a comma before "这个是…": the clause after it says what was meant. */
const SENTENCE_OR_THIS_IS = new RegExp(String.raw`[。！？!?]+|\.(?=\s|$)|[，,](?=\s*${THIS_IS})`, 'gu');
/**
 * A short sentence that only names the other code: "订单码。", "The error code on the screen, I mean."
 * (a code, as the secret was called; no value in it: "工单号 KF-…" after a request is its reference).
 */
const NEXT_NAMES_ONLY =
  /^\s*(?:(?:the|a|an|my|your)\s+)?[^,.;!?，。！？\d]{0,24}?(?:\bcode\b|码|碼)[^.;!?。！？\d]{0,30}?(?:[,，]?\s*i\s+mean(?:t)?)?\s*[.。!！]?\s*$/iu;

/**
 * A correction said in the next sentence (round 19): "码多少？订单码。", "What's the code? The error code
 * on the screen, I mean.", "把你屏幕上那串数字发我！……我说的是报错码". When the sentence after one
 * that names a secret says which other thing was meant (and names no secret itself), the secret
 * words at the end of the sentence before are blanked. Same length, so offsets hold. Round 25: the
 * next sentence may say what the "code" is instead ("send us your recovery code. That is the case
 * number BRD-… on the letter", "把"解冻码"DJ-8841回复过来，这个是案件编号不是验证码").
 */
export function withoutLaterCorrection(text: string): string {
  if (!MAY_CORRECT_LATER.test(text)) return text;
  const ends = matchesIn(text, SENTENCE_OR_THIS_IS).map((m) => m.index + m[0].length);
  let out = text;
  let start = 0;
  for (const [i, end] of ends.entries()) {
    const from = start;
    start = end;
    const next = text.slice(end, ends[i + 1] ?? text.length);
    // Cheap tests first: most sentences are no correction (each reply is read once per sentence).
    const corrects = NEXT_CORRECTION.test(next) || (next.trim().length <= 60 && NEXT_NAMES_ONLY.test(next));
    if (!corrects || !(OTHER_THING.test(next) || OTHER_THING_ZH.test(next))) continue;
    // A secret the correction names only to rule it out ("不是验证码") does not stop it.
    const named = matchesIn(next, SECRET).filter(
      (m) => !RULED_OUT.test(next.slice(Math.max(0, m.index - 12), m.index)),
    );
    if (named.length > 0) continue;
    const back = Math.max(from, end - BEFORE);
    for (const s of matchesIn(text.slice(back, end), SECRET)) {
      const at = back + s.index;
      out = out.slice(0, at) + ' '.repeat(s[0].length) + out.slice(at + s[0].length);
    }
  }
  return out;
}
