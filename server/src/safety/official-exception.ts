import { normalise, SECRET_IN, sentences } from './ask-text.ts';
import type { Finding } from './findings.ts';

/**
 * The scammer's exception to the desk's own advice (round 25, train25a): "Don't share your password
 * with anybody ah, very dangerous. But to me can, I'm staff", "助记词勿要拨任何人看，阿拉官方例外，侬发拨
 * 我好了", "台端不得向他人透露私鑰；惟本公司為官方單位，不在此限", "助記詞jangan給別人哦，但是給我boleh".
 * The advice names the secret and negates handing it over, so the sentence rules read it as advice
 * and stop there; what makes it an ask is the permission the writer gives themself after it. Read
 * on the simplified, dialect-folded text (detect-request.ts); the whole message is the ask.
 *
 * Only a permission for the writer counts: "I am official support, never give your password to
 * anyone" (what every desk says) gives none, and "except in the official app" or 除官方渠道外 is a
 * place, not a person.
 */
const WARNS =
  /\b(?:don'?t|do\s+not|never|not\s+to)\s+(?:share|give|send|tell|show|hand|pass|reveal)\b[^.?!]{0,50}\b(?:any(?:one|body)|no\s*one|nobody|others|other\s+people|(?:a\s+)?strangers?)\b|(?:谁|誰)(?:要|问|問|找)?都(?:别|別|不要|不能|唔好)(?:给|給|说|說|告诉|告訴)|(?:不要|不能|不可以|不得|别|切勿|勿|jangan)\s*(?:[^，。；！？]{0,8})?(?:给|拨|畀|俾|告诉|透露|发给|交给|泄露)\s*(?:任何人|别人|他人|其他人|外人|第三方)|(?:不要|不能|不可以|不得|别|切勿|勿)\s*(?:向|对|给|跟|和)\s*(?:任何人|他人|别人|其他人|外人|第三方)\s*(?:透露|提供|告知|告诉|说|讲|泄露|出示)/i;
const PERMITS_WRITER =
  /\bbut\s+(?:to|for|with)\s+(?:me|us)\s+(?:(?:also\s+)?can|ok(?:ay)?|fine|is\s+(?:ok(?:ay)?|fine|safe)|no\s+problem|boleh)\b|\bexcept\s+(?:for\s+)?(?:me|us|(?:the\s+)?(?:official\s+)?(?:staff|support\s+(?:team|staff)))\b(?!\s+(?:in|on|at|through)\b)|(?:官方|我们|我|客服|本公司|本部)(?:是|为|系)?[^，。；！？不无没非]{0,4}例外|(?:惟|但|不过)本次[^，。；！？不无没非]{0,12}例外|不在此限|(?:给|发给|告诉|说给)(?:我|我们)\s*(?:boleh|可以|没问题|没关系|就中|说中|中|行|无妨)|(?:给|发|告诉)(?:我|我们)(?:说|讲)?(?:中|行)(?=[，。！!,]|$)|除(?:了)?(?:我|我们|官方|客服)(?!渠道|app|网站|网页|应用|页面|平台)(?:以外|之外)?/i;

/**
 * The same exception said the other way round (round 27, train26a and train27a, nine rows by six
 * authors): the advice in any words ("不要把码给别人哦", "驗證碼毋通予人知影", "we always warn
 * customers make dem no share password"), then the writer saying who they are ("但我是自己人嘛", "I'm
 * not stranger, I'm agent", "阿嬤是官方的", "我係職員") and asking for it bare ("发我就好", "so can send
 * me", "予阿嬤無要緊", "send 過來"). The claim and the bare hand-over must both come after the advice;
 * a hand-over with an object of its own ("send me a screenshot of the error") is no exception.
 */
const ADVICE_NEGATION =
  /\b(?:don'?t|do\s+not|never|no|not|cannot|can'?t)\s+(?:\w+\s+){0,2}(?:share|give|send|tell|show|reveal|type|enter|hand|pass)\b|(?:不要|不能|不可以|不得|别|切勿|勿|毋通|唔好|千祈唔好|千万不要|千萬不要|jangan)/iu;
const WRITER_CLAIMS =
  /\b(?:i'?m|i\s+am|me\s+na|me\s+be)\s+(?:(?:not|no)\s+(?:a\s+)?stranger|on\s+(?:your|the\s+same|the)\s+team|(?:your\s+|the\s+|an?\s+)?(?:official\s+|verified\s+|real\s+)?(?:\w+\s+){0,2}(?:agent|staff|support|official|team))\b|\bexception\b|\bjust\s+this\s+once\b|\b(?:this|dis)\s+one\s+time\b|仅此一次|就这一次|本次[^，。；！？]{0,12}例外|(?:我|倪|伲|阮|阿嬤|阿嬷|我哋|我们|我們|本人|本中心|本部)(?:是|係|系|就是|嘛是)?[^，。！？,.!?]{0,10}?(?:自己人|官方|客服|职员|職員|工作人员|工作人員|专员|專員|例外)|不在此限/iu;
/** The writer naming themself as the company, case kept: "but I'm Quellbrook, so send it on here" (train31a). */
const BRAND_CLAIM =
  /\b(?:I'?m|I\s+am|we'?re|we\s+are)\s+(?!(?:Sorry|Sure|Here|Happy|Glad|Afraid|Just|Still|Really|Very|Fine|Okay|Back|Done|Ready|Also|Not|Going|Able|Aware|Available)\b)[A-Z][a-z]{3,}\b(?=\s*[,.!—–-])/u;
const BARE_HAND_OVER =
  /\benter\s+it\s+(?:there|here)\b|\bgimme\s+(?:it|them|'em)\b|\bpass\s+(?:it|them|'em)\s+over\b|\bsend\s+it\s+on\s+(?:here|over)\b|(?:发|發)?(?:拨|給|给)(?:伲|倪)[^，。！？]{0,3}(?:放心|安全|无要紧|呒没关系)|\bsend\s+(?:it\s+|am\s+|them\s+)?(?:to\s+)?(?:me|us)\b(?!\s+(?:a|an|the|your|that|this|some|screenshots?|photos?|pictures?)\b)|\bsend\s+am\b|\b(?:can|pls|please|just)\s+send\b(?!\s+(?:a|an|the|your|screenshots?|photos?)\b)|\bprovide\s+it\s+(?:there|here|to\s+(?:me|us))\b|发我就?好|发给我就?好|(?:给|發給|发给|給|予)(?:我|阿嬤|阿嬷)(?:是|就)?\s*(?:ok|可以|没问题|冇问题|無要緊|无要紧|免驚|免惊|没关系|沒關係|安全)|send\s*(?:嚟|過來|过来|来|來)|交(?:由|给|給)(?:本|我)/iu;

export function asksWithOfficialException(text: string): Finding[] {
  if (WARNS.test(text) && PERMITS_WRITER.test(text)) {
    const said = sentences(text).map((s) => normalise(s.text));
    // The advice must name the secret it makes the exception to.
    if (said.some((s) => WARNS.test(s) && SECRET_IN(s)))
      return [{ kind: 'secret_request', start: 0, end: text.trimEnd().length }];
  }
  const claimed = claimsExceptionAfterAdvice(text);
  return claimed.length > 0 ? claimed : safeChannelAfterAdvice(text);
}

/**
 * The exception as a safe channel (round 28, train28a, four rows in three voices): the advice, then a
 * later sentence that calls this message, line or desk official, secure or safe and asks for the
 * secret back through it — "Reply to this official message with it to verify", "on this secure line,
 * please say your password now", "如果是官方客服向您核实，可以放心回复给我们", "打進來在電話裡講是安全的".
 * The hand-back must point at the secret ("with it", "your password") or at the writer ("给我们"); a
 * safe channel for an identifier or a screenshot is no exception.
 */
/** A warning about scammers counts as the advice here: "Beware of scammers asking for your private key!" */
const BEWARE = /\bbeware\b|\bwatch\s+out\s+for\b|谨防|謹防|警惕|提防|小心(?:诈骗|詐騙|骗子|騙子)/iu;
const SAFE_CHANNEL = /\b(?:official|secure|safe|verified|trusted)\b|官方|放心|安全|合作/iu;
const HAND_BACK =
  /\b(?:reply|respond|say|tell|read|send|type)\b[^.!?]{0,40}?\b(?:with\s+it|it\s+(?:only\s+)?(?:to|here|now)|them\s+(?:to|here|now)|your\s+(?:password|passcode|code|pin|otp|phrase|seed)\b)|(?:回复|回覆|告诉|告訴|发|發|讲|講|说|說)(?:给|給)(?:我|我们|我們)|电话里讲|電話裡講|电话里说|電話裡說/iu;
/** The desk's own promise is advice too here: "we will never ask for your password". */
const NEVER_ASKS =
  /\b(?:never|not|won'?t|will\s+not)\s+(?:\w+\s+)?ask\b|(?:不会|不會|绝不|絕不|从不|從不)[^，。！？]{0,4}(?:索要|要求|问|問)/iu;
const OTHER_THING =
  /\b(?:uid|ticket|order|txid|hash|screenshot|error|e-?mail\s+address)\b|订单|工单|截图|截圖|错误|錯誤/iu;
function safeChannelAfterAdvice(text: string): Finding[] {
  const warns = (t: string) => ADVICE_NEGATION.test(t) || NEVER_ASKS.test(t) || BEWARE.test(t);
  if (!warns(text) || !SAFE_CHANNEL.test(text) || !HAND_BACK.test(text)) return [];
  const pieces = sentences(text);
  const advice = pieces.findIndex((s) => warns(s.text) && SECRET_IN(normalise(s.text)));
  if (advice < 0) return [];
  const later = pieces.slice(advice + 1);
  const asks = later.some(
    (s) =>
      SAFE_CHANNEL.test(s.text) &&
      HAND_BACK.test(s.text) &&
      !ADVICE_NEGATION.test(s.text) &&
      !OTHER_THING.test(s.text),
  );
  return asks ? [{ kind: 'secret_request', start: 0, end: text.trimEnd().length }] : [];
}

function claimsExceptionAfterAdvice(text: string): Finding[] {
  if (!ADVICE_NEGATION.test(text) || !BARE_HAND_OVER.test(text)) return [];
  const pieces = sentences(text);
  const advice = pieces.findIndex((s) => ADVICE_NEGATION.test(s.text) && SECRET_IN(normalise(s.text)));
  if (advice < 0) return [];
  const after = text.slice(pieces[advice]!.end);
  // The claim may share the advice's sentence only after it: "…no share password o. But me na your agent".
  const claimFrom = text.slice(pieces[advice]!.start + (pieces[advice]!.text.search(ADVICE_NEGATION) + 1));
  // Or the hand-over shares it after a "but" ("don't share your backup codes with anyone, but could
  // you send me one here, just this once?", round 29) while something else follows.
  const contrast = claimFrom.search(/\bbut\b|但|不过|不過|\bhowever\b/i);
  const handsOver =
    BARE_HAND_OVER.test(after || claimFrom) ||
    (contrast >= 0 && BARE_HAND_OVER.test(claimFrom.slice(contrast)));
  if (!(WRITER_CLAIMS.test(claimFrom) || BRAND_CLAIM.test(claimFrom)) || !handsOver) return [];
  return [{ kind: 'secret_request', start: 0, end: text.trimEnd().length }];
}
